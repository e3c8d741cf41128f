"""A small year of content to archive (2016, beside the demo's own 2016 documents), and what must stay out."""

import datetime as dt
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, PageViewRestriction

from portal.demo.images import demo_picture
from portal.news.models import ArticleAttachment, ArticlePage
from portal.news.tests.factories import section

YEAR = 2016


@dataclass
class ArchiveYear:
    article: ArticlePage  # public, with an image and two files (one of them in a private collection)
    translation: ArticlePage  # its English translation
    draft: ArticlePage
    private: ArticlePage
    other_year: ArticlePage
    image: object
    document: object
    private_document: object


def _when(month: int, day: int) -> dt.datetime:
    return dt.datetime(YEAR, month, day, 9, 30, tzinfo=timezone.get_current_timezone())


def _article(parent, *, slug: str, title: str, published: dt.datetime | None, publish: bool = True, **fields):
    article = parent.add_child(
        instance=ArticlePage(
            title=title,
            slug=slug,
            lead=fields.pop("lead", "Tóm tắt tin bài lưu trữ."),
            body=[{"type": "paragraph", "value": fields.pop("body_html", "<p>Nội dung tin bài lưu trữ.</p>")}],
            first_published_at=published,
            live=False,
            **fields,
        )
    )
    if publish:
        article.save_revision().publish()
        article.refresh_from_db()
    else:
        article.save_revision()
    return article


def make_archive_year() -> ArchiveYear:
    image = get_image_model().objects.create(
        title="Ảnh lưu trữ Quy chế", file=ImageFile(io.BytesIO(demo_picture("archive-2016")), name="luu-tru-2016.jpg")
    )
    document = get_document_model().objects.create(
        title="Quy chế hoạt động (tệp)",
        file=ContentFile("Quy chế lưu trữ: toàn văn\n".encode(), name="quy-che-luu-tru.txt"),
    )
    hidden = Collection.get_first_root_node().add_child(name="Hồ sơ nội bộ lưu trữ")
    CollectionViewRestriction.objects.create(
        collection=hidden, restriction_type=CollectionViewRestriction.PASSWORD, password="noi-bo"
    )
    private_document = get_document_model().objects.create(
        title="Tệp nội bộ", collection=hidden, file=ContentFile(b"internal only\n", name="tep-noi-bo.txt")
    )
    news = section("tin-tuc-su-kien")
    article = _article(
        news,
        slug="ban-hanh-quy-che-luu-tru-2016",
        title="Ban hành Quy chế hoạt động Trang thông tin điện tử",
        published=_when(5, 10),
        image=image,
        image_alt="Toàn cảnh hội nghị",
        body_html=(
            "<p>Sở Ngoại vụ ban hành quy chế mới về lưu trữ hồ sơ.</p>"
            f'<p><a linktype="document" id="{document.pk}">Tải quy chế</a></p>'
        ),
    )
    article.attachments.add(ArticleAttachment(document=document, title="Toàn văn quy chế"))
    article.attachments.add(ArticleAttachment(document=private_document, title="Tệp nội bộ kèm theo"))
    article.save_revision().publish()
    article.refresh_from_db()

    english = Locale.objects.get(language_code="en")
    translation = article.copy_for_translation(english)
    translation.title = "Regulation on the operation of the e-information portal issued"
    translation.slug = "regulation-archive-2016"
    translation.lead = "The Department issued its regulation on archives."
    translation.first_published_at = _when(5, 11)
    translation.save()
    translation.save_revision().publish()
    translation.refresh_from_db()

    draft = _article(
        news, slug="ban-nhap-2016", title="Bản nháp chưa đăng năm 2016", published=_when(6, 1), publish=False
    )
    private = _article(news, slug="trang-rieng-2016", title="Trang riêng tư năm 2016", published=_when(7, 1))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat")
    other_year = _article(
        news,
        slug="tin-nam-2015",
        title="Tin của năm 2015",
        published=dt.datetime(YEAR - 1, 12, 31, 23, 0, tzinfo=timezone.get_current_timezone()),
    )
    return ArchiveYear(article, translation, draft, private, other_year, image, document, private_document)

"""Load the demo: site structure, agency details, units, roles and accounts, bilingual content.

Every step is get-or-create by a natural key (slug, code, user name), so running it again
creates only what is missing and never overwrites what someone has edited.
"""

import datetime as dt
import json
import zlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from portal.demo.accounts import seed_demo_staff
from portal.demo.albums import ensure_demo_albums
from portal.demo.applications import ensure_demo_applications
from portal.demo.board import ensure_demo_board
from portal.demo.collected import ensure_demo_sources
from portal.demo.consultation import ensure_demo_consultation
from portal.demo.disclosure import ensure_demo_disclosure
from portal.demo.documents import ensure_demo_documents
from portal.demo.handbook import ensure_demo_handbook
from portal.demo.investment import ensure_demo_investment
from portal.demo.organisation import ensure_demo_organisation
from portal.demo.planning import demo_source_date, ensure_demo_plan
from portal.demo.procedures import ensure_demo_procedures
from portal.demo.qa import ensure_demo_questions
from portal.demo.recruitment import ensure_demo_recruitment
from portal.demo.royalties import ensure_demo_royalties
from portal.demo.schedules import ensure_demo_schedules
from portal.demo.translations import ensure_demo_translations
from portal.home.models import HomePage
from portal.news.models import ArticleAttachment, ArticlePage
from portal.packs.install import install_pack
from portal.packs.loading import read_pack
from portal.units.models import Unit
from portal.units.roles import ensure_roles

from .accounts import DEMO_ACCOUNTS
from .images import demo_picture

CONTENT_DIR = Path(__file__).parent / "content"
# The demo is the example pack (the 2017 plan of Sở Ngoại vụ Thừa Thiên Huế) plus demo content and accounts.
DEMO_PACK = Path(settings.BASE_DIR) / "packs" / "so-ngoai-vu-thua-thien-hue.yaml"

Report = Callable[[str], None]


def load_demo(*, report: Report = print, progress: Callable | None = None) -> None:
    articles = json.loads((CONTENT_DIR / "articles.json").read_text(encoding="utf-8"))
    install_pack(read_pack(DEMO_PACK), hostname="localhost")  # the demo serves on the development machine
    with transaction.atomic():
        en = Locale.objects.get(language_code="en")
        home_vi = HomePage.objects.get(locale__language_code="vi")
        home_en = HomePage.objects.get(locale=en)
        sections = {page.slug: page.specific for page in home_vi.get_descendants().filter(depth__lte=home_vi.depth + 2)}
        units = {unit.code: unit for unit in Unit.objects.all()}
        groups = ensure_roles(site_roots=[home_vi, home_en])
        _accounts(groups, units, report)
        ensure_demo_sources()
        ensure_demo_plan()
        # Profiles, and approvers' TOTP devices with the README's secret: after the plan, which makes
        # the unit heads the editors of news (row 2), so approvers too.
        seed_demo_staff(DEMO_ACCOUNTS, units)
        ensure_demo_procedures()
        ensure_demo_applications()
        ensure_demo_questions(report=report)
    created = 0
    items = progress(articles) if progress else articles
    for item in items:
        with transaction.atomic():
            created += _article(item, sections, units, en)
    with transaction.atomic():
        ensure_demo_documents()
        ensure_demo_schedules()
        ensure_demo_albums()
        ensure_demo_organisation()
        ensure_demo_recruitment()
        ensure_demo_investment()
        ensure_demo_handbook()
        ensure_demo_consultation()
        ensure_demo_disclosure()
        ensure_demo_board()  # meetings, a course, the words of the last quarter's report
    ensure_demo_royalties()  # after the items: schedules, named authors, the ledger, settled quarters
    ensure_demo_translations()
    report(f"Demo content: {len(sections)} categories, {created} new items ({len(articles)} in the demo set).")


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _accounts(groups: dict, units: dict, report: Report) -> None:
    User = get_user_model()
    for username, password, role, full_name, _unit_code in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                # Vietnamese order: Django's "first name" holds the family and middle names (labelled so in
                # the Vietnamese catalogue), "last name" the given name, so get_full_name() reads naturally.
                "first_name": full_name.rsplit(" ", 1)[0],
                "last_name": full_name.rsplit(" ", 1)[-1],
                "email": f"{username}@demo.invalid",
                "is_staff": role is None,
                "is_superuser": role is None,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        if role is not None:
            user.groups.add(groups[role])
        report(f"  {username} / {password}  ({role.group_name if role else 'Quản trị hệ thống'})")


def _body(blocks: list[dict]) -> list[dict]:
    """The JSON blocks as StreamField data: runs of text become one rich-text block."""
    stream, html = [], []
    for block in blocks:
        kind = block["type"]
        if kind == "paragraph":
            html.append(f"<p>{escape(block['text'])}</p>")
        elif kind == "heading":
            html.append(f"<h2>{escape(block['text'])}</h2>")
        elif kind == "list":
            html.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block["items"]) + "</ul>")
        elif kind == "quote":
            if html:
                stream.append({"type": "paragraph", "value": "".join(html)})
                html = []
            stream.append(
                {"type": "quote", "value": {"text": block["text"], "attribution": block.get("attribution", "")}}
            )
    if html:
        stream.append({"type": "paragraph", "value": "".join(html)})
    return stream


def _image(item: dict):
    Image = get_image_model()
    title = f"demo-{item['key']}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    from io import BytesIO

    data = BytesIO(demo_picture(item["key"]))
    return Image.objects.create(
        title=title, description=item["image"]["alt_vi"], file=ImageFile(data, name=f"{item['key']}.jpg")
    )


# Items of these categories announce a document: the demo attaches it as a PDF.
ATTACHED_DOCUMENT_CATEGORIES = {"van-ban-chi-dao-dieu-hanh", "chuong-trinh-cong-tac"}


def _document_attachment(item: dict) -> ArticleAttachment:
    from weasyprint import HTML  # only the demo's few documents need it

    paragraphs = "".join(f"<p>{escape(b['text'])}</p>" for b in item["body_vi"] if b["type"] == "paragraph")
    pdf = HTML(
        string=f"<h1>{escape(item['title_vi'])}</h1><p><b>{escape(item['lead_vi'])}</b></p>{paragraphs}"
    ).write_pdf()
    Document = get_document_model()
    document = Document.objects.filter(title=item["title_vi"]).first() or Document.objects.create(
        title=item["title_vi"], file=ContentFile(pdf, name=f"{item['key']}.pdf")
    )
    return ArticleAttachment(document=document, title=item["title_vi"])


def _article(item: dict, sections: dict, units: dict, en: Locale) -> int:
    section = sections[item["category"]]
    article = ArticlePage.objects.child_of(section).filter(slug=item["key"]).first()
    created = 0
    published_at = timezone.now() - dt.timedelta(days=item["days_ago"], hours=zlib.crc32(item["key"].encode()) % 8)
    image = _image(item) if item.get("image") else None
    if article is None:
        source = item.get("source") or {}
        article = section.add_child(
            instance=ArticlePage(
                title=item["title_vi"],
                slug=item["key"],
                lead=item["lead_vi"],
                body=_body(item["body_vi"]),
                author_name=item.get("author", ""),
                unit=units.get(item.get("unit")),
                featured=item.get("featured", False),
                source_kind=ArticlePage.SOURCE_COLLECTED if source else ArticlePage.SOURCE_ORIGINAL,
                source_name=source.get("name", ""),
                source_url=source.get("url", ""),
                image=image,
                image_alt=(item.get("image") or {}).get("alt_vi", ""),
                image_caption=(item.get("image") or {}).get("caption_vi", ""),
                first_published_at=published_at,
                last_published_at=published_at,
                source_date=demo_source_date(item, published_at),
                attachments=[_document_attachment(item)] if item["category"] in ATTACHED_DOCUMENT_CATEGORIES else [],
            )
        )
        _publish(article)
        created = 1
    if item.get("title_en") and not article.get_translations().filter(locale=en).exists():
        translation = article.copy_for_translation(en).specific
        translation.title, translation.lead = item["title_en"], item["lead_en"]
        translation.slug = slugify(item["title_en"])[:80].strip("-")
        translation.body = _body(item["body_en"])
        if image:
            translation.image_alt = item["image"].get("alt_en", "")
            translation.image_caption = item["image"].get("caption_en", "")
        # Translated within the day (the plan allows two working days), never later than now.
        translation.first_published_at = min(article.first_published_at + dt.timedelta(hours=20), timezone.now())
        translation.save()
        _publish(translation)
    return created

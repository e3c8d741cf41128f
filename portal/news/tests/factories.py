"""Build published items and categories the way editors do (add to the tree, publish a revision)."""

import datetime as dt
import itertools

from django.utils import timezone
from wagtail.models import Locale

from portal.home.models import HomePage
from portal.news.models import ArticlePage, SectionPage

_counter = itertools.count(1)


def vietnamese_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="vi")


def english_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="en")


def section(slug: str = "tin-tuc-su-kien", language: str = "vi") -> SectionPage:
    vi_section = SectionPage.objects.get(slug=slug, locale__language_code="vi")
    if language == "vi":
        return vi_section
    return vi_section.get_translation(Locale.objects.get(language_code=language))


def publish_article(
    parent: SectionPage,
    *,
    title: str | None = None,
    lead: str = "Tóm tắt tin bài.",
    body_html: str = "<p>Nội dung tin bài.</p>",
    days_ago: float = 0,
    **fields,
) -> ArticlePage:
    number = next(_counter)
    when = timezone.now() - dt.timedelta(days=days_ago)
    article = parent.add_child(
        instance=ArticlePage(
            title=title or f"Tin bài thử nghiệm số {number}",
            slug=f"tin-thu-nghiem-{number}",
            lead=lead,
            body=[{"type": "paragraph", "value": body_html}],
            first_published_at=when,
            **fields,
        )
    )
    article.save_revision().publish()
    article.refresh_from_db()
    return article

"""Demo content of the plan: the 2017 plan as written, this year's copied from it, anniversaries,
a few weeks of visits. Idempotent, and never overwrites what someone has edited."""

from __future__ import annotations

import datetime as dt
import zlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.planning.models import KeyTask, Plan
from portal.visits.models import DailyVisits, PageVisits

# Items of these categories report a document: the demo dates it a few days before publication,
# so that the dashboard shows some published on time and some late.
DOCUMENT_CATEGORIES = {
    "van-ban-chi-dao-dieu-hanh",
    "chuong-trinh-cong-tac",
    "pho-bien-phap-luat",
    "thu-tuc-hanh-chinh",
    "tuyen-dung",
}
DEMO_TASK_STATUSES = {
    "1": (KeyTask.Status.DONE, "Trang tiếng Anh đã vận hành."),
    "3": (KeyTask.Status.DONE, ""),
    "4": (KeyTask.Status.IN_PROGRESS, ""),
}
# The demo's category editor (an account of the demo, beside the people the plan names) reviews the
# categories of her unit: news (row 2), international cooperation (7) and the protocol handbook (14).
DEMO_ROW_EDITORS = {"bientap": ["2", "7", "14"]}
DEMO_VISIT_DAYS = 150
DEMO_PAGES = ["/", "/tin-tuc-su-kien/", "/thu-tuc-hanh-chinh/", "/hoi-dap/", "/en/", "/hop-tac-quoc-te/"]


def demo_source_date(item: dict, published_at: dt.datetime) -> dt.date | None:
    """The date of the document a demo item reports (0 to 3 days before it was published), or None."""
    if item["category"] not in DOCUMENT_CATEGORIES:
        return None
    return timezone.localtime(published_at).date() - dt.timedelta(days=zlib.crc32(item["key"].encode()) % 4)


def _demo_visits(today: dt.date) -> None:
    if DailyVisits.objects.exists():
        return
    daily, pages = [], []
    for offset in range(1, DEMO_VISIT_DAYS + 1):
        day = today - dt.timedelta(days=offset)
        seed = zlib.crc32(day.isoformat().encode())
        views = (420 if day.weekday() < 5 else 160) + seed % 180
        daily.append(DailyVisits(day=day, views=views))
        remaining = views
        for position, path in enumerate(DEMO_PAGES):
            share = remaining // 3 if position < len(DEMO_PAGES) - 1 else remaining
            pages.append(PageVisits(day=day, path=path, views=share))
            remaining -= share
    DailyVisits.objects.bulk_create(daily, ignore_conflicts=True)
    PageVisits.objects.bulk_create(pages, ignore_conflicts=True)


@transaction.atomic
def ensure_demo_plan() -> None:
    today = timezone.localdate()
    from portal.packs.install import plan_next_year

    created = not Plan.objects.filter(year=today.year).exists()
    current = plan_next_year(year=today.year, royalties=False)  # copied from the pack's 2017; royalties: demo
    if created:
        for task in current.key_tasks.all():
            if task.number in DEMO_TASK_STATUSES:
                task.status, task.note = DEMO_TASK_STATUSES[task.number]
                task.save(update_fields=["status", "note"])
        User = get_user_model()
        for username, numbers in DEMO_ROW_EDITORS.items():
            editor = User.objects.filter(username=username).first()
            if editor:
                for row in current.rows.filter(number__in=numbers):
                    row.editors.add(editor)
                    row.save()  # a parental many-to-many field is written when its row is saved
    _demo_visits(today)

"""The review queue: what is waiting, with whom, for how long, against the deadline."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState

from portal.core import deadlines

from .models import GroupReviewTask, category_editors
from .notifications import reviewers_of
from .services import other_units_drafts, staff_unit_id

GREEN, AMBER, RED = deadlines.ON_TIME, deadlines.DUE_SOON, deadlines.OVERDUE
LIGHT_LABELS = {GREEN: _("On time"), AMBER: _("Due soon"), RED: _("Overdue")}


@dataclass(frozen=True)
class QueueEntry:
    page: Page
    category: Page | None
    task_name: str
    holders: list
    submitted_at: dt.datetime
    waited_days: float
    allowed_days: int
    light: str

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


# The plan's default time for a review step (Appendix I: one working day), until the annual plan gives
# each category its rule. Not a setting: the plan is where the agency changes a time allowed.
REVIEW_WORKING_DAYS = 1


def reviews_in_a_group_step(user) -> bool:
    """Whether a step of an active workflow goes to a group `user` is in (a pack's unit_head or
    secretariat step)."""
    return GroupReviewTask.objects.filter(
        active=True, groups__user=user, workflow_tasks__workflow__active=True
    ).exists()


def _sees_whole_queue(user) -> bool:
    """The secretariat runs the site day to day and the editor-in-chief approves last: they see every item
    (of their own agency's: _own_tree)."""
    from portal.units.roles import EDITOR_IN_CHIEF, SECRETARIAT, groups_in_any_agency

    if user.is_superuser:
        return True
    return user.groups.filter(groups_in_any_agency(SECRETARIAT, EDITOR_IN_CHIEF)).exists()


def _own_tree(user) -> tuple[str, ...] | None:
    """The tree paths of the agency `user` works for, whose items alone they see in the queue; None (every
    item) for a superuser and on an installation of one agency."""
    from portal.core.models import AgencySettings
    from portal.planning.agencies import agency_root_paths, serves_one_agency, user_agency

    if user.is_superuser or serves_one_agency():
        return None
    return tuple(agency_root_paths(user_agency(user) or AgencySettings.load()))


def _categories_of(pages: list[Page]) -> dict[int, Page | None]:
    """Each page's category (its nearest category ancestor, or itself), in one query for all of them."""
    from portal.news.models import SectionPage

    steplen = Page.steplen
    paths = {page.path[:end] for page in pages for end in range(steplen, len(page.path) + 1, steplen)}
    sections = {section.path: section for section in SectionPage.objects.filter(path__in=paths)}
    categories = {}
    for page in pages:
        ancestry = (page.path[:end] for end in range(len(page.path), 0, -steplen))
        categories[page.pk] = next((sections[path] for path in ancestry if path in sections), None)
    return categories


class _Visibility:
    """Which queued items `user` may see: their unit's items (a unit head, a contributor), their own, and
    those of the categories the plan gives them to review (plan_row_editors, through category_editors);
    everything for the secretariat and the editor-in-chief; never another agency's item."""

    def __init__(self, user):
        self.user = user
        self.everything = _sees_whole_queue(user)
        self.own_tree = _own_tree(user)
        self.unit_id = staff_unit_id(user)
        self._edits = {}

    def sees(self, page: Page, category: Page | None, requested_by_id: int | None) -> bool:
        if self.own_tree is not None and not page.path.startswith(self.own_tree):
            return False  # another agency's item
        if self.everything or self.user.pk in (getattr(page, "owner_id", None), requested_by_id):
            return True
        unit_id = getattr(page, "unit_id", None)
        if unit_id is not None and unit_id == self.unit_id:
            return True
        if category is None:
            return False
        key = (category.pk, unit_id)
        if key not in self._edits:  # once per category and unit, however long the queue
            self._edits[key] = category_editors(page).filter(pk=self.user.pk).exists()
        return self._edits[key]


def _pages_in_review(states: list[TaskState]) -> dict[str, Page]:
    """The pages of `states`, each as its own type (one query per page type, not one per item), by id text."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = [
        int(state.workflow_state.object_id)
        for state in states
        if state.workflow_state.base_content_type_id == page_type.pk
    ]
    return {str(page.pk): page for page in Page.objects.filter(pk__in=ids).specific()}


def _with_pages(states):
    """(state, its page as its own type, the page's category) for the states whose object is a page: each
    page read once, with its category, not one query per item."""
    states = list(states)
    pages = _pages_in_review(states)
    categories = _categories_of(list(pages.values()))
    for state in states:
        page = pages.get(state.workflow_state.object_id)
        if page is not None:
            yield state, page, categories[page.pk]


def states_in_users_categories(user, states) -> list[int]:
    """The ids of the task states (in progress, with their workflow state) whose item lies in a category
    `user` reviews: category_editors asked once per category and unit, however long the queue."""
    reviews = {}
    chosen = []
    for state, page, category in _with_pages(states):
        key = (category.pk if category else None, getattr(page, "unit_id", None))
        if key not in reviews:
            reviews[key] = category_editors(page).filter(pk=user.pk).exists()
        if reviews[key]:
            chosen.append(state.pk)
    return chosen


def page_history_seen_by(user, entries):
    """Site history's page entries for `user`: whoever is held to a unit does not read the entries of
    another unit's drafts (the rule the page permission policy lists pages by: `other_units_drafts`)."""
    hidden = other_units_drafts(user)
    if hidden is None:
        return entries
    return entries.exclude(page__in=Page.objects.filter(hidden).values("pk"))


def review_queue(
    *,
    user=None,
    now: dt.datetime | None = None,
    page: Page | None = None,
    limit: int | None = None,
    with_holders: bool = True,
) -> list[QueueEntry]:
    """Every page in review (or just `page`), longest waiting first; with `user`, only the items that user
    may see (see _Visibility), at most `limit` of them: green in the first half of the allowed time, amber
    in the second half, red past the due time (the deadline clock's light)."""
    now = now or timezone.now()
    allowed = REVIEW_WORKING_DAYS
    states = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "workflow_state")
        .order_by("started_at")
    )
    if page is not None:
        states = states.filter(workflow_state__object_id=str(page.pk))
    visibility = _Visibility(user) if user is not None else None
    holders_by_key = {}
    entries = []
    for state, page, category in _with_pages(states):
        if visibility is not None and not visibility.sees(page, category, state.workflow_state.requested_by_id):
            continue
        holders = []
        if with_holders:
            # Who holds a step depends on the step, the category and the unit: asked once for each.
            key = (state.task_id, category.pk if category else None, getattr(page, "unit_id", None))
            if key not in holders_by_key:
                holders_by_key[key] = list(reviewers_of(state.task, page))
            holders = holders_by_key[key]
        # The wait at the current step: each holder answers for their own time.
        clock = deadlines.Deadline(start=state.started_at, days=allowed)
        entries.append(
            QueueEntry(
                page=page,
                category=category,
                task_name=state.task.name,
                holders=holders,
                submitted_at=state.started_at,
                waited_days=round(clock.working_days_waited(now), 1),
                allowed_days=allowed,
                light=clock.light(now),
            )
        )
        if limit is not None and len(entries) >= limit:
            break
    return entries


def queue_entry_for(page: Page) -> QueueEntry | None:
    return next(iter(review_queue(page=page)), None)

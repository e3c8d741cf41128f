"""The daily reminders (IV.1: the secretariat urges units to update on time).

Each unit's members and each responsible editor get one e-mail listing what they are behind on
or what is overdue; an item goes to a person at most once a day (ReminderLog), and the log says
what was sent. The time of day, and whether to send at all, are data (ReminderSettings).
Every agency of the installation is reminded of its own plan, by its own units' people and unit
heads, in an e-mail that names it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from portal.core.mail import render_subject, render_text, sender
from portal.core.models import AgencySettings
from portal.core.workdays import is_working_day
from portal.units.models import Unit

from .agencies import all_agencies, role_members
from .models import ReminderLog, ReminderSettings
from .selectors import BEHIND, plan_dashboard, plan_for_year

logger = logging.getLogger(__name__)
User = get_user_model()


@dataclass(frozen=True)
class Reminder:
    key: str  # what the log remembers: the same key is sent to a person at most once a day
    kind: str  # behind, stale, empty, overdue, unit_month
    context: dict  # what the e-mail's template (reminder_line.txt) says, in the recipient's language


def _members(unit_ids: set[int]) -> list:
    if not unit_ids:
        return []
    return list(User.objects.filter(is_active=True, staff_profile__unit_id__in=unit_ids).exclude(email=""))


def _line_people(line, unit_heads: dict[int, list]) -> tuple[set[int], list]:
    """(the line's source units, its editors: the people the plan names, and the units' heads where the
    plan makes them the editors)."""
    unit_ids = {unit.pk for unit in line.source_units}
    editors = [editor for editor in line.editors if editor.is_active and editor.email]
    if line.editors_are_unit_heads:
        editors += [head for unit_id in unit_ids for head in unit_heads.get(unit_id, []) if head not in editors]
    return unit_ids, editors


def _unit_heads(agency: AgencySettings) -> dict[int, list]:
    """The heads of each of the agency's units: the one its record names, and the members of its unit
    heads' group working in it."""
    from portal.units.roles import UNIT_HEAD

    heads: dict[int, list] = defaultdict(list)
    units = Unit.objects.filter(agency=agency, head__is_active=True).select_related("head").exclude(head__email="")
    for unit in units:
        heads[unit.pk].append(unit.head)
    members = role_members(UNIT_HEAD, agency).filter(staff_profile__unit__agency=agency)
    for user in members.exclude(email="").select_related("staff_profile"):
        if user not in heads[user.staff_profile.unit_id]:
            heads[user.staff_profile.unit_id].append(user)
    return heads


def reminders_for(
    *, today: dt.date, now: dt.datetime | None = None, agency: AgencySettings | None = None
) -> dict[object, list[Reminder]]:
    """What each person should be reminded of today, from this year's plan of `agency` (the default
    site's unless named)."""
    plan = plan_for_year(today.year, agency=agency)
    if plan is None:
        return {}
    dashboard = plan_dashboard(plan, today=today, now=now)
    assignments = _unit_heads(plan.agency)
    by_unit: dict[int, list[Reminder]] = defaultdict(list)
    by_editor: dict[int, list[Reminder]] = defaultdict(list)
    editors: dict[int, object] = {}

    def address(reminder: Reminder, unit_ids: set[int], people: list) -> None:
        for unit_id in unit_ids:
            by_unit[unit_id].append(reminder)
        for person in people:
            editors[person.pk] = person
            by_editor[person.pk].append(reminder)

    for entry in dashboard.progress:
        line = entry.line
        unit_ids, people = _line_people(line, assignments)
        context = {"number": line.number, "title": line.title, "count": entry.count}
        if entry.status == BEHIND:
            context |= {"expected": int(entry.expected_min), "quantity": line.quantity_text}
            address(Reminder(f"behind:{line.first.pk}", "behind", context), unit_ids, people)
        if entry.empty:
            address(Reminder(f"empty:{line.first.pk}", "empty", context), unit_ids, people)
        elif entry.stale:
            context |= {"idle": entry.idle_working_days, "allowed": line.stale_after_days}
            context |= {"last": timezone.localtime(entry.last_published).date()}
            address(Reminder(f"stale:{line.first.pk}", "stale", context), unit_ids, people)
    for item in dashboard.deadlines.late:
        if not item.overdue_unpublished:
            continue
        unit_ids, people = _line_people(item.line, assignments)
        if item.unit is not None:
            unit_ids = {item.unit.pk}
        context = {
            "title": item.title,
            "page_id": item.page_id,
            "deadline": timezone.localtime(item.deadline - dt.timedelta(seconds=1)).date(),
            "late": item.working_days_late,
            "category": item.line.title,
        }
        address(Reminder(f"overdue:{item.page_id}", "overdue", context), unit_ids, people)
    month_share = today.day / ((today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)).day
    for row in dashboard.units:
        if row.monthly_minimum and row.counts:
            expected = row.monthly_minimum * month_share
            if row.counts[-1] < int(expected):
                context = {"unit": row.unit.name, "count": row.counts[-1], "minimum": row.monthly_minimum}
                key = f"unit-month:{row.unit.pk}:{today:%Y-%m}"
                by_unit[row.unit.pk].append(Reminder(key, "unit_month", context))
    recipients: dict[int, tuple[object, list[Reminder]]] = {}
    for unit_id, reminders in by_unit.items():
        for member in _members({unit_id}):
            recipients.setdefault(member.pk, (member, []))[1].extend(reminders)
    for person_id, reminders in by_editor.items():
        recipients.setdefault(person_id, (editors[person_id], []))[1].extend(reminders)
    result = {}
    for person, reminders in recipients.values():
        unique = list({reminder.key: reminder for reminder in reminders}.values())
        result[person] = unique
    return result


def send_reminders(*, today: dt.date, now: dt.datetime | None = None) -> int:
    """E-mail everyone, agency by agency, what they were not yet reminded of today; returns the number of
    e-mails sent."""
    return sum(send_agency_reminders(agency=agency, today=today, now=now) for agency in all_agencies())


def send_agency_reminders(*, agency: AgencySettings, today: dt.date, now: dt.datetime | None = None) -> int:
    """E-mail the agency's people what its plan has them not yet reminded of today, in a mail from and
    naming the agency; returns the number of e-mails sent."""
    sent = 0
    already = defaultdict(set)
    for recipient_id, key in ReminderLog.objects.filter(day=today).values_list("recipient_id", "item_key"):
        already[recipient_id].add(key)
    for person, reminders in reminders_for(today=today, now=now, agency=agency).items():
        new = [reminder for reminder in reminders if reminder.key not in already[person.pk]]
        if not new or not person.email:
            continue
        language = UserProfile.get_for_user(person).get_preferred_language()
        with translation.override(language):
            context = {
                "agency": agency.name,
                "recipient": person,
                "today": today,
                "reminders": new,
                "admin_url": settings.WAGTAILADMIN_BASE_URL,
            }
            subject = render_subject("planning/emails/reminder_subject.txt", context)
            body = render_text("planning/emails/reminder.txt", context)
            summaries = [render_text("planning/emails/reminder_line.txt", {"reminder": r}).strip() for r in new]
        try:
            EmailMessage(subject=subject, body=body, from_email=sender(agency), to=[person.email]).send()
        except Exception:  # one unreachable mailbox must not stop the others
            logger.exception("Reminder to %s failed", person.email)
            continue
        ReminderLog.objects.bulk_create(
            [
                ReminderLog(day=today, recipient=person, item_key=reminder.key, summary=summary[:500])
                for reminder, summary in zip(new, summaries, strict=True)
            ],
            ignore_conflicts=True,
        )
        sent += 1
    return sent


def send_due_reminders(*, now: dt.datetime | None = None, force: bool = False) -> int | None:
    """The scheduler's job: send today's reminders once the set time has come (working days only).

    Returns the e-mails sent, or None when nothing was due. Two schedulers cannot both send:
    the settings row is locked for the run.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    ReminderSettings.load()  # created with its defaults the first time
    with transaction.atomic():
        reminder_settings = ReminderSettings.objects.select_for_update().order_by("pk").first()
        due = (
            reminder_settings.enabled
            and is_working_day(local.date())
            and local.time() >= reminder_settings.send_at
            and reminder_settings.last_sent_on != local.date()
        )
        if not (due or force):
            return None
        sent = send_reminders(today=local.date(), now=now)
        reminder_settings.last_sent_on = local.date()
        reminder_settings.save(update_fields=["last_sent_on"])
    return sent

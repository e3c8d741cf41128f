"""The Q&A's tunable values: each can be set in the settings; these are the defaults.

Read through functions (not module constants) so that a test's `settings` fixture changes them.
"""

from pathlib import Path

from django.conf import settings

DEFAULTS = {
    # Attachments: PDF or a picture, this big at most.
    "QA_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "QA_ATTACHMENT_MAX_PIXELS": 40_000_000,
    # A person needs a few seconds to fill in the form; a form open for a day is stale.
    "QA_MIN_SECONDS_TO_SUBMIT": 3,
    "QA_MAX_SECONDS_TO_SUBMIT": 24 * 60 * 60,
    # Per address: questions stored per hour and per day, form posts and status look-ups per 10 minutes.
    "QA_QUESTIONS_PER_HOUR": 5,
    "QA_QUESTIONS_PER_DAY": 20,
    "QA_POSTS_PER_10_MINUTES": 30,
    "QA_LOOKUPS_PER_10_MINUTES": 30,
    # The same question (same words) from the same e-mail or address within this many days is a duplicate.
    "QA_DUPLICATE_DAYS": 30,
    # Reminders go out on working days from this local hour on.
    "QA_REMINDER_HOUR": 8,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


# Appendix I row 15 of the model plan ("no later than 2 days after the question arrives"): the time of an
# installation that has no plan at all yet. Not a setting: the plan is where the agency changes it.
ANSWER_WORKING_DAYS_WITHOUT_PLAN = 2


def answer_working_days(agency_id: int | None = None) -> int:
    """How long the agency has to answer: its plan says it (Appendix I row 15, "after the question").

    `agency_id` names the agency the question was asked of; without it, the default site's (the only
    agency of a one-agency installation)."""
    from portal.core.models import AgencySettings
    from portal.planning.models import DeadlineRule
    from portal.planning.selectors import plan_days

    agency = AgencySettings(pk=agency_id) if agency_id else None
    return plan_days(DeadlineRule.AFTER_QUESTION, agency=agency) or ANSWER_WORKING_DAYS_WITHOUT_PLAN


def private_root() -> Path:
    """Where attachments are kept: outside MEDIA_ROOT, never served by the web server, in the private
    storage the applications use too (so one backup and one shared volume hold both)."""
    return Path(settings.QA_PRIVATE_ROOT or Path(settings.PRIVATE_STORAGE_ROOT) / "questions")


def public_base_url() -> str:
    """Scheme and host of the public site, for links in e-mails sent without a request at hand."""
    return (settings.PORTAL_PUBLIC_BASE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else public_base_url() + url

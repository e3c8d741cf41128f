"""Sign-in lockout (django-axes): by account *and* address, plus a limit per address.

axes counts failures per user name and address together (AXES_LOCKOUT_PARAMETERS), so five wrong
passwords from one address lock that account from that address only: whoever tries them cannot
keep the real user out from elsewhere. On its own that lets one address try five passwords on
every account; this handler also blocks an address after SIGN_IN_FAILURES_PER_ADDRESS failures
over all user names within the cool-off time.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def address_failures(request: HttpRequest) -> int:
    """Failed sign-ins from the request's address within the cool-off time, whatever the user name."""
    recent = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_blocked(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.SIGN_IN_FAILURES_PER_ADDRESS


class SignInLockoutHandler(AxesDatabaseHandler):
    """axes' database handler; an address over its limit counts as locked for any account."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_blocked(request):
            return max(failures, get_failure_limit(request, credentials))
        return failures

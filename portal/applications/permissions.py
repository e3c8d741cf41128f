"""Who may see and act on an application: staff of the unit that handles its procedure, by role, within
the agency the application was made to (a unit belongs to one agency).

Officers (`handle_application`) receive, ask for supplements, process and issue results; leaders
(`decide_application`) approve or refuse. Both only for the procedures of their own unit (their
staff profile's unit); superusers for every unit. Nobody else, whatever else they may do.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import Application

HANDLE = "applications.handle_application"
DECIDE = "applications.decide_application"

User = get_user_model()


def _unit_id(user) -> int | None:
    profile = getattr(user, "staff_profile", None)
    return profile.unit_id if profile is not None else None


def _agency_id(user) -> int | None:
    """The agency of the user's unit: an application is handled within the agency it was made to."""
    profile = getattr(user, "staff_profile", None)
    return profile.unit.agency_id if profile is not None and profile.unit_id is not None else None


def _in_scope(user, application: Application, permission: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm(permission):
        return False
    unit_id = _unit_id(user)
    in_unit = unit_id is not None and application.procedure.unit_id == unit_id
    return in_unit and application.agency_id == _agency_id(user)


def can_handle(user, application: Application) -> bool:
    return _in_scope(user, application, HANDLE)


def can_decide(user, application: Application) -> bool:
    return _in_scope(user, application, DECIDE)


def can_view(user, application: Application) -> bool:
    return can_handle(user, application) or can_decide(user, application)


def has_queue(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(HANDLE) or user.has_perm(DECIDE))


def visible_applications(user) -> QuerySet[Application]:
    """What the user's work queue holds: submitted applications of their unit (drafts are the applicant's own)."""
    applications = Application.objects.exclude(status=Application.DRAFT)
    if user.is_superuser:
        return applications
    if not has_queue(user) or _unit_id(user) is None:
        return applications.none()
    return applications.filter(procedure__unit_id=_unit_id(user), agency_id=_agency_id(user))


def unit_staff(unit_id: int, permission: str) -> QuerySet:
    """Active staff of a unit who hold `permission` through their groups (e-mail recipients)."""
    app_label, codename = permission.split(".")
    return (
        User.objects.filter(
            is_active=True,
            staff_profile__unit_id=unit_id,
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app_label,
        )
        .distinct()
        .order_by("pk")
    )

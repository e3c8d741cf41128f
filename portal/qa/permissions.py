"""Who may do what with a citizen's question. Permissions are granted per role in portal.units.roles;
whatever the role, staff see and act on the questions of their own agency only (superusers on all)."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from portal.core.models import AgencySettings

from .models import Question

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

ROUTE = "qa.route_question"
ANSWER = "qa.answer_question"
APPROVE = "qa.approve_answer"
MARK_SPAM = "qa.mark_spam_question"
VIEW = "qa.view_question"


def own_unit_id(user) -> int | None:
    from portal.accounts.models import StaffProfile

    if not hasattr(user, "_qa_unit_id"):
        user._qa_unit_id = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    return user._qa_unit_id


def agency_of_user(user) -> int | None:
    """The id of the agency a member of staff works for (`units.agencies.agency_of`); None for superusers,
    who serve the whole installation, and for anonymous users."""
    from portal.units.agencies import agency_of

    agency = agency_of(user)
    return agency.pk if agency is not None else None


def only_agency(user) -> bool:
    """Whether the user's agency is the installation's only one (as every installation was before)."""
    return user.is_superuser or not AgencySettings.objects.exclude(pk=agency_of_user(user)).exists()


def of_agency(user, questions: QuerySet[Question]) -> QuerySet[Question]:
    """`questions` narrowed to the user's agency (all of them for a superuser)."""
    return questions if user.is_superuser else questions.filter(agency_id=agency_of_user(user))


def sees_every_question(user) -> bool:
    """The secretariat routes everything and the approvers approve everything: they see all their agency's
    questions."""
    return user.is_active and (user.has_perm(ROUTE) or user.has_perm(APPROVE) or user.has_perm(MARK_SPAM))


def visible_questions(user) -> QuerySet[Question]:
    """The questions `user` may see: all of their agency's for the secretariat and approvers, their unit's
    for its members."""
    questions = Question.objects.all()
    if not user.is_authenticated or not user.is_active:
        return questions.none()
    if sees_every_question(user):
        return of_agency(user, questions)
    if user.has_perm(ANSWER) and own_unit_id(user) is not None:
        return questions.filter(unit_id=own_unit_id(user)).exclude(status=Question.Status.SPAM)
    return questions.none()


def of_own_agency(user, question: Question) -> bool:
    return user.is_superuser or question.agency_id == agency_of_user(user)


def can_route(user, question: Question) -> bool:
    return (
        user.has_perm(ROUTE)
        and of_own_agency(user, question)
        and question.status in (Question.Status.NEW, Question.Status.ASSIGNED)
    )


def can_answer(user, question: Question) -> bool:
    """Members of the unit the question was routed to draft its answer (superusers may stand in)."""
    if question.status != Question.Status.ASSIGNED or not user.has_perm(ANSWER):
        return False
    return user.is_superuser or (question.unit_id is not None and question.unit_id == own_unit_id(user))


def can_approve(user, question: Question) -> bool:
    return user.has_perm(APPROVE) and of_own_agency(user, question) and question.status == Question.Status.IN_REVIEW


def can_mark_spam(user, question: Question) -> bool:
    return (
        user.has_perm(MARK_SPAM)
        and of_own_agency(user, question)
        and question.status in (*Question.OPEN_STATUSES, Question.Status.SPAM)
    )


def can_see_attachment(user, question: Question) -> bool:
    return visible_questions(user).filter(pk=question.pk).exists()


def users_with(permission: str, *, agency_id: int | None = None):
    """Active staff holding `permission` through a group or directly (superusers are not written to);
    with `agency_id`, only that agency's staff (see agency_of_user)."""
    User = get_user_model()
    users = User.objects.with_perm(permission, include_superusers=False, backend=MODEL_BACKEND).filter(is_active=True)
    if agency_id is None:
        return users
    of_agency = Q(staff_profile__unit__agency_id=agency_id)
    if agency_id == AgencySettings.load().pk:
        of_agency |= Q(staff_profile__isnull=True) | Q(staff_profile__unit__isnull=True)
    return users.filter(of_agency)


def unit_members_who_answer(unit_id: int | None):
    if unit_id is None:
        return get_user_model().objects.none()
    return users_with(ANSWER).filter(staff_profile__unit_id=unit_id)

"""Who may do what with a citizen's question. Permissions are granted per role in portal.units.roles."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

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


def sees_every_question(user) -> bool:
    """The secretariat routes everything and the approvers approve everything: they see all questions."""
    return user.is_active and (user.has_perm(ROUTE) or user.has_perm(APPROVE) or user.has_perm(MARK_SPAM))


def visible_questions(user) -> QuerySet[Question]:
    """The questions `user` may see: all for the secretariat and approvers, their unit's for its members."""
    questions = Question.objects.all()
    if not user.is_authenticated or not user.is_active:
        return questions.none()
    if sees_every_question(user):
        return questions
    if user.has_perm(ANSWER) and own_unit_id(user) is not None:
        return questions.filter(unit_id=own_unit_id(user)).exclude(status=Question.Status.SPAM)
    return questions.none()


def can_route(user, question: Question) -> bool:
    return user.has_perm(ROUTE) and question.status in (Question.Status.NEW, Question.Status.ASSIGNED)


def can_answer(user, question: Question) -> bool:
    """Members of the unit the question was routed to draft its answer (superusers may stand in)."""
    if question.status != Question.Status.ASSIGNED or not user.has_perm(ANSWER):
        return False
    return user.is_superuser or (question.unit_id is not None and question.unit_id == own_unit_id(user))


def can_approve(user, question: Question) -> bool:
    return user.has_perm(APPROVE) and question.status == Question.Status.IN_REVIEW


def can_mark_spam(user, question: Question) -> bool:
    return user.has_perm(MARK_SPAM) and question.status in (*Question.OPEN_STATUSES, Question.Status.SPAM)


def can_see_attachment(user, question: Question) -> bool:
    return visible_questions(user).filter(pk=question.pk).exists()


def users_with(permission: str):
    """Active staff holding `permission` through a group or directly (superusers are not written to)."""
    User = get_user_model()
    return User.objects.with_perm(permission, include_superusers=False, backend=MODEL_BACKEND).filter(is_active=True)


def unit_members_who_answer(unit_id: int | None):
    if unit_id is None:
        return get_user_model().objects.none()
    return users_with(ANSWER).filter(staff_profile__unit_id=unit_id)

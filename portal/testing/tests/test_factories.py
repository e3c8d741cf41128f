"""The factories make what a test asks for, as the portal's users would see it."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.accounts.models import StaffProfile
from portal.applications.models import Application
from portal.payments.models import Payment
from portal.procedures.models import ProcedureVersion
from portal.qa.models import Question
from portal.testing.factories import (
    PASSWORD,
    ApplicationFactory,
    ArticleFactory,
    PaymentFactory,
    ProcedureVersionFactory,
    QuestionFactory,
    SectionFactory,
    StaffFactory,
    UnitFactory,
)
from portal.units import roles

pytestmark = pytest.mark.django_db


def test_a_staff_member_of_a_role_signs_in_to_the_admin_with_the_factory_password(client):
    unit = UnitFactory()
    editor = StaffFactory(role=roles.CATEGORY_EDITOR, unit=unit)
    assert editor.groups.get().name == roles.CATEGORY_EDITOR.group_name
    assert StaffProfile.objects.get(user=editor).unit == unit
    signed_in = client.post(reverse("wagtailadmin_login"), {"username": editor.username, "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("wagtailadmin_home")
    assert editor.has_perm("wagtailadmin.access_admin")


def test_two_staff_members_and_units_never_share_a_name():
    first, second = StaffFactory(), StaffFactory()
    assert first.username != second.username
    assert not hasattr(first, "staff_profile")  # no unit asked for: no profile
    assert UnitFactory().code != UnitFactory().code


def test_a_news_item_is_published_in_a_category_of_its_own_and_shown_there(client):
    item = ArticleFactory(title="Đoàn công tác thử nghiệm", days_ago=2)
    category = item.get_parent().specific
    assert item.live and category.live
    assert item.first_published_at.date() < item.last_published_at.date()
    assert "Đoàn công tác thử nghiệm" in client.get(item.url).content.decode()
    assert "Đoàn công tác thử nghiệm" in client.get(category.url).content.decode()


def test_news_items_go_to_the_category_given_and_a_draft_stays_unpublished():
    category = SectionFactory()
    ArticleFactory.create_batch(2, parent=category)
    draft = ArticleFactory(parent=category, publish=False)
    assert category.get_children().live().count() == 2
    assert not draft.live and draft.get_parent() == category


def test_a_question_is_received_as_the_public_form_receives_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = QuestionFactory(title="Hỏi về thủ tục thử nghiệm")
    assert Question.objects.get(tracking_code=question.tracking_code).status == Question.Status.NEW
    assert question.secret and question.secret not in question.secret_digest
    receipt = next(message for message in mail.outbox if message.to == [question.email])
    assert question.tracking_code in receipt.body


def test_an_application_is_submitted_for_a_procedure_in_effect_and_its_payment_waits_for_the_bank():
    version = ProcedureVersionFactory()
    assert version.status == ProcedureVersion.EFFECTIVE
    assert ProcedureVersionFactory(effective=False).status == ProcedureVersion.DRAFT
    application = ApplicationFactory(version=version)
    assert application.procedure == version.procedure
    assert Application.objects.get(pk=application.pk).status == Application.SUBMITTED
    payment = PaymentFactory()
    assert (payment.status, payment.amount) == (Payment.PENDING, 150_000)

"""Who needs a second factor, enrolment, and the demo's staff data."""

import base64
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Workflow, WorkflowTask

from portal.accounts import services
from portal.accounts.models import StaffProfile
from portal.demo.accounts import DEMO_ACCOUNTS, seed_demo_staff
from portal.editorial.models import GroupReviewTask
from portal.packs.install import plan_next_year
from portal.planning.models import PlanRow
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"
# truongphong: the demo's plan (row 2) makes the unit heads the editors of news.
DEMO_APPROVERS = {"bientap", "thuongtruc", "truongban", "quantri", "duyethoso", "truongphong"}


APPROVER_ROLES = {roles.CATEGORY_EDITOR, roles.SECRETARIAT, roles.EDITOR_IN_CHIEF, roles.APPLICATION_APPROVER}


@pytest.mark.parametrize("role", [*roles.ROLES, None], ids=lambda role: role.group_name if role else "superuser")
def test_second_factor_is_required_of_approvers_publishers_and_superusers(role):
    # By role alone: no row of the plan makes the unit heads its editors (the next test is about the plan).
    PlanRow.objects.filter(editors_are_unit_heads=True).update(editors_are_unit_heads=False)
    user = StaffFactory(role=role) if role else StaffFactory(superuser=True)
    assert services.requires_second_factor(user) is (role is None or role in APPROVER_ROLES)


def test_a_new_superuser_needs_a_second_factor_and_a_new_contributor_does_not(make_user):
    assert services.requires_second_factor(make_user("sieuquantri", is_superuser=True))
    assert not services.requires_second_factor(make_user("ctvmoi", role=roles.CONTRIBUTOR))


def test_whoever_the_plan_or_a_review_step_makes_an_approver_needs_a_second_factor(make_user):
    plan_next_year(year=timezone.localdate().year)  # this year's plan, copied from the pack's (if not yet)
    head = make_user("truongphongmoi", role=roles.UNIT_HEAD)
    rows = PlanRow.objects.filter(plan__year=timezone.localdate().year, editors_are_unit_heads=True)
    assert rows.exists()  # the pack's row 2: the unit heads are the editors of news
    assert services.requires_second_factor(head)
    rows.update(editors_are_unit_heads=False)
    assert not services.requires_second_factor(head)

    named = make_user("bientapmoi", role=roles.CONTRIBUTOR)
    assert not services.requires_second_factor(named)
    row = PlanRow.objects.filter(plan__year=timezone.localdate().year, category__isnull=False).first()
    row.editors.add(named)
    row.save()  # a parental many-to-many is written when its row is saved
    assert services.requires_second_factor(named)  # named as a category's editor by this year's plan

    translator = make_user("dichmoi", role=roles.CONTRIBUTOR)
    group = Group.objects.create(name="Tổ kiểm tra bản dịch")
    translator.groups.add(group)
    assert not services.requires_second_factor(translator)
    task = GroupReviewTask.objects.create(name="Tổ kiểm tra duyệt")
    task.groups.add(group)
    workflow = Workflow.objects.create(name="Duyệt bản dịch")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    assert services.requires_second_factor(translator)  # a review step goes to a group of theirs
    workflow.deactivate()
    assert not services.requires_second_factor(translator)


@pytest.mark.demo
def test_the_readme_secret_is_the_seeded_secret_of_every_demo_approver():
    secret = re.search(r"^\s+([A-Z2-7]{32})\s*$", README.read_text(encoding="utf-8"), re.MULTILINE)[1]
    assert secret == services.DEMO_TOTP_SECRET
    for username, *_ in DEMO_ACCOUNTS:
        devices = TOTPDevice.objects.filter(user__username=username, confirmed=True)
        if username in DEMO_APPROVERS:
            assert [services.secret_base32(device) for device in devices] == [secret]
            # An authenticator app fed the README's secret shows the code the device accepts.
            app_code = f"{totp(base64.b32decode(secret)):06d}"
            assert devices.get().verify_token(app_code)
        else:
            assert not devices.exists()


@pytest.mark.demo
def test_every_demo_account_has_a_profile_in_its_unit_with_bank_details():
    for username, _password, _role, _name, unit_code in DEMO_ACCOUNTS:
        profile = StaffProfile.objects.get(user__username=username)
        assert profile.unit.code == unit_code
        assert profile.pen_name and profile.has_bank_details


@pytest.mark.demo
def test_seeding_again_keeps_edited_profiles_and_adds_no_device():
    profile = StaffProfile.objects.get(user__username="bientap")
    profile.pen_name = "Hồng Hà"
    profile.save()
    devices = TOTPDevice.objects.count()
    seed_demo_staff(DEMO_ACCOUNTS, {unit.code: unit for unit in Unit.objects.all()})
    assert StaffProfile.objects.get(user__username="bientap").pen_name == "Hồng Hà"
    assert TOTPDevice.objects.count() == devices


def test_enrolment_confirms_a_device_only_with_a_valid_code(make_user):
    user = make_user("ctv2fa", role=roles.CONTRIBUTOR)
    device = services.pending_device(user)
    assert services.pending_device(user) == device  # the same secret until confirmed
    assert not services.confirm_device(device, "000000" if services.current_code(device) != "000000" else "111111")
    device.refresh_from_db()
    assert not device.confirmed and not services.has_second_factor(user)
    device.throttle_reset()  # the wrong code made django-otp wait before the next try
    assert services.confirm_device(device, services.current_code(device))
    device.refresh_from_db()
    assert device.confirmed and services.has_second_factor(user)


def test_the_qr_code_is_an_inline_svg_of_the_otpauth_address(make_user):
    device = services.pending_device(make_user("ctvqr"))
    svg = services.qr_code_svg(device)
    assert svg.lstrip().startswith("<svg") or svg.lstrip().startswith("<?xml")
    assert "otpauth://" in device.config_url and services.secret_base32(device) in device.config_url

"""Installing a pack: idempotent, staff edits kept, the pack's figures read by the dashboard, the review
queue, the reminders and royalties; --check writes nothing; the first administrator's one-time link."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from portal.accounts.testing import login_with_second_factor
from portal.board.models import Meeting, TrainingCourse
from portal.editorial.models import category_editors
from portal.news.models import ArticlePage, SectionPage
from portal.packs.install import install_pack, plan_next_year
from portal.packs.loading import read_pack
from portal.packs.schema import Words
from portal.planning.models import Plan, PlanRow
from portal.planning.reminders import reminders_for
from portal.planning.selectors import plan_dashboard, plan_for_year
from portal.royalties.models import RoyaltySchedule
from portal.testing.factories import ArticleFactory, StaffFactory
from portal.units import roles
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

HUE = Path(settings.BASE_DIR) / "packs" / "so-ngoai-vu-thua-thien-hue.yaml"


def _this_years_pack():
    """The 2017 pack with its plan and schedule made this year's (the demo's copy of this year deleted),
    so that the workflow and reminders, which read this year's plan, read the pack's."""
    year = timezone.localdate().year
    Meeting.objects.filter(plan__year=year).delete()  # the demo's meetings and course hold the plan
    TrainingCourse.objects.filter(plan__year=year).delete()
    Plan.objects.filter(year=year).delete()
    pack = read_pack(HUE)
    pack.plans[0].year = pack.royalties[0].year = year
    return pack


def _row(year: int, number: str) -> PlanRow:
    return PlanRow.objects.get(plan__year=year, number=number)


def test_setup_portal_again_changes_nothing():
    out = StringIO()
    call_command("setup_portal", str(HUE), "--hostname", "localhost", stdout=out)
    assert "Không có gì cần thay đổi: cổng thông tin đã đúng như gói dữ liệu." in out.getvalue()
    assert "Đã tạo" not in out.getvalue()


def test_setup_portal_removes_wagtails_defaults_and_names_their_members():
    """An install from before the portal removed them: the members stay, named for someone to give them a role."""
    member = StaffFactory(username="canbocu", role=roles.CONTRIBUTOR)
    member.groups.add(Group.objects.create(name="Moderators"))
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())

    out = StringIO()
    call_command("setup_portal", str(HUE), "--hostname", "localhost", stdout=out)

    assert "Đã gỡ bỏ (2):" in out.getvalue()
    assert "Nhóm mặc định “Moderators” của Wagtail; thành viên vẫn giữ tài khoản, chưa có vai trò: canbocu" in (
        out.getvalue()
    )
    assert "Quy trình duyệt mặc định “Moderators approval” của Wagtail" in out.getvalue()
    assert not Group.objects.filter(name="Moderators").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    member.refresh_from_db()
    assert member.is_active and member.groups.filter(name="Cộng tác viên").exists()


def test_a_category_staff_renamed_is_left_alone_and_reported():
    news = SectionPage.objects.get(slug="tin-tuc-su-kien", locale__language_code="vi")
    news.title = "Tin tức và sự kiện"
    news.save_revision().publish()
    report = install_pack(read_pack(HUE), hostname="localhost")
    news.refresh_from_db()
    assert news.title == "Tin tức và sự kiện"
    assert any("tin-tuc-su-kien" in line and "title" in line for line in report.kept)
    assert not report.changed


def test_check_reports_a_new_category_and_writes_nothing():
    pack = read_pack(HUE)
    title = Words(vi="Báo chí nước ngoài", en="Foreign Press")
    pack.categories.append(
        pack.categories[1].model_copy(update={"slug": "bao-chi-nuoc-ngoai", "parent": None, "title": title})
    )
    report = install_pack(pack, hostname="localhost", check=True)
    assert "mục tin “Báo chí nước ngoài”" in report.created
    assert not Page.objects.filter(slug="bao-chi-nuoc-ngoai").exists()


def test_a_quota_changed_in_the_pack_changes_the_dashboard():
    pack = _this_years_pack()
    year = pack.plans[0].year
    install_pack(pack, hostname="localhost")
    row = next(row for row in pack.plans[0].rows if row.number == "2")
    row.quantity.min, row.quantity.max, row.quantity.text = 300, 320, "300-320 tin bài"
    report = install_pack(pack, hostname="localhost")
    assert _row(year, "2").quantity_min == 300
    assert any("quantity_min" in line for line in report.updated)
    plan = plan_for_year(year)
    entry = next(
        entry for entry in plan_dashboard(plan, today=dt.date(year, 12, 31)).progress if entry.line.number == "2"
    )
    assert entry.line.quantity_min == 300 and entry.line.quantity_text == "300-320 tin bài"


def test_a_quota_staff_edited_stays_when_the_pack_changes():
    pack = _this_years_pack()
    year = pack.plans[0].year
    install_pack(pack, hostname="localhost")
    PlanRow.objects.filter(plan__year=year, number="2").update(quantity_min=190)
    next(row for row in pack.plans[0].rows if row.number == "2").quantity.min = 300
    report = install_pack(pack, hostname="localhost")
    assert _row(year, "2").quantity_min == 190
    assert any("quantity_min" in line for line in report.kept)


@pytest.fixture
def admin(client):
    login_with_second_factor(client, StaffFactory(superuser=True))
    return client


def test_an_editor_changed_in_the_pack_is_the_one_the_workflow_and_reminders_ask(admin):
    User = get_user_model()
    pack = _this_years_pack()
    install_pack(pack, hostname="localhost")
    cooperation = SectionPage.objects.get(slug="hop-tac-quoc-te", locale__language_code="vi")
    item = ArticleFactory(parent=cooperation)
    assert set(category_editors(item).values_list("username", flat=True)) == {"nguyenthihongly"}
    row = next(row for row in pack.plans[0].rows if row.number == "7")
    row.editors = ["vinhxuanphuong"]
    install_pack(pack, hostname="localhost")
    assert set(category_editors(item).values_list("username", flat=True)) == {"vinhxuanphuong"}
    # the reminders go to the same person (who has an e-mail now)
    User.objects.filter(username="vinhxuanphuong").update(email="vxphuong@example.org")
    year = pack.plans[0].year
    recipients = reminders_for(today=dt.date(year, 12, 31))
    assert any(getattr(person, "username", None) == "vinhxuanphuong" for person in recipients)
    # and the dashboard names her for row 7
    response = admin.get(reverse("planning_dashboard") + f"?year={year}")
    assert "Vĩnh Xuân Phương" in response.content.decode()


def test_the_plan_makes_the_unit_head_the_editor_of_news_from_their_unit():
    install_pack(_this_years_pack(), hostname="localhost")
    news = SectionPage.objects.get(slug="tin-tuc-su-kien", locale__language_code="vi")
    User = get_user_model()
    head = User.objects.create(username="truongphongbg", first_name="Hồ Văn", last_name="Biên")
    border = Unit.objects.get(code="bien-gioi")
    border.head = head
    border.save()
    item = news.add_child(
        instance=ArticlePage(title="Tin biên giới", slug="tin-bien-gioi-thu", lead="Tin thử.", unit=border)
    )
    assert set(category_editors(item).values_list("username", flat=True)) == {"truongphongbg"}


def test_a_rate_changed_in_the_pack_changes_the_royalty_schedule():
    pack = read_pack(HUE)
    pack.plans[0].year = pack.royalties[0].year = 2030
    install_pack(pack, hostname="localhost")
    line = next(line for line in pack.plans[0].budget_lines if line.kind == "vi_item")
    line.unit_amount = 60_000
    pack.plans[0].budget = 29_300_000
    install_pack(pack, hostname="localhost")
    schedule = RoyaltySchedule.objects.get(year=2030)
    assert schedule.rate_for("vi_item").amount == 60_000
    assert schedule.budget == 29_300_000 == Plan.objects.get(year=2030).budget


def test_the_pack_sets_the_approval_steps_and_the_answer_time():
    plan_next_year(year=timezone.localdate().year)  # this year's plan, copied as `setup_portal --plan YEAR` does
    workflow = Workflow.objects.get(name="Quy trình duyệt tin bài")
    assert [task.name for task in workflow.tasks] == ["Phụ trách biên tập duyệt", "Trưởng Ban Biên tập phê duyệt"]
    from portal.qa import conf

    assert conf.answer_working_days() == 2  # row 15: "Chậm nhất 2 ngày ngay sau khi có câu hỏi"
    row = PlanRow.objects.get(plan__year=timezone.localdate().year, number="15")
    row.deadline_days = 3  # the secretariat edits row 15 of this year's plan
    row.save()
    assert conf.answer_working_days() == 3


def test_admin_email_prints_a_one_time_link_that_opens_the_password_page(client):
    out = StringIO()
    call_command("setup_portal", "--admin-email", "nguoiquantri@example.org", stdout=out)
    link = out.getvalue().strip().splitlines()[-1]
    user = get_user_model().objects.get(email="nguoiquantri@example.org")
    assert user.is_superuser and not user.has_usable_password()
    path = link.split("8000", 1)[-1] if "8000" in link else link
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert b'name="new_password1"' in response.content


def test_editor_pickers_show_full_names(admin):
    plan = Plan.objects.get(year=2017)
    response = admin.get(reverse("plans:edit", args=[plan.pk]))
    assert response.status_code == 200
    assert "Nguyễn Thị Hồng Lý (nguyenthihongly)" in response.content.decode()


def test_check_with_plan_and_admin_email_says_what_it_would_do_and_writes_nothing():
    out = StringIO()
    call_command("setup_portal", "--check", "--plan", "2031", "--admin-email", "moi@example.org", stdout=out)
    latest = Plan.objects.filter(year__lt=2031).order_by("-year").first().year
    assert f"Sẽ chép kế hoạch năm {latest} (cùng bảng nhuận bút) sang năm 2031." in out.getvalue()
    assert "Sẽ tạo quản trị viên moi@example.org và in một đường dẫn đăng nhập dùng một lần." in out.getvalue()
    assert not Plan.objects.filter(year=2031).exists()
    assert not get_user_model().objects.filter(email="moi@example.org").exists()


def test_check_with_plan_refuses_a_year_with_nothing_before_it():
    with pytest.raises(CommandError, match="Không có kế hoạch nào trước năm 1990 để sao chép."):
        call_command("setup_portal", "--check", "--plan", "1990", stdout=StringIO())

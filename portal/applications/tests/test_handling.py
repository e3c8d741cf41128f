"""Staff handling: receive, supplements with the clock paused, decisions with reasons, results with their hash."""

import datetime as dt
import hashlib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.applications import services
from portal.applications.models import Application, ApplicationEvent
from portal.applications.samples import pdf_bytes
from portal.applications.uploads import check_content
from portal.core.workdays import add_working_days
from portal.testing.factories import ProcedureVersionFactory, StaffFactory, UnitFactory
from portal.units import roles

from .conftest import submit

pytestmark = pytest.mark.django_db


def actions(application):
    return list(
        ModelLogEntry.objects.filter(object_id=str(application.pk), content_type__model="application")
        .order_by("pk")
        .values_list("action", "user__username")
    )


def test_receiving_starts_the_clock_in_working_days(submitted, officer, committed):
    with committed():
        services.application_receive(application=submitted, user=officer)
    submitted.refresh_from_db()
    assert submitted.status == Application.IN_PROGRESS
    # Counted on the agency's calendar: a reception at 06:00 in Huế is on that day, not the day before in UTC.
    received = timezone.localtime(submitted.received_at)
    assert submitted.due_at == add_working_days(received, submitted.version.processing_days)
    mail_to_applicant = [m for m in mail.outbox if m.to == [submitted.email]][-1]
    assert submitted.due_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y") in mail_to_applicant.body
    assert ("applications.receive", officer.username) in actions(submitted)


def test_a_supplement_pauses_the_clock_and_the_due_date_moves_by_the_working_days_waited(
    submitted, officer, committed, monkeypatch
):
    services.application_receive(application=submitted, user=officer)
    submitted.refresh_from_db()
    due = submitted.due_at
    with committed():
        services.application_request_supplement(
            application=submitted, user=officer, message="Bản chụp hộ chiếu bị mờ.", document_keys=["ho-chieu"]
        )
    submitted.refresh_from_db()
    assert submitted.status == Application.SUPPLEMENT_REQUESTED and submitted.paused_at is not None
    request_mail = [m for m in mail.outbox if m.to == [submitted.email]][-1]
    assert "Bản chụp hộ chiếu bị mờ." in request_mail.body and submitted.secret in request_mail.body
    # The applicant answers three working days later (in local time), whatever the day the clock stopped on.
    later = add_working_days(timezone.localtime(submitted.paused_at), 3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    files = {"ho-chieu": [check_content(pdf_bytes("Hộ chiếu rõ"), "ho-chieu-ro.pdf")]}
    services.application_supply(application=submitted, files=files, reply="Đã gửi bản rõ.")
    submitted.refresh_from_db()
    assert submitted.status == Application.IN_PROGRESS and submitted.paused_at is None
    assert submitted.due_at == add_working_days(timezone.localtime(due), 3)
    assert submitted.uploads.filter(supplement__isnull=False, original_name="ho-chieu-ro.pdf").exists()
    assert ("applications.supply", None) in actions(submitted)


def test_a_supplement_before_reception_does_not_start_the_clock(submitted, officer):
    services.application_request_supplement(
        application=submitted, user=officer, message="Thiếu chữ ký.", document_keys=[]
    )
    submitted.refresh_from_db()
    assert submitted.paused_at is None and submitted.due_at is None
    services.application_supply(application=submitted, files={}, reply="Đã ký bổ sung.")
    submitted.refresh_from_db()
    assert submitted.status == Application.SUBMITTED


def test_the_officer_proposes_and_the_leader_approves_then_the_officer_issues_a_generated_result(
    submitted, officer, approver, committed
):
    services.application_receive(application=submitted, user=officer)
    services.application_propose(application=submitted, user=officer, note="Đủ điều kiện.")
    with committed():
        services.application_decide(application=submitted, user=approver, approve=True, note="")
    from portal.applications.pdf import result_letter_pdf

    submitted.refresh_from_db()
    pdf = result_letter_pdf(submitted, document_number="12/SNgV-LS", body="Chấp thuận.")
    with committed():
        services.application_issue_result(application=submitted, user=officer, pdf=pdf, file_name="")
    submitted.refresh_from_db()
    assert submitted.status == Application.RESULT_ISSUED and submitted.closed_at
    assert submitted.result_sha256 == hashlib.sha256(pdf).hexdigest()
    assert submitted.on_time is True
    result_mail = [m for m in mail.outbox if m.to == [submitted.email]][-1]
    assert submitted.result_sha256 in result_mail.body
    assert [a for a, _u in actions(submitted)] == [
        "applications.submit",
        "applications.receive",
        "applications.propose",
        "applications.approve",
        "applications.issue_result",
    ]
    steps_by = [officer.username, officer.username, approver.username, officer.username]
    assert [u for _a, u in actions(submitted)][1:] == steps_by


def test_a_refusal_needs_reasons_and_closes_the_application(submitted, officer, approver):
    services.application_receive(application=submitted, user=officer)
    with pytest.raises(services.ApplicationError, match="lý do"):
        services.application_decide(application=submitted, user=approver, approve=False, note="  ")
    services.application_decide(
        application=submitted, user=approver, approve=False, note="Doanh nghiệp hoạt động chưa đủ 12 tháng."
    )
    submitted.refresh_from_db()
    assert submitted.status == Application.REFUSED and submitted.closed_at
    assert submitted.events.filter(kind=ApplicationEvent.REFUSED, user=approver).exists()


def test_a_result_waits_for_the_fee(client, consular, officer, approver):
    from .conftest import apply_url, form_data

    data = form_data(
        consular,
        f_loai_yeu_cau="Chứng nhận lãnh sự",
        f_so_ban="1",
        f_ten_giay_to="Giấy khai sinh",
        f_nuoc_su_dung="Pháp",
        f_dia_chi_nhan="Huế",
    )
    client.post(apply_url(consular.procedure.slug), data)
    application = Application.objects.get(email="lienhe@thuanan.example")
    assert application.fee_amount == 30000
    services.application_receive(application=application, user=officer)
    services.application_decide(application=application, user=approver, approve=True, note="")
    with pytest.raises(services.ApplicationError, match="chưa nộp phí"):
        services.application_issue_result(application=application, user=officer, pdf=pdf_bytes(), file_name="kq.pdf")


@pytest.mark.parametrize(
    ("step", "role"),
    [
        ("receive", roles.APPLICATION_APPROVER),  # a leader decides; receiving is the officers'
        ("decide", roles.APPLICATION_OFFICER),  # an officer cannot approve
        ("receive", roles.SECRETARIAT),  # the secretariat keeps the catalogue, not the applications
        ("receive", roles.CONTRIBUTOR),
        ("decide", roles.EDITOR_IN_CHIEF),  # the editor-in-chief approves items, not applications
    ],
    ids=["receive-approver", "decide-officer", "receive-secretariat", "receive-contributor", "decide-editor-in-chief"],
)
def test_roles_are_kept_to_their_steps(submitted, step, role):
    user = StaffFactory(role=role, unit=submitted.procedure.unit)  # in the application's own unit: the role refuses
    with pytest.raises(PermissionDenied):
        if step == "receive":
            services.application_receive(application=submitted, user=user)
        else:
            services.application_decide(application=submitted, user=user, approve=True, note="")
    submitted.refresh_from_db()
    assert submitted.status == Application.SUBMITTED


def test_staff_of_another_unit_cannot_act_on_the_application(submitted):
    other = StaffFactory(role=roles.APPLICATION_OFFICER, unit=UnitFactory())
    with pytest.raises(PermissionDenied):
        services.application_receive(application=submitted, user=other)


def test_steps_out_of_order_are_refused_with_the_state_named(submitted, officer, approver):
    with pytest.raises(services.ApplicationError, match="đã nộp, chờ tiếp nhận"):
        services.application_propose(application=submitted, user=officer, note="")
    with pytest.raises(services.ApplicationError):
        services.application_issue_result(application=submitted, user=officer, pdf=pdf_bytes(), file_name="x.pdf")


def test_overdue_alerts_go_once_a_day_to_the_units_officers_and_leaders(submitted, officer, approver, monkeypatch):
    services.application_receive(application=submitted, user=officer)
    submitted.refresh_from_db()
    after_due = submitted.due_at + dt.timedelta(days=1)
    mail.outbox.clear()
    sent = services.send_overdue_alerts(now=after_due)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert officer.email in recipients and approver.email in recipients
    stranger = StaffFactory(role=roles.APPLICATION_OFFICER, unit=UnitFactory())
    assert stranger.email not in recipients  # another unit's officer
    assert sent == len(mail.outbox)
    digest = next(m for m in mail.outbox if m.to == [officer.email])
    assert submitted.receipt_number in digest.body
    mail.outbox.clear()
    assert services.send_overdue_alerts(now=after_due) == 0  # not twice on the same day
    assert not mail.outbox


def test_the_daily_job_is_scheduled():
    from portal.operations.scheduler import default_jobs

    job = next(job for job in default_jobs() if job.name == "send_overdue_alerts")
    assert job.every_seconds == 24 * 60 * 60


# --- The admin pages ------------------------------------------------------------------------------


def test_the_work_queue_lists_the_units_applications_with_deadline_lights(
    staff_client, client, officer, submitted, overdue
):
    other_unit = submit(client, ProcedureVersionFactory(), email="donvikhac@example.com")  # a procedure of its own unit
    client = staff_client(officer)
    response = client.get(reverse("applications_admin:queue"))
    html = response.content.decode()
    assert response.status_code == 200
    assert submitted.receipt_number in html
    assert submitted.procedure.code in html
    assert other_unit.receipt_number and other_unit.receipt_number not in html
    assert overdue.receipt_number in html and "Quá hạn" in html


def test_the_work_queue_exports_xlsx(staff_client, officer, submitted):
    response = staff_client(officer).get(reverse("applications_admin:queue"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_people_without_an_applications_role_get_no_queue(staff_client, submitted):
    for role in (roles.SECRETARIAT, roles.CONTRIBUTOR, roles.ACCOUNTANT):
        client = staff_client(StaffFactory(role=role, unit=submitted.procedure.unit))  # even in the unit
        assert client.get(reverse("applications_admin:queue")).status_code in (302, 403), role.group_name
        detail = client.get(reverse("applications_admin:detail", args=[submitted.pk]))
        assert detail.status_code in (302, 403), role.group_name
        upload = submitted.uploads.first()
        assert client.get(reverse("applications_admin:upload", args=[submitted.pk, upload.pk])).status_code in (
            302,
            403,
        )


def test_the_officer_handles_an_application_through_the_admin(
    staff_client, officer, submitted, django_assert_max_num_queries
):
    client = staff_client(officer)
    url = reverse("applications_admin:detail", args=[submitted.pk])
    with django_assert_max_num_queries(60):
        page = client.get(url)
    assert "Tiếp nhận" in page.content.decode()
    response = client.post(url, {"action": "receive", "receive-note": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Application.IN_PROGRESS
    # The officer may not take the leader's step, even by posting it.
    response = client.post(url, {"action": "decide", "decide-decision": "approve"}, follow=True)
    submitted.refresh_from_db()
    assert submitted.status == Application.IN_PROGRESS
    assert "Bạn không thể thực hiện bước này" in response.content.decode()
    response = client.post(url, {"action": "supplement", "supplement-message": "", "supplement-documents": []})
    assert response.status_code == 400


def test_staff_download_the_applicants_files(staff_client, officer, submitted):
    upload = submitted.uploads.first()
    response = staff_client(officer).get(reverse("applications_admin:upload", args=[submitted.pk, upload.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_each_step_is_in_wagtails_audit_log_for_the_units_staff(staff_client, officer, submitted):
    services.application_receive(application=submitted, user=officer)
    html = staff_client(officer).get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Đã tiếp nhận hồ sơ; bắt đầu tính thời hạn" in html
    assert "Người nộp đã nộp hồ sơ" in html

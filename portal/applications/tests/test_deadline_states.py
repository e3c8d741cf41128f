"""An application's deadline says where it stands, on the queue, on the application and on the
applicant's tracking page: not received yet, running, paused for a supplement, overdue, done."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.applications import services
from portal.applications.models import Application

from .conftest import received

pytestmark = pytest.mark.django_db


def light_of(html: str) -> list[str]:
    return re.findall(r'data-deadline-light="[^"]+">([^<]+)<', html)


def pages(client, application: Application) -> tuple[str, str]:
    detail = client.get(reverse("applications_admin:detail", args=[application.pk])).content.decode()
    track = client.get(reverse("applications:track", args=[application.public_id, application.secret]))
    return detail, track.content.decode()


def test_each_state_has_its_label_on_the_application_and_the_tracking_page(staff_client, officer, submitted):
    client = staff_client(officer)
    detail, track = pages(client, submitted)
    assert light_of(detail) == ["Chưa tiếp nhận"]
    assert light_of(track) == []  # not received: the status says so, no clock yet

    application = received(submitted, officer)
    detail, track = pages(client, application)
    assert light_of(detail) == ["Trong hạn"] and light_of(track) == ["Trong hạn"]

    application = services.application_request_supplement(
        application=application, user=officer, message="Bản chụp hộ chiếu rõ hơn.", document_keys=[]
    )
    detail, track = pages(client, application)
    assert light_of(detail) == ["Tạm dừng tính thời hạn"] and light_of(track) == ["Tạm dừng tính thời hạn"]

    Application.objects.filter(pk=application.pk).update(paused_at=None, due_at=timezone.now() - dt.timedelta(hours=1))
    detail, track = pages(client, application)
    assert light_of(detail) == ["Quá hạn"] and light_of(track) == ["Quá hạn"]


@pytest.mark.parametrize(("late", "label"), [(False, "Đã giải quyết đúng hạn"), (True, "Đã giải quyết, trễ hạn")])
def test_a_finished_application_says_done_not_not_started(staff_client, officer, submitted, late, label):
    application = received(submitted, officer)
    closed_at = application.due_at + (dt.timedelta(days=1) if late else -dt.timedelta(days=1))
    Application.objects.filter(pk=application.pk).update(status=Application.RESULT_ISSUED, closed_at=closed_at)
    application.refresh_from_db()
    detail, track = pages(staff_client(officer), application)
    assert light_of(detail) == [label] and light_of(track) == [label]
    for html in (detail, track):
        assert "Chưa bắt đầu" not in html and "Chưa tính thời hạn" not in html


def test_the_queue_shows_the_due_date_itself_never_just_now(staff_client, officer, submitted):
    application = received(submitted, officer)
    a_month_ahead = timezone.now() + dt.timedelta(days=30)
    a_week_ago = timezone.now() - dt.timedelta(days=7)
    Application.objects.filter(pk=application.pk).update(due_at=a_month_ahead, submitted_at=a_week_ago)
    html = staff_client(officer).get(reverse("applications_admin:queue")).content.decode()
    row = html[html.index(application.receipt_number) :]
    row = row[: row.index("</tr>")]
    assert timezone.localtime(a_month_ahead).strftime("%d/%m/%Y %H:%M") in row
    assert "Trong hạn" in row
    assert "Vừa xong" not in row

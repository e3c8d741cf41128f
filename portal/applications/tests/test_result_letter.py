"""The result letter is the agency's letter (Decree 30/2020/NĐ-CP), signed by the leader who approved."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from portal.applications import services
from portal.applications.models import Application
from portal.applications.pdf import result_letter_pdf
from portal.formaldocs import date_line

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def approved(submitted, officer, approver, committed) -> Application:
    profile = approver.staff_profile
    profile.signing_authority, profile.signing_title = "TL. GIÁM ĐỐC", "Trưởng phòng Lãnh sự"
    profile.save()
    approver.first_name, approver.last_name = "Ngô Minh", "Khánh"
    approver.save()
    services.application_receive(application=submitted, user=officer)
    services.application_propose(application=submitted, user=officer, note="Đủ điều kiện.")
    with committed():
        services.application_decide(application=submitted, user=approver, approve=True, note="")
    submitted.refresh_from_db()
    return submitted


def test_the_officer_issues_the_letter_the_approver_signs(approved, officer, staff_client):
    client = staff_client(officer)
    url = reverse("applications_admin:detail", args=[approved.pk])
    response = client.post(
        url,
        {
            "action": "result",
            "result-how": "generate",
            "result-document_number": "153/SNgV-LS",
            "result-body": "Sở Ngoại vụ chấp thuận cho doanh nghiệp sử dụng thẻ ABTC.\n\nĐề nghị doanh nghiệp liên hệ.",
        },
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Application.RESULT_ISSUED
    with approved.result_file.open("rb") as file:
        text = text_of(file.read())
    for part in [
        "UBND TỈNH THỪA THIÊN HUẾ",
        "SỞ NGOẠI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 153/SNgV-LS",
        date_line("Thừa Thiên Huế", timezone.localdate()),
        f"V/v kết quả giải quyết hồ sơ {approved.receipt_number}",
        f"Kính gửi: {approved.applicant_name}",
        "Sở Ngoại vụ chấp thuận cho doanh nghiệp sử dụng thẻ ABTC.",
        "Đề nghị doanh nghiệp liên hệ.",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "TL. GIÁM ĐỐC",
        "TRƯỞNG PHÒNG LÃNH SỰ",
        "Ngô Minh Khánh",
    ]:
        assert part in text, part
    assert "STT" not in text
    assert "Chủ tịch" not in text  # not the provincial People's Committee chairman's document
    assert officer.get_full_name() not in text and officer.get_username() not in text


def test_an_unnumbered_letter_leaves_room_for_the_number_and_an_english_one_reads_english(approved):
    text = text_of(result_letter_pdf(approved, document_number="", body="Chấp thuận."))
    assert "Số: /SNgV" in text and "TL. GIÁM ĐỐC" in text
    approved.language = "en"
    text = text_of(result_letter_pdf(approved, document_number="153/SNgV-LS", body="Approved."))
    for part in ["SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness", "No.: 153/SNgV-LS"]:
        assert part in text, part
    assert "Ngô Minh Khánh" in text and f"Re: the result of application {approved.receipt_number}" in text

"""Demo applications in every state, so that the work queues, the dashboard and the on-time rates are not empty.

Back-dated on the working-day calendar, written straight to the models (no e-mails go out),
each step in the timeline and the audit log. Get-or-create by receipt number.
"""

import datetime as dt
import hashlib
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.applications.models import (
    Application,
    ApplicationEvent,
    ReceiptCounter,
    SupplementRequest,
    Upload,
    private_storage,
)
from portal.applications.samples import pdf_bytes
from portal.core.deadlines import Deadline
from portal.core.workdays import add_working_days, is_working_day
from portal.procedures.models import Procedure, ProcedureVersion

DEMO_EMAIL_DOMAIN = "demo.invalid"

# (receipt number suffix, procedure code, applicant, kind, days ago submitted, steps, answers)
# steps: a list of (event kind, working days after the previous step, note)
DEMO_APPLICATIONS = [
    (
        "0001",
        "SNV-LS-01",
        "Công ty TNHH Thương mại Hương Giang",
        Application.ORGANISATION,
        40,
        [
            ("received", 1, ""),
            ("proposed", 12, "Hồ sơ đủ điều kiện, Công an tỉnh đã có ý kiến."),
            ("approved", 2, ""),
            ("result_issued", 1, ""),
        ],
        {
            "ma_so_thue": "3301234567",
            "ho_ten_doanh_nhan": "Lê Minh Quân",
            "so_ho_chieu": "C1234567",
            "chuc_vu": "Giám đốc",
            "so_thang_lam_viec": 48,
            "nen_kinh_te": "Nhật Bản, Hàn Quốc",
            "ngay_thanh_lap": "2015-03-02",
            "ngay_sinh_doanh_nhan": "1980-06-14",
            "doi_tac_apec": "Công ty Sakura Trading (Nhật Bản), hợp đồng số 12/2024",
            "nhan_qua_buu_dien": False,
        },
    ),
    (
        "0002",
        "SNV-LS-01",
        "Công ty Cổ phần Du lịch Sông Hương",
        Application.ORGANISATION,
        45,
        [("received", 1, "")],
        {
            "ma_so_thue": "3300987654",
            "ho_ten_doanh_nhan": "Trần Thị Hạnh",
            "so_ho_chieu": "C7654321",
            "chuc_vu": "Phó Giám đốc",
            "so_thang_lam_viec": 30,
            "nen_kinh_te": "Australia, Singapore",
            "ngay_thanh_lap": "2012-09-20",
            "ngay_sinh_doanh_nhan": "1985-11-02",
            "doi_tac_apec": "Blue Sea Travel (Australia)",
            "nhan_qua_buu_dien": False,
        },
    ),
    (
        "0003",
        "SNV-LS-02",
        "Nguyễn Văn An",
        Application.CITIZEN,
        0,
        [],
        {
            "loai_yeu_cau": "Hợp pháp hóa lãnh sự",
            "so_ban": 2,
            "ten_giay_to": "Bằng tốt nghiệp đại học\nBảng điểm",
            "nuoc_su_dung": "Hàn Quốc",
            "dia_chi_nhan": "25 Lê Lợi, phường Vĩnh Ninh, thành phố Huế",
        },
    ),
    (
        "0004",
        "SNV-LS-02",
        "Trần Thị Bích",
        Application.CITIZEN,
        20,
        [("received", 0, ""), ("approved", 3, ""), ("result_issued", 1, "Cục Lãnh sự trả hồ sơ chậm.")],
        {
            "loai_yeu_cau": "Chứng nhận lãnh sự",
            "so_ban": 1,
            "ten_giay_to": "Giấy khai sinh",
            "nuoc_su_dung": "Đức",
            "dia_chi_nhan": "8 Nguyễn Huệ, thành phố Huế",
        },
    ),
    (
        "0005",
        "SNV-HN-01",
        "Trường Đại học Khoa học, Đại học Huế",
        Application.ORGANISATION,
        8,
        [
            ("received", 1, ""),
            (
                "supplement_requested",
                2,
                "Đề nghị bổ sung danh sách đại biểu nước ngoài có ghi rõ quốc tịch, chức danh.",
            ),
        ],
        {
            "ten_hoi_nghi": "Hội thảo quốc tế về bảo tồn di sản kiến trúc",
            "muc_dich": "Trao đổi kinh nghiệm bảo tồn di sản kiến trúc gỗ.",
            "ngay_bat_dau": "2026-11-12",
            "ngay_ket_thuc": "2026-11-13",
            "dia_diem": "77 Nguyễn Huệ, thành phố Huế",
            "so_dai_bieu_nuoc_ngoai": 25,
            "so_dai_bieu_viet_nam": 80,
            "nguon_kinh_phi": "Kinh phí của Trường và tài trợ của đối tác Nhật Bản",
        },
    ),
    (
        "0006",
        "SNV-HN-01",
        "Trung tâm Bảo tồn Di tích Cố đô Huế",
        Application.ORGANISATION,
        12,
        [("received", 1, ""), ("proposed", 6, "Các cơ quan được xin ý kiến đều thống nhất.")],
        {
            "ten_hoi_nghi": "Diễn đàn quốc tế về du lịch di sản",
            "muc_dich": "Kết nối các thành phố di sản châu Á.",
            "ngay_bat_dau": "2026-10-05",
            "ngay_ket_thuc": "2026-10-06",
            "dia_diem": "Đại Nội Huế",
            "so_dai_bieu_nuoc_ngoai": 40,
            "so_dai_bieu_viet_nam": 120,
            "nguon_kinh_phi": "Ngân sách tỉnh và xã hội hóa",
        },
    ),
    (
        "0007",
        "SNV-VT-01",
        "Hội Bảo trợ người khuyết tật tỉnh",
        Application.ORGANISATION,
        30,
        [
            ("received", 1, ""),
            ("refused", 10, "Nhà tài trợ chưa có giấy tờ pháp lý hợp lệ tại Việt Nam; đề nghị hoàn thiện và nộp lại."),
        ],
        {
            "ten_khoan_vien_tro": "Hỗ trợ dụng cụ trợ giúp cho người khuyết tật",
            "nha_tai_tro": "Helping Hands International",
            "quoc_gia_nha_tai_tro": "Hoa Kỳ",
            "gia_tri_vien_tro": 850000000,
            "dia_ban": "Huyện Phú Vang",
            "muc_tieu": "Trao 300 xe lăn và dụng cụ trợ giúp.",
            "ma_so_thue": "",
        },
    ),
    (
        "0008",
        "SNV-BC-01",
        "Kenji Watanabe (Kyodo News)",
        Application.CITIZEN,
        5,
        [("received", 0, ""), ("approved", 2, "")],
        {
            "ho_ten_phong_vien": "Kenji Watanabe",
            "quoc_tich": "Nhật Bản",
            "co_quan_bao_chi": "Kyodo News",
            "so_the_phong_vien": "NB-0123",
            "noi_dung_hoat_dong": "Đưa tin về Festival Huế.",
            "thoi_gian_tu": "2026-06-01",
            "thoi_gian_den": "2026-06-04",
            "dia_diem": "Đại Nội Huế, Ủy ban nhân dân tỉnh",
        },
    ),
]
STATUS_AFTER = {
    "received": Application.IN_PROGRESS,
    "supplement_requested": Application.SUPPLEMENT_REQUESTED,
    "proposed": Application.AWAITING_DECISION,
    "approved": Application.APPROVED,
    "refused": Application.REFUSED,
    "result_issued": Application.RESULT_ISSUED,
}


def _working_days_back(now: dt.datetime, days: int) -> dt.datetime:
    moment = now
    while days > 0:
        moment -= dt.timedelta(days=1)
        days -= is_working_day(moment.date())
    return moment


def ensure_demo_applications() -> int:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    officer = User.objects.filter(username="xulyhoso").first()
    approver = User.objects.filter(username="duyethoso").first()
    # 9:30 in the agency's morning (09:30 UTC is 16:30 there), and at least two hours ago: never a time to come.
    morning = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
    now = min(morning, timezone.now() - dt.timedelta(hours=2))
    created = 0
    for suffix, code, name, kind, days_ago, steps, answers in DEMO_APPLICATIONS:
        procedure = Procedure.objects.filter(code=code).first()
        version = ProcedureVersion.objects.filter(procedure=procedure, status=ProcedureVersion.EFFECTIVE).first()
        if version is None:
            continue
        submitted_at = _working_days_back(now, days_ago)
        receipt = f"SNV-{timezone.localdate(submitted_at):%y%m%d}-{suffix}"
        if Application.objects.filter(email=f"hoso{suffix}@{DEMO_EMAIL_DOMAIN}").exists():
            continue
        with transaction.atomic():
            _create(receipt, version, name, kind, submitted_at, steps, answers, officer, approver, suffix)
        created += 1
    return created


def demo_application(version, *, name: str, kind: str, email: str, submitted_at, answers: dict) -> Application:
    """An unsaved application to `version` as submitted by a demo applicant (the demo's and the synthetic set's)."""
    return Application(
        idempotency_key=uuid.uuid4(),  # never from a seed: a seed may come again
        procedure=version.procedure,
        version=version,
        applicant_kind=kind,
        applicant_name=name,
        email=email,
        phone="0234 3822 200",
        address="Thành phố Huế, tỉnh Thừa Thiên Huế",
        answers=answers,
        status=Application.SUBMITTED,
        submitted_at=submitted_at,
        fee_amount=version.fee_for(answers),
    )


def _create(receipt, version, name, kind, submitted_at, steps, answers, officer, approver, suffix):
    application = demo_application(
        version,
        name=name,
        kind=kind,
        email=f"hoso{suffix}@{DEMO_EMAIL_DOMAIN}",
        submitted_at=submitted_at,
        answers=answers,
    )
    application.receipt_number = receipt
    application.save()
    day = timezone.localdate(submitted_at)
    counter, _created = ReceiptCounter.objects.get_or_create(agency_id=application.agency_id, day=day)
    counter.last = max(counter.last, int(suffix))
    counter.save()
    for document in version.required_documents.filter(required=True):
        data = pdf_bytes(f"{document.name_vi} - {name}")
        Upload.objects.create(
            application=application,
            document_key=document.key,
            file=private_storage.save(f"uploads/{uuid.uuid4().hex}.pdf", ContentFile(data)),
            original_name=f"{document.key}.pdf",
            kind="pdf",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    _event(application, ApplicationEvent.SUBMITTED, submitted_at, None, "", by_applicant=True)
    if application.fee_amount:
        application.paid_at = submitted_at + dt.timedelta(minutes=5)
        _event(application, ApplicationEvent.PAID, application.paid_at, None, "")
    moment = submitted_at
    for step, after, note in steps:
        moment = add_working_days(moment, after) if after else moment + dt.timedelta(hours=2)
        user = approver if step in ("approved", "refused") else officer
        application.status = STATUS_AFTER[step]
        if step == "received":
            application.received_at = moment
            application.due_at = Deadline(start=moment, days=version.processing_days).due_at
        elif step == "supplement_requested":
            application.paused_at = moment
            SupplementRequest.objects.create(application=application, message=note, requested_by=user)
        elif step in ("approved", "refused"):
            application.decided_at, application.decision_note = moment, note
            if step == "refused":
                application.closed_at = moment
        elif step == "result_issued":
            from portal.applications.pdf import result_letter_pdf

            pdf = result_letter_pdf(
                application,
                document_number=f"{suffix}/SNgV-LS",
                body=f"Sở Ngoại vụ chấp thuận hồ sơ {receipt} của {name}.",
                date=timezone.localdate(moment),
            )
            application.result_file = private_storage.save(f"results/{uuid.uuid4().hex}.pdf", ContentFile(pdf))
            application.result_name = f"ket-qua-{receipt}.pdf"
            application.result_sha256 = hashlib.sha256(pdf).hexdigest()
            application.closed_at = moment
        _event(application, step, moment, user, note)
    application.save()
    log(application, "applications.submit", user=None, data={"by": "demo loader", "receipt_number": receipt})


def _event(application, kind, at, user, note, by_applicant=False):
    event = ApplicationEvent.objects.create(
        application=application, kind=kind, user=user, note=note, by_applicant=by_applicant
    )
    ApplicationEvent.objects.filter(pk=event.pk).update(at=at)  # auto_now_add: back-dated afterwards

"""Fixtures for the applications' tests: an ABTC-like procedure and a consular one the tests make, a filled-in
form, the officer and the leader of the procedures' unit."""

import datetime as dt
import time
import uuid

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal.accounts.testing import login_with_second_factor
from portal.applications import guards, services
from portal.applications.models import Application
from portal.applications.samples import pdf_bytes
from portal.procedures.models import FormField, ProcedureVersion
from portal.testing.factories import (
    FeeItemFactory,
    FormFieldFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    RequiredDocumentFactory,
    StaffFactory,
    TemplateDocumentFactory,
    UnitFactory,
)
from portal.units import roles

ABTC = "the-abtc-thu-nghiem"  # the tests' own ABTC procedure (the demo's is "the-abtc")
ANSWERS = {
    "f_ma_so_thue": "3301112223",
    "f_ngay_thanh_lap": "02/03/2015",
    "f_doi_tac_apec": "Công ty Sakura (Nhật Bản), hợp đồng 12/2024",
    "f_ho_ten_doanh_nhan": "Lê Minh Quân",
    "f_ngay_sinh_doanh_nhan": "14/06/1980",
    "f_so_ho_chieu": "C1234567",
    "f_chuc_vu": "Giám đốc",
    "f_so_thang_lam_viec": "48",
    "f_nen_kinh_te": "Nhật Bản, Hàn Quốc",
}


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    # Each test writes its uploads to its own folder, so that "no file left behind" can be checked.
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    from django.utils.functional import empty

    from portal.applications.models import private_storage

    private_storage._wrapped = empty  # the lazy storage reads the setting again
    yield
    private_storage._wrapped = empty


def _version(slug: str, unit, *, form: list[dict], documents: list[dict], fees=(), **fields) -> ProcedureVersion:
    """A procedure version in effect with its form, documents and fees, as the catalogue's editors enter them."""
    version = ProcedureVersionFactory(
        procedure=ProcedureFactory(slug=slug, unit=unit), effective=False, legacy_level=4, **fields
    )
    for field in form:
        FormFieldFactory(version=version, **field)
    for document in documents:
        RequiredDocumentFactory(version=version, **document)
    for fee in fees:
        FeeItemFactory(version=version, **fee)
    from portal.procedures.services import version_put_into_effect

    version_put_into_effect(version=version, user=None)
    version.refresh_from_db()
    return version


@pytest.fixture
def unit():
    """The unit that handles the tests' procedures (the consular division of a test)."""
    return UnitFactory(name_vi="Phòng Lãnh sự thử nghiệm", name_en="Consular Test Division")


@pytest.fixture
def abtc(unit) -> ProcedureVersion:
    """The APEC Business Travel Card procedure, in effect, full-process online, 22 working days, no fee."""
    return _version(
        ABTC,
        unit,
        name_vi="Cho phép doanh nhân sử dụng thẻ đi lại của doanh nhân APEC (ABTC)",
        name_en="Permission for business people to use the APEC Business Travel Card (ABTC)",
        processing_days=22,
        form=[
            dict(name="ma_so_thue", kind=FormField.TAX_CODE, label_vi="Mã số doanh nghiệp", label_en="Tax code"),
            dict(
                name="ngay_thanh_lap",
                kind=FormField.DATE,
                label_vi="Ngày thành lập doanh nghiệp",
                label_en="Date the enterprise was established",
                help_vi="Doanh nghiệp phải hoạt động từ 12 tháng trở lên.",
            ),
            dict(
                name="doi_tac_apec",
                kind=FormField.TEXTAREA,
                label_vi="Đối tác tại các nền kinh tế APEC",
                label_en="Partners in APEC economies",
                max_length=2000,
            ),
            dict(
                name="ho_ten_doanh_nhan",
                label_vi="Họ và tên doanh nhân",
                label_en="Business person's full name",
                max_length=120,
            ),
            dict(
                name="ngay_sinh_doanh_nhan",
                kind=FormField.DATE,
                label_vi="Ngày sinh của doanh nhân",
                label_en="Business person's date of birth",
            ),
            dict(name="so_ho_chieu", label_vi="Số hộ chiếu", label_en="Passport number", max_length=20),
            dict(name="chuc_vu", label_vi="Chức vụ tại doanh nghiệp", label_en="Position", max_length=120),
            dict(
                name="so_thang_lam_viec",
                kind=FormField.INTEGER,
                label_vi="Số tháng làm việc tại doanh nghiệp",
                label_en="Months worked at the enterprise",
                min_value=12,
                max_value=720,
            ),
            dict(
                name="nen_kinh_te",
                kind=FormField.TEXTAREA,
                label_vi="Các nền kinh tế đề nghị đi lại",
                label_en="Economies to travel to",
                max_length=1000,
            ),
            dict(
                name="nhan_qua_buu_dien",
                kind=FormField.CHECKBOX,
                label_vi="Nhận bản chính kết quả qua dịch vụ bưu chính công ích",
                label_en="Receive the original result by public postal service",
                required=False,
            ),
        ],
        documents=[
            dict(
                key="van-ban-de-nghi",
                name_vi="Văn bản đề nghị (theo mẫu)",
                name_en="Request letter (on the form provided)",
                quantity_vi="01 bản chính",
                max_files=1,
                template=TemplateDocumentFactory(title="Mẫu văn bản đề nghị cấp thẻ ABTC"),
            ),
            dict(
                key="dang-ky-doanh-nghiep",
                name_vi="Giấy chứng nhận đăng ký doanh nghiệp",
                name_en="Business registration certificate",
            ),
            dict(
                key="hop-dong-doi-tac",
                name_vi="Hợp đồng, thỏa thuận với đối tác tại các nền kinh tế APEC",
                name_en="Contracts or agreements with partners in APEC economies",
                max_files=5,
            ),
            dict(
                key="ho-chieu",
                name_vi="Hộ chiếu của doanh nhân (trang nhân thân)",
                name_en="Business person's passport (identity page)",
                max_files=2,
            ),
        ],
        fees=[
            dict(
                name_vi="Cước chuyển phát bản chính kết quả qua bưu chính công ích",
                name_en="Postage of the original result by public postal service",
                amount=25_000,
                condition_field="nhan_qua_buu_dien",
            )
        ],
    )


@pytest.fixture
def consular(unit) -> ProcedureVersion:
    """Consular certification or legalisation: 30.000 đ a document, paid online; two working days."""
    return _version(
        "hop-phap-hoa-lanh-su-thu-nghiem",
        unit,
        name_vi="Tiếp nhận hồ sơ đề nghị chứng nhận lãnh sự, hợp pháp hóa lãnh sự",
        name_en="Consular certification or legalisation",
        processing_days=2,
        form=[
            dict(
                name="loai_yeu_cau",
                kind=FormField.CHOICE,
                label_vi="Yêu cầu",
                label_en="Request",
                choices_vi="Chứng nhận lãnh sự\nHợp pháp hóa lãnh sự",
                choices_en="Consular certification\nConsular legalisation",
            ),
            dict(
                name="so_ban",
                kind=FormField.INTEGER,
                label_vi="Số bản giấy tờ cần chứng nhận hoặc hợp pháp hóa",
                label_en="Number of documents",
                min_value=1,
                max_value=100,
            ),
            dict(name="ten_giay_to", kind=FormField.TEXTAREA, label_vi="Tên các giấy tờ, tài liệu", max_length=2000),
            dict(name="nuoc_su_dung", label_vi="Nước sử dụng giấy tờ", max_length=80),
            dict(
                name="dia_chi_nhan",
                kind=FormField.TEXTAREA,
                label_vi="Địa chỉ nhận kết quả qua bưu chính",
                max_length=500,
            ),
        ],
        documents=[
            dict(key="giay-to-tuy-than", name_vi="Giấy tờ tùy thân của người đề nghị", max_files=2),
            dict(key="giay-to-can-hop-phap-hoa", name_vi="Bản chụp giấy tờ cần chứng nhận, hợp pháp hóa"),
        ],
        fees=[
            dict(
                name_vi="Lệ phí chứng nhận lãnh sự, hợp pháp hóa lãnh sự",
                name_en="Consular certification or legalisation fee",
                amount=30_000,
                quantity_field="so_ban",
            )
        ],
    )


def ours():
    """The applications a test made (the demo's own are there too)."""
    return Application.objects.exclude(email__endswith="@demo.invalid")


def upload(name: str, data: bytes | None = None, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else pdf_bytes(name), content_type=content_type)


def human_token() -> str:
    """The form's time stamp as if shown a minute ago (a person took that long to fill it in)."""
    return guards.form_token(now=time.time() - 60)


def form_data(
    version: ProcedureVersion, *, action: str = "submit", key=None, with_files: bool = True, **overrides
) -> dict:
    """A POST of the procedure's form as an organisation fills it in, every required document attached."""
    data = {
        "idempotency_key": str(key or uuid.uuid4()),
        "action": action,
        "applicant_kind": Application.ORGANISATION,
        "applicant_name": "Công ty TNHH Xuất nhập khẩu Thuận An",
        "email": "lienhe@thuanan.example",
        "phone": "0234 3811 222",
        "address": "15 Trần Hưng Đạo, thành phố Huế",
        "form_token": human_token(),
        "website": "",
    }
    if version.procedure.slug == ABTC:
        data.update(ANSWERS)
    if with_files:
        for document in version.required_documents.all():
            if document.required:
                data[f"doc_{document.key}"] = upload(f"{document.key}.pdf")
    data.update(overrides)
    return data


def apply_url(slug: str = ABTC) -> str:
    return reverse("applications:apply", kwargs={"slug": slug})


def submit(client, version, **overrides) -> Application:
    response = client.post(apply_url(version.procedure.slug), form_data(version, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Application.objects.get(
        idempotency_key=overrides.get("key") or response.wsgi_request.POST["idempotency_key"]
    )


@pytest.fixture
def submitted(client, abtc) -> Application:
    return submit(client, abtc)


@pytest.fixture
def officer(unit):
    """The unit's application officer: receives, asks for supplements, proposes, issues results."""
    return StaffFactory(role=roles.APPLICATION_OFFICER, unit=unit)


@pytest.fixture
def approver(unit):
    """The unit's head: approves or refuses (and signs the result letter)."""
    return StaffFactory(role=roles.APPLICATION_APPROVER, unit=unit, first_name="Ngô Văn", last_name="Khánh")


@pytest.fixture
def overdue(client, abtc, officer) -> Application:
    """An application of the unit received 60 days ago and still open: past its 22 working days."""
    with time_machine.travel(timezone.now() - dt.timedelta(days=60), tick=False):
        application = submit(client, abtc, applicant_name="Công ty TNHH Chậm Trễ", email="chamtre@example.com")
        services.application_receive(application=application, user=officer)
    application.refresh_from_db()
    assert application.due_at < timezone.now()
    return application


@pytest.fixture
def staff_client(client):
    def sign_in(user):
        login_with_second_factor(client, user)
        return client

    return sign_in


def received(application: Application, officer) -> Application:
    return services.application_receive(application=application, user=officer)


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, with what a request leaves for after its commit (e-mails) run as it answers."""
    request = client.request

    def request_and_commit(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(**kwargs)

    client.request = request_and_commit
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` around a service call runs its after-commit work (e-mails) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _vietnamese():
    # A request to /en/ leaves English active in the thread; each test starts on the Vietnamese site.
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()

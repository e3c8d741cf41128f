"""Fixtures for the applications' tests: the demo's ABTC procedure, a filled-in form, staff of the units."""

import time
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.accounts.models import StaffProfile
from portal.accounts.testing import login_with_second_factor
from portal.applications import guards, services
from portal.applications.models import Application
from portal.applications.samples import pdf_bytes
from portal.procedures.models import ProcedureVersion
from portal.units import roles
from portal.units.models import Unit

ABTC = "the-abtc"
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


@pytest.fixture
def abtc() -> ProcedureVersion:
    return ProcedureVersion.objects.get(procedure__slug=ABTC, status=ProcedureVersion.EFFECTIVE)


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
def make_staff(django_user_model):
    def make(username: str, role: roles.Role, unit_code: str):
        user = django_user_model.objects.create_user(
            username=username, password="Mat-khau-thu-2026", email=f"{username}@demo.invalid"
        )
        user.groups.add(Group.objects.get(name=role.group_name))
        StaffProfile.objects.create(user=user, unit=Unit.objects.get(code=unit_code))
        return user

    return make


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.get(username="xulyhoso")


@pytest.fixture
def approver(django_user_model):
    return django_user_model.objects.get(username="duyethoso")


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

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.accounts.models import StaffProfile
from portal.applications.samples import pdf_bytes
from portal.news.tests.factories import section
from portal.qa import guards, services
from portal.qa.models import Question, QuestionIndexPage
from portal.units.models import Unit
from portal.units.roles import CONTRIBUTOR, UNIT_HEAD

User = get_user_model()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Attachments of each test in a folder of its own, outside MEDIA_ROOT as in production."""
    settings.QA_PRIVATE_ROOT = tmp_path / "private"
    return settings.QA_PRIVATE_ROOT


@pytest.fixture
def index_vi() -> QuestionIndexPage:
    return QuestionIndexPage.objects.get(locale__language_code="vi")


@pytest.fixture
def index_en() -> QuestionIndexPage:
    return QuestionIndexPage.objects.get(locale__language_code="en")


def user(username: str):
    return User.objects.get(username=username)


@pytest.fixture
def secretariat():
    return user("thuongtruc")


@pytest.fixture
def chief():
    return user("truongban")


@pytest.fixture
def unit_head():
    return user("truongphong")  # unit: Phòng Hợp tác quốc tế


@pytest.fixture
def cooperation_unit() -> Unit:
    return Unit.objects.get(code="hop-tac-quoc-te")


@pytest.fixture
def consular_member(db):
    """A contributor of the consular division (another unit than the demo's unit head)."""
    member = User.objects.create_user("lanhsu", email="lanhsu@demo.invalid", password="x-Mat-khau-2026")
    member.groups.add(Group.objects.get(name=CONTRIBUTOR.group_name))
    StaffProfile.objects.create(user=member, unit=Unit.objects.get(code="lanh-su"))
    return member


@pytest.fixture
def other_unit_head(db):
    head = User.objects.create_user("truongphonglanhsu", email="tplanhsu@demo.invalid", password="x-Mat-khau-2026")
    head.groups.add(Group.objects.get(name=UNIT_HEAD.group_name))
    StaffProfile.objects.create(user=head, unit=Unit.objects.get(code="lanh-su"))
    return head


def human_token() -> str:
    """The form's time stamp as if shown a minute ago (a person took that long to write)."""
    return guards.form_token(now=time.time() - 60)


def ask_data(**overrides) -> dict:
    data = {
        "name": "Nguyễn Văn An",
        "email": "nguyenvanan@example.com",
        "phone": "0905 123 456",
        "organisation": "",
        "topic": str(section("hop-tac-quoc-te").pk),
        "title": "Thủ tục mời chuyên gia Hàn Quốc sang giảng dạy",
        "body": "Trường chúng tôi muốn mời hai giáo sư Hàn Quốc sang giảng dạy một học kỳ. Xin hỏi cần thủ tục gì?",
        "consent_to_processing": "on",
        "consent_to_publish": "on",
        "website": "",
        "form_token": human_token(),
    }
    data.update(overrides)
    return data


def submit_question(*, language: str = "vi", address: str = "198.51.100.7", now=None, **fields) -> tuple[Question, str]:
    """A question stored through the service, as the public form does."""
    values = {
        "name": "Nguyễn Văn An",
        "email": "nguyenvanan@example.com",
        "phone": "0905 123 456",
        "title": f"Câu hỏi thử nghiệm {time.time_ns()}",
        "body": f"Nội dung câu hỏi thử nghiệm số {time.time_ns()} về thủ tục hợp pháp hóa lãnh sự.",
        "topic": section("hop-tac-quoc-te"),
        "consent_to_publish": True,
        "language": language,
    }
    values.update(fields)
    return services.question_submit(
        submission=services.Submission(**values),
        address=address,
        link_for=lambda code, secret: f"http://testserver/hoi-dap/theo-doi/{code}/{secret}/",
        now=now,
    )


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 58, 117)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (164, 22, 26)).save(buffer, format="JPEG")
    return buffer.getvalue()


MINIMAL_PDF = pdf_bytes("Giay moi")  # a whole PDF: the check opens it and finds its page


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)

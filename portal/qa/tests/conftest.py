import datetime as dt
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from portal.applications.samples import pdf_bytes
from portal.news.tests.factories import section
from portal.qa import guards, services
from portal.qa.models import Question, QuestionIndexPage
from portal.testing.factories import StaffFactory
from portal.units.models import Unit
from portal.units.roles import CONTRIBUTOR, EDITOR_IN_CHIEF, SECRETARIAT, UNIT_HEAD


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


def staff(role, unit_code: str):
    """A staff account of `role` in the unit of the installation's pack with that code."""
    return StaffFactory(role=role, unit=Unit.objects.get(code=unit_code))


@pytest.fixture
def secretariat(db):
    return staff(SECRETARIAT, "van-phong")


@pytest.fixture
def chief(db):
    return staff(EDITOR_IN_CHIEF, "van-phong")


@pytest.fixture
def unit_head(db):
    return staff(UNIT_HEAD, "hop-tac-quoc-te")  # unit: Phòng Hợp tác quốc tế


@pytest.fixture
def cooperation_unit() -> Unit:
    return Unit.objects.get(code="hop-tac-quoc-te")


@pytest.fixture
def consular_member(db):
    """A contributor of the consular division (another unit than the unit head's)."""
    return staff(CONTRIBUTOR, "lanh-su")


@pytest.fixture
def other_unit_head(db):
    return staff(UNIT_HEAD, "lanh-su")


@pytest.fixture
def cooperation_member(db):
    """A contributor of the unit head's unit, Phòng Hợp tác quốc tế."""
    return staff(CONTRIBUTOR, "hop-tac-quoc-te")


@pytest.fixture
def consular_question(secretariat):
    """A question routed to the consular division a month ago and still not answered: past its deadline."""
    received = timezone.now() - dt.timedelta(days=30)
    question, _secret = submit_question(
        title="Phóng viên nước ngoài đến Huế đưa tin cần xin phép ở đâu?", address="198.51.100.61", now=received
    )
    return services.question_route(
        question=question, unit=Unit.objects.get(code="lanh-su"), user=secretariat, now=received + dt.timedelta(hours=2)
    )


@pytest.fixture
def cooperation_question(secretariat, unit_head, cooperation_unit):
    """A question routed to Phòng Hợp tác quốc tế yesterday, its answer drafted and sent for approval."""
    received = timezone.now() - dt.timedelta(hours=30)
    question, _secret = submit_question(
        title="Hợp tác xã nhận tài trợ của tổ chức phi chính phủ nước ngoài", address="198.51.100.62", now=received
    )
    services.question_route(question=question, unit=cooperation_unit, user=secretariat, now=received)
    return services.answer_save(question=question, user=unit_head, answer="Khoản hỗ trợ là viện trợ.", submit=True)


@pytest.fixture
def waiting_question(db):
    """A question received this morning, not routed to any unit yet."""
    question, _secret = submit_question(title="Kỳ xét tuyển viên chức năm nay có vị trí phiên dịch không?")
    return question


@pytest.fixture
def spam_question(secretariat):
    question, _secret = submit_question(title="LÀM VISA, HỘ CHIẾU SIÊU TỐC GIÁ RẺ!!!", address="198.51.100.63")
    return services.question_mark_spam(question=question, user=secretariat)


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

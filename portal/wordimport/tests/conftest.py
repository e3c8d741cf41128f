import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from portal.testing.factories import SectionFactory, StaffFactory, UnitFactory
from portal.units import roles


@pytest.fixture
def media(settings, tmp_path):
    """A private media folder, so a test can prove no image file was left behind."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def contributor(db):
    return StaffFactory(role=roles.CONTRIBUTOR, unit=UnitFactory())


@pytest.fixture
def category(db):
    return SectionFactory(title="Tin tức thử nghiệm")


def upload(data: bytes, name: str = "bai-viet.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def counts() -> tuple[int, int, int]:
    return Page.objects.count(), get_image_model().objects.count(), Revision.objects.count()

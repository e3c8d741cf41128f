"""Media and static files as the embedded default serves them (`make run`; the test settings serve them
the same way, SERVE_MEDIA): documents' files never, paths out of their folder 404, never 500."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)  # a server error is an answer here, as a browser sees it


@pytest.fixture
def document_file() -> str:
    document = get_document_model().objects.create(
        title="Biên bản họp nội bộ", file=ContentFile(b"%PDF-1.4 private minutes\n%%EOF\n", name="bien-ban-noi-bo.pdf")
    )
    yield document.file.name  # documents/bien-ban-noi-bo[_xxxx].pdf
    document.file.delete(save=False)
    document.delete()


def test_a_documents_file_is_never_served_from_media_however_the_path_is_written(client, document_file):
    name = document_file.split("/", 1)[1]
    for path in (
        f"/media/documents/{name}",
        f"/media/./documents/{name}",
        f"/media/.//documents/{name}",
        f"/media/documents/../documents/{name}",
        f"/media/images/../documents/{name}",
        f"/media//documents/{name}",
        f"/media/%2e/documents/{name}",
        f"/media/Documents/{name}",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"private minutes" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_paths_out_of_their_folder_answer_404(client):
    paths = ("/static/../x", "/media/../x", "/static/../../etc/passwd", "/media/%2e%2e/settings.py", "/static/..\\x")
    for path in paths:
        assert client.get(path).status_code == 404, path


def test_public_media_and_static_files_are_still_served(client):
    image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file(filename="anh-cong-khai.png"))
    try:
        response = client.get(f"/media/{image.file.name}")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert client.get(f"/media/./{image.file.name}").status_code == 200
    finally:
        image.file.delete(save=False)
        image.delete()
    assert client.get("/static/portal/css/portal.css").status_code == 200

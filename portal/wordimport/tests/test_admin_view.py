"""The admin page "Nhập từ Word" end to end, as a contributor sees it (Vietnamese admin)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from portal.news.models import ArticlePage
from portal.testing.factories import SectionFactory, StaffFactory, UnitFactory
from portal.units import roles

from . import samples
from .conftest import counts, stored_files, upload

pytestmark = pytest.mark.django_db

URL = reverse("wordimport:import")


@pytest.fixture
def signed_in(client, contributor):
    client.force_login(contributor)
    return client


def _menu_item(client) -> dict:
    """The sidebar's "Import from Word" item, from the JSON Wagtail draws the menu with."""
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("url") == URL:
                found.append(node)
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                walk(child)

    walk(json.loads(soup.select_one("#wagtail-sidebar-props").string))
    return found[0] if found else {}


def test_menu_and_category_lead_to_the_form(signed_in, category):
    assert {"url": URL, "label": "Nhập từ Word"}.items() <= _menu_item(signed_in).items()

    listing = signed_in.get(reverse("wagtailadmin_explore", args=[category.pk]))
    assert f"{URL}?parent={category.pk}" in listing.content.decode()  # next to "Add child page"

    form = signed_in.get(URL, {"parent": category.pk})
    assert form.status_code == 200
    soup = BeautifulSoup(form.content, "html.parser")
    assert "Nhập từ Word" in soup.title.get_text()
    selected = soup.select_one("select[name=parent] option[selected]")
    assert selected["value"] == str(category.pk) and category.title in selected.get_text()
    assert soup.select_one("input[type=file][name=file]")["accept"].startswith(".docx")


def test_upload_creates_the_draft_and_opens_the_editor(signed_in, contributor, category, media):
    response = signed_in.post(URL, {"parent": category.pk, "file": upload(samples.news_article())})

    page = ArticlePage.objects.get(title=samples.TITLE, owner=contributor)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.get_parent().pk == category.pk
    editor = signed_in.get(response["Location"])
    assert editor.status_code == 200
    assert f"Đã tạo bản nháp “{samples.TITLE}” từ tệp Word" in editor.content.decode()
    assert len([name for name in stored_files(media) if name.startswith("original_images/")]) == 2

    history = signed_in.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "Đã nhập từ tệp Word “bai-viet.docx” kèm 2 ảnh" in history.content.decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (samples.png_bytes(), "anh.docx", "Tệp này không phải văn bản Word (.docx)."),
        (samples.legacy_doc(), "bai-cu.doc", "Đây là văn bản Word 97-2003 cũ (.doc)."),
        (samples.encrypted_docx(), "mat-khau.docx", "Văn bản đang được bảo vệ bằng mật khẩu."),
    ],
)
def test_refused_file_shows_its_message_and_creates_nothing(signed_in, category, media, data, name, message):
    before = counts()
    response = signed_in.post(URL, {"parent": category.pk, "file": upload(data, name)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before
    assert stored_files(media) == []


def test_oversize_file_is_refused_in_the_form(signed_in, category, media, settings):
    settings.WORDIMPORT_MAX_BYTES = 4096
    before = counts()
    response = signed_in.post(URL, {"parent": category.pk, "file": upload(samples.news_article())})
    assert "Tệp quá lớn" in response.content.decode()
    assert counts() == before


def test_category_without_permission_is_refused(client, category, media):
    allowed = SectionFactory()
    group = Group.objects.create(name="Cộng tác viên Hợp tác quốc tế")
    group.permissions.add(*Group.objects.get(name="Cộng tác viên").permissions.all())  # admin access
    GroupPagePermission.objects.create(group=group, page=allowed, permission_type="add")
    user = get_user_model().objects.create_user("ctv-htqt", password="x")
    user.groups.add(group)
    client.force_login(user)

    form = BeautifulSoup(client.get(URL).content, "html.parser")
    choices = {option["value"] for option in form.select("select[name=parent] option")}
    assert str(allowed.pk) in choices and str(category.pk) not in choices

    before = counts()
    response = client.post(URL, {"parent": category.pk, "file": upload(samples.plain_article())})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()  # Django's "Select a valid choice"
    assert counts() == before


def test_staff_who_cannot_add_pages_do_not_see_the_import(client):
    client.force_login(StaffFactory(role=roles.ACCOUNTANT, unit=UnitFactory()))  # an accountant
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert _menu_item(client) == {}


def test_the_form_warns_that_pictures_need_an_alternative_text_and_names_the_file_button(signed_in, category):
    soup = BeautifulSoup(signed_in.get(URL, {"parent": category.pk}).content, "html.parser")
    warning = soup.select_one("[data-alt-text-warning]").get_text(" ", strip=True)
    assert "văn bản thay thế cho mọi ảnh" in warning and "chặn việc gửi duyệt" in warning
    file_input = soup.select_one("input[type=file][name=file]")
    # portal/js/filecheck.js draws these instead of the browser's "Choose File", and checks the size first
    assert file_input["data-choose-label"] == "Chọn tệp Word"
    assert file_input["data-none-label"] == "Chưa chọn tệp nào"
    assert file_input["data-max-bytes"] == str(20 * 1024 * 1024)
    assert file_input["data-too-large-message"].startswith("Tệp lớn hơn 20,0")
    assert any("filecheck.js" in script.get("src", "") for script in soup.select("script"))


def test_after_the_import_the_pictures_without_alternative_text_are_listed(signed_in, category, media):
    # the sample's first picture has Word's alt text, the second a caption; the third neither
    response = signed_in.post(URL, {"parent": category.pk, "file": upload(samples.news_article(images=3))}, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert any(message.startswith(f"Đã tạo bản nháp “{samples.TITLE}”") for message in messages)
    assert (
        "Ảnh số 3 chưa có văn bản thay thế: hãy mô tả ảnh (hoặc đánh dấu là ảnh trang trí) trong trang soạn thảo, "
        "nếu không tin bài không gửi duyệt được."
    ) in messages


def test_no_warning_when_every_picture_is_described(signed_in, category, media):
    response = signed_in.post(URL, {"parent": category.pk, "file": upload(samples.news_article())}, follow=True)
    assert not any("văn bản thay thế" in str(message) for message in response.context["messages"])

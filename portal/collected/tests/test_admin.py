import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from portal.accounts.testing import login_with_second_factor
from portal.collected.models import FeedSource, InboxEntry
from portal.collected.services import fetch_source
from portal.collected.wagtail_hooks import feed_sources
from portal.demo.collected import ensure_demo_sources
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

pytestmark = pytest.mark.django_db
INBOX = reverse("collected_inbox")


@pytest.fixture
def source(make_source):
    source = make_source("/rss", name="Báo Điện tử Chính phủ")
    fetch_source(source)
    return source


def test_the_secretariat_sees_new_entries_newest_first(client, secretariat, source):
    login_with_second_factor(client, secretariat)

    response = client.get(INBOX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Hộp tin sưu tầm" in html and "Tạo bản nháp" in html and "Bỏ qua" in html
    newest = html.index("Thủ tướng chủ trì hội nghị về ngoại giao kinh tế")
    assert newest < html.index("Đoàn công tác của tỉnh thăm và làm việc tại Lào")  # undated, after the dated


def test_filter_by_source_and_status(client, editor, source, make_source):
    other = make_source("/atom", name="Bộ Ngoại giao")
    fetch_source(other)
    source.entries.filter(guid="hop-bao-thang-3").update(status=InboxEntry.STATUS_DISMISSED)
    login_with_second_factor(client, editor)

    by_source = client.get(INBOX, {"source": other.pk}).content.decode()
    dismissed = client.get(INBOX, {"status": "dismissed"}).content.decode()
    everything = client.get(INBOX, {"status": ""}).content.decode()
    new_only = client.get(INBOX).content.decode()

    assert "Hội nghị Ngoại vụ toàn quốc" in by_source and "Thủ tướng chủ trì" not in by_source
    assert "Họp báo Chính phủ thường kỳ" in dismissed and "Thủ tướng chủ trì" not in dismissed
    assert "Họp báo Chính phủ thường kỳ" in everything and "Hội nghị Ngoại vụ" in everything
    assert "Họp báo Chính phủ thường kỳ" not in new_only


def test_unknown_filter_values_answer_a_message_not_an_error(client, secretariat, source):
    login_with_second_factor(client, secretariat)

    response = client.get(INBOX, {"source": "abc", "status": "lost", "p": "999"})

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["accountant", "no-permission"])
def test_users_who_cannot_add_items_are_refused(client, source, who):
    if who == "accountant":
        user = StaffFactory(role=roles.ACCOUNTANT, unit=Unit.objects.get(code="van-phong"))
    else:  # a contributor whose group was given no page permission
        user = get_user_model().objects.create_user(username=who, password="Khong-dung-2026")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_with_second_factor(client, user)
    entry = source.entries.first()

    listing = client.get(INBOX)
    drafting = client.post(reverse("collected_make_draft", args=[entry.pk]))
    dismissing = client.post(reverse("collected_dismiss", args=[entry.pk]))

    for response in (listing, drafting, dismissing):
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    entry.refresh_from_db()
    assert entry.status == InboxEntry.STATUS_NEW


def test_make_a_draft_then_open_it_again(client, secretariat, source):
    login_with_second_factor(client, secretariat)
    entry = source.entries.get(title="Thủ tướng chủ trì hội nghị về ngoại giao kinh tế")
    url = reverse("collected_make_draft", args=[entry.pk])

    first = client.post(url, {"category": "", "next": INBOX})
    entry.refresh_from_db()
    second = client.post(url, {"category": ""})

    page = ArticlePage.objects.get(pk=entry.draft_id)
    assert first.url == second.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.owner == secretariat and page.source_url == entry.link
    assert ArticlePage.objects.filter(source_url=entry.link).count() == 1
    assert client.get(first.url).status_code == 200
    assert "Mở bản nháp" in client.get(INBOX, {"status": "drafted"}).content.decode()


def test_make_a_draft_in_a_chosen_category(client, editor, source):
    login_with_second_factor(client, editor)
    entry = source.entries.first()
    category = section("chinh-sach-doi-ngoai")

    client.post(reverse("collected_make_draft", args=[entry.pk]), {"category": category.pk})

    entry.refresh_from_db()
    assert entry.draft.get_parent().pk == category.pk


def test_a_bad_category_is_a_message(client, editor, source):
    login_with_second_factor(client, editor)
    entry = source.entries.first()

    response = client.post(
        reverse("collected_make_draft", args=[entry.pk]), {"category": "x", "next": "https://evil.example/"}
    )

    assert response.status_code == 302 and response.url == INBOX
    entry.refresh_from_db()
    assert entry.draft is None


def test_dismiss(client, secretariat, source):
    login_with_second_factor(client, secretariat)
    entry = source.entries.first()

    response = client.post(reverse("collected_dismiss", args=[entry.pk]), {"next": INBOX + "?status=new"})

    assert response.url == INBOX + "?status=new"
    entry.refresh_from_db()
    assert entry.status == InboxEntry.STATUS_DISMISSED
    assert client.get(reverse("collected_dismiss", args=[entry.pk])).status_code == 405


def test_the_secretariat_keeps_the_source_list(client, secretariat, only_test_sources):
    ensure_demo_sources()
    login_with_second_factor(client, secretariat)

    listing = client.get(reverse(feed_sources.get_url_name("list")))
    home = client.get(reverse("wagtailadmin_home"))
    adding = client.post(
        reverse(feed_sources.get_url_name("add")),
        {
            "name": "Tệp trên máy chủ",
            "site_url": "",
            "feed_url": "file:///etc/passwd",
            "active": "on",
        },
    )

    assert listing.status_code == 200 and "Cổng Thông tin điện tử Bộ Ngoại giao" in listing.content.decode()
    assert adding.status_code == 200 and not FeedSource.objects.filter(name="Tệp trên máy chủ").exists()
    assert reverse("collected_inbox") in home.content.decode()  # the menu item

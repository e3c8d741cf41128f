"""News carried upward: the provincial portal's editors carry an agency's published item to its site."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from portal.province.services import CarryRefused, carry_withdraw, item_carry
from portal.royalties.models import RoyaltyEntry, RoyaltyWork
from portal.testing.agencies import agency, site, visitor
from portal.testing.factories import ArticleFactory
from portal.translations.models import TranslationTask
from portal.units import roles

from .conftest import member_of

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def carry_in_admin(client, item):
    response = client.post(reverse("province_carry_item", args=[item.pk]), follow=True)
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def test_the_province_editor_carries_an_item_in_one_click_and_it_shows_on_the_province_site(
    signed_in, province_editor, agency_item, django_capture_on_commit_callbacks
):
    client = signed_in(province_editor)
    listing = client.get(reverse("province_carry")).content.decode()
    assert f'data-item="{agency_item.pk}"' in listing and "Sở Văn hóa và Thể thao tỉnh Lam Sơn" in listing
    with django_capture_on_commit_callbacks(execute=True):
        messages = carry_in_admin(client, agency_item)
    assert any("đã lên cổng thông tin của tỉnh" in message for message in messages), messages
    carry = Page.objects.get(alias_of=agency_item)
    assert carry.live and carry.path.startswith(site("province").root_page.path)

    province = visitor("province")
    home = province.get("/").content.decode()
    assert agency_item.title in home
    listing = province.get(carry.get_parent().relative_url(site("province")))
    assert agency_item.title in listing.content.decode()
    page = province.get(carry.specific.relative_url(site("province")))
    html = page.content.decode()
    assert page.status_code == 200
    # The canonical address is the agency's own; the page names the agency the item comes from.
    assert f'<link rel="canonical" href="{agency_item.full_url}">' in html
    assert agency_item.full_url.startswith("http://svhtt.lamson.example")
    assert "Nguồn: Sở Văn hóa và Thể thao tỉnh Lam Sơn" in html
    assert carry.specific.author_name == "Trần Văn Bình"
    # The agency's own page names no canonical address of another site.
    own = visitor("second").get(agency_item.relative_url(site("second"))).content.decode()
    assert 'rel="canonical"' not in own


def test_royalties_stay_with_the_source(province_editor, agency_item, django_capture_on_commit_callbacks):
    work = RoyaltyWork.objects.get(page_key=agency_item.pk)
    entries = RoyaltyEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        carry = item_carry(user=province_editor, source=agency_item)
    with django_capture_on_commit_callbacks(execute=True):
        agency_item.save_revision().publish()  # republished: the carry follows it (Wagtail's alias)
    assert not RoyaltyWork.objects.filter(page_key=carry.pk).exists()
    assert RoyaltyEntry.objects.count() == entries
    assert work.page_id == agency_item.pk  # the agency's own item is paid for, once
    # Nor does the province translate it: the source's agency does, in its own queue.
    assert not TranslationTask.objects.filter(original=carry).exists()


def test_the_agency_sees_where_its_items_were_carried(signed_in, province_editor, agency_item):
    carry = item_carry(user=province_editor, source=agency_item)
    second_editor = member_of(roles.group_name(roles.EDITOR_IN_CHIEF, agency("second")), "bientap-so")
    report = signed_in(second_editor).get(reverse("province_carried")).content.decode()
    assert f'data-item="{agency_item.pk}"' in report
    assert carry.full_url in report and "đang hiển thị" in report
    # ...and on the item's own edit page.
    edit = signed_in(second_editor).get(reverse("wagtailadmin_pages:edit", args=[agency_item.pk]))
    assert edit.status_code == 200
    assert "Trên cổng thông tin tỉnh" in edit.content.decode() and carry.full_url in edit.content.decode()
    # The default site's agency sees none of the second agency's carries.
    first_editor = member_of(roles.group_name(roles.EDITOR_IN_CHIEF), "bientap-mot")
    other = signed_in(first_editor).get(reverse("province_carried")).content.decode()
    assert f'data-item="{agency_item.pk}"' not in other


def test_an_editor_of_another_agency_cannot_carry(signed_in, province, agency_item):
    second_editor = member_of(roles.group_name(roles.EDITOR_IN_CHIEF, agency("second")), "bientap-so")
    with pytest.raises(CarryRefused, match="không được đưa tin"):
        item_carry(user=second_editor, source=agency_item)
    client = signed_in(second_editor)
    response = client.post(reverse("province_carry_item", args=[agency_item.pk]), follow=True)
    assert "không có quyền" in " ".join(str(m) for m in response.context["messages"]).lower()
    assert client.get(reverse("province_carry")).status_code == 302
    assert not Page.objects.filter(alias_of=agency_item).exists()


def test_refusals_say_why(province_editor, agency_item):
    carry = item_carry(user=province_editor, source=agency_item)
    with pytest.raises(CarryRefused, match="đã có trên cổng"):
        item_carry(user=province_editor, source=agency_item)
    with pytest.raises(CarryRefused, match="tin bài của chính một cơ quan"):
        item_carry(user=province_editor, source=carry)
    draft = ArticleFactory(parent=agency_item.get_parent(), publish=False)
    with pytest.raises(CarryRefused, match="đã xuất bản"):
        item_carry(user=province_editor, source=draft)
    restricted = ArticleFactory(parent=agency_item.get_parent())
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    with pytest.raises(CarryRefused, match="công khai cho mọi người"):
        item_carry(user=province_editor, source=restricted)
    own = ArticleFactory(parent=carry.get_parent())  # the province's own item
    with pytest.raises(CarryRefused, match="của cơ quan khác"):
        item_carry(user=province_editor, source=own)


def test_unpublishing_the_source_hides_the_carry_and_withdrawing_removes_it(
    province_editor, agency_item, django_capture_on_commit_callbacks
):
    carry = item_carry(user=province_editor, source=agency_item)
    url = carry.specific.relative_url(site("province"))
    assert visitor("province").get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        agency_item.unpublish()
    carry.refresh_from_db()
    assert not carry.live
    assert visitor("province").get(url).status_code == 404
    assert agency_item.title not in visitor("province").get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agency_item.save_revision().publish()
    carry.refresh_from_db()
    assert carry.live  # published again by its agency: on the province's site again
    with django_capture_on_commit_callbacks(execute=True):
        carry_withdraw(user=province_editor, carry=carry)
    assert not Page.objects.filter(alias_of=agency_item).exists()
    assert visitor("province").get(url).status_code == 404
    agency_item.refresh_from_db()
    assert agency_item.live

"""Issue 19 item 7: no English word where a Vietnamese user reads the portal. Each place the issue named is
rendered in Vietnamese: the Vietnamese word is there and the English one is not (and English keeps English)."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from portal.accounts.testing import login_with_second_factor
from portal.home.models import HomePage
from portal.news.blocks import LabelledImageBlock
from portal.planning.selectors import category_lines
from portal.procedures.models import FormField
from portal.procedures.services import version_put_into_effect
from portal.testing.factories import (
    ArticleFactory,
    ProcedureVersionFactory,
    StaffFactory,
    UnitFactory,
    plan_of_this_year,
)
from portal.units import roles

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    login_with_second_factor(client, user)
    return client


@pytest.fixture
def administrator():
    return StaffFactory(superuser=True)


def labels_in(data) -> set[str]:
    """Every "label" of the block definitions Wagtail hands to the editor (JSON)."""
    if isinstance(data, dict):
        found = {data["label"]} if isinstance(data.get("label"), str) else set()
        return found.union(*(labels_in(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(*(labels_in(value) for value in data))
    return set()


def attribute_values(html: str, name: str) -> list[str]:
    return re.findall(rf'\b{name}="([^"]*)"', html)


def test_the_application_forms_date_field_asks_for_nn_tt_nnnn(client):
    version = ProcedureVersionFactory(legacy_level=3, effective=False)  # applied for online
    field = FormField.objects.create(
        version=version, name="ngay_thanh_lap", kind=FormField.DATE, label_vi="Ngày thành lập", label_en="Founded on"
    )
    version_put_into_effect(version=version, user=None)  # in effect once its form is complete
    url = reverse("applications:apply", kwargs={"slug": field.version.procedure.slug})
    html = client.get(url).content.decode()
    assert "nn/tt/nnnn" in attribute_values(html, "placeholder")
    assert "dd/mm/yyyy" not in html
    english = client.get("/en" + url).content.decode()
    assert "dd/mm/yyyy" in attribute_values(english, "placeholder")
    assert "nn/tt/nnnn" not in english


def test_the_search_dates_ask_for_nn_tt_nnnn_and_say_so_when_mistyped(client):
    html = client.get(reverse("search"), {"q": "hue", "date_from": "32/13/2026"}).content.decode()
    assert attribute_values(html, "placeholder").count("nn/tt/nnnn") == 2
    assert '<p class="field__help" id="id_date_to_helptext">nn/tt/nnnn</p>' in html
    assert "Nhập ngày theo dạng nn/tt/nnnn." in html
    assert "dd/mm/yyyy" not in html
    with translation.override("en"):
        english = client.get(reverse("search"), {"q": "hue"}).content.decode()
    assert attribute_values(english, "placeholder").count("dd/mm/yyyy") == 2


def test_the_image_blocks_chooser_is_labelled_hinh_anh(client, administrator):
    assert str(LabelledImageBlock().child_blocks["image"].label) == "hình ảnh"
    item = ArticleFactory()
    html = signed_in(client, administrator).get(reverse("wagtailadmin_pages:edit", args=[item.pk])).content.decode()
    labels = set()
    for value in attribute_values(html, "data-w-block-data-value"):
        labels.update(labels_in(json.loads(unescape(value))))
    assert "hình ảnh" in labels
    assert "Image" not in labels


def test_the_dashboards_search_button_reads_tim_kiem(client, administrator):
    html = signed_in(client, administrator).get(reverse("wagtailadmin_home")).content.decode()
    assert '<input type="submit" value="Tìm kiếm" class="button" />' in html
    assert 'value="Search"' not in html
    listing = client.get(reverse("wagtailadmin_explore_root")).content.decode()
    assert 'value="Search"' not in listing


def test_the_headers_actions_are_labelled_thao_tac(client, administrator):
    item = ArticleFactory()
    html = signed_in(client, administrator).get(reverse("wagtailadmin_pages:edit", args=[item.pk])).content.decode()
    assert re.search(r'<nav aria-label="Thao tác" id="w-slim-header-buttons"', html)
    assert 'aria-label="Actions"' not in html


def test_the_roots_breadcrumb_reads_goc(client, administrator):
    assert Page.objects.get(depth=1).title == "Gốc"
    item = ArticleFactory()
    html = signed_in(client, administrator).get(reverse("wagtailadmin_explore", args=[item.get_parent().pk])).content
    breadcrumbs = html.decode()[html.decode().index("data-w-breadcrumbs") :]
    breadcrumbs = breadcrumbs[: breadcrumbs.index("</nav>")]
    assert "Gốc" in breadcrumbs
    assert "Root" not in breadcrumbs


def test_the_editorial_calendars_categories_are_the_plans_rows(client):
    plan = plan_of_this_year()
    editor_in_chief = StaffFactory(role=roles.EDITOR_IN_CHIEF)
    html = signed_in(client, editor_in_chief).get(reverse("planning_calendar")).content.decode()
    select = html[html.index('name="category"') :]
    options = [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r"<option[^>]*>(.*?)</option>", select[: select.index("</select>")], re.S)
    ]
    # Each category as the installed plan's Appendix I names it ("2. Tin tức-sự kiện"), the English site's
    # row too: its page is the English home, whose title ("Home") is no category name.
    lines = [line for line in category_lines(plan) if line.category]
    english = [line for line in lines if line.category.pk == HomePage.objects.get(locale__language_code="en").pk]
    assert len(english) == 1 and len(lines) > 2
    assert set(options) >= {f"{line.number}. {line.title}" for line in lines}
    assert f"{english[0].number}. {english[0].title}" in options
    assert "Home" not in options


def test_a_missing_page_under_debug_is_the_portals_own_page(client, settings):
    settings.DEBUG = True  # as `make run` serves
    for url in ("/khong-co-trang-nay/", "/khong-co-tep-nay.txt"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert "<h1>Không tìm thấy trang</h1>" in html, url
        assert "DEBUG = True" not in html and "Page not found" not in html
    english = client.get("/en/no-such-page/").content.decode()
    assert "<h1>Page not found</h1>" in english


def test_the_admin_gives_its_own_words_for_a_field_left_empty(client):
    # The browser's own "Please fill out this field" follows the browser's language, not the admin's.
    secretariat = StaffFactory(role=roles.SECRETARIAT, unit=UnitFactory())
    html = signed_in(client, secretariat).get(reverse("wagtailadmin_home")).content.decode()
    assert (
        '<script src="/static/portal/js/validity.js" data-value-missing="Trường này là bắt buộc." '
        'data-invalid="Nhập một giá trị hợp lệ."></script>'
    ) in html
    assert "Please fill out this field" not in html

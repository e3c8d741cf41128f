"""The admin stays closed to approvers until they pass the second factor; others may use it without."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from portal.accounts.testing import confirmed_device, login_with_second_factor, pass_second_factor
from portal.news.models import ArticlePage
from portal.testing.factories import StaffFactory, UnitFactory
from portal.units import roles

pytestmark = pytest.mark.django_db

ENROL = reverse("accounts_second_factor_enrol")
VERIFY = reverse("accounts_second_factor_verify")


def publish_form(item: ArticlePage) -> dict:
    """What the page editor posts when the editor-in-chief presses Publish."""
    return nested_form_data(
        {
            "title": item.title,
            "slug": item.slug,
            "lead": item.lead,
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "related_links": inline_formset([]),
            "royalty_authors": inline_formset([]),
            "comments": inline_formset([]),
            "source_kind": ArticlePage.SOURCE_ORIGINAL,
            "action-publish": "publish",
        }
    )


def test_an_approver_without_a_second_factor_is_sent_to_enrolment_from_every_admin_page(
    client, approver_without_device, draft_item
):
    client.force_login(approver_without_device)
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[draft_item.pk]),
        reverse("wagtailusers_users:index"),
        reverse("admin:index"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url
    assert client.get(ENROL).status_code == 200


def test_an_approver_without_a_second_factor_cannot_publish(client, approver_without_device, draft_item):
    client.force_login(approver_without_device)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft_item.pk]), publish_form(draft_item))
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    draft_item.refresh_from_db()
    assert not draft_item.live


def test_an_approver_with_a_verified_device_uses_the_editor(client, draft_item):
    editor_in_chief = StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=UnitFactory())
    confirmed_device(editor_in_chief)
    client.force_login(editor_in_chief)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft_item.pk])
    assert client.get(edit_url)["Location"].startswith(VERIFY)  # his device asks for a code first
    pass_second_factor(client, editor_in_chief)
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, publish_form(draft_item))
    assert response.status_code == 302, response.context and response.context["form"].errors
    draft_item.refresh_from_db()
    # his post is taken, as a draft: items go live through the approval workflow (editorial.permissions)
    assert not draft_item.live and draft_item.has_unpublished_changes


def test_a_contributor_without_a_second_factor_uses_the_admin(client, make_user):
    client.force_login(make_user("ctvkhong2fa", role=roles.CONTRIBUTOR))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200


def test_a_contributor_who_enrolled_must_enter_a_code_too(client, make_user):
    contributor = make_user("ctvco2fa", role=roles.CONTRIBUTOR)
    login_with_second_factor(client, contributor)  # creates his device
    client.logout()
    client.force_login(contributor)
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(VERIFY)


def test_public_pages_are_not_affected(client, approver_without_device):
    client.force_login(approver_without_device)
    assert client.get("/").status_code == 200

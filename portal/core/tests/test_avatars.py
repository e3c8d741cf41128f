"""Staff avatars never come from gravatar.com: that would send hashed staff e-mails to a third party."""

import pytest
from django.urls import reverse

from portal.accounts.testing import login_with_second_factor
from portal.testing.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_admin_pages_load_no_gravatar(client):
    administrator = StaffFactory(superuser=True)
    assert administrator.email
    login_with_second_factor(client, administrator)
    for url in (reverse("wagtailadmin_home"), reverse("wagtailusers_users:index"), reverse("wagtailadmin_account")):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
        assert "avatar" in html  # Wagtail's own default avatar, served by the portal

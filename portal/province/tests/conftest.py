import pytest
from django.contrib.auth.models import Group

from portal.accounts.testing import login_with_second_factor
from portal.news.models import ArticlePage, SectionPage
from portal.province.setup import BOARD_GROUP
from portal.testing.agencies import agency, site
from portal.testing.factories import ArticleFactory, StaffFactory
from portal.units import roles


@pytest.fixture
def province():
    """The province's portal as `setup_portal` left it in the agencies template: its board's group and its
    editors' right to carry (packs/install.py calls province_setup)."""
    return agency("province")


def category_of(key: str) -> SectionPage:
    """The first category of an agency's Vietnamese site that holds news items."""
    home = site(key).root_page
    return next(
        category
        for category in SectionPage.objects.live().descendant_of(home).order_by("path")
        if ArticlePage.can_create_at(category)
    )


@pytest.fixture
def agency_item(django_capture_on_commit_callbacks):
    """A published item of the second agency (its royalty recorded on commit, as on the site)."""
    with django_capture_on_commit_callbacks(execute=True):
        return ArticleFactory(parent=category_of("second"), author_name="Trần Văn Bình", slug="le-hoi-van-hoa")


def member_of(group_name: str, username: str):
    user = StaffFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def province_editor(province):
    return member_of(roles.group_name(roles.EDITOR_IN_CHIEF, province), "bientap-tinh")


@pytest.fixture
def board_member(province):
    return member_of(BOARD_GROUP, "bandieuhanh")


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        login_with_second_factor(client, user)
        return client

    return sign_in

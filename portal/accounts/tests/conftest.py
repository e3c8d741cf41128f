import pytest
from django.contrib.auth.models import Group

from portal.news.models import ArticlePage
from portal.testing.factories import PASSWORD, ArticleFactory, StaffFactory, UnitFactory
from portal.units import roles

__all__ = ["PASSWORD"]  # the password of make_user's and the factories' accounts


@pytest.fixture
def make_user(django_user_model):
    def make(username: str, *, role: roles.Role | None = None, **fields):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, **fields)
        if role is not None:
            user.groups.add(Group.objects.get(name=role.group_name))
        return user

    return make


@pytest.fixture
def approver_without_device():
    """An editor-in-chief, who may publish, who has not set up an authenticator yet."""
    return StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=UnitFactory())


@pytest.fixture
def draft_item() -> ArticlePage:
    """A news item written and saved as a draft, not yet published."""
    item = ArticleFactory(title="Tin chờ duyệt đăng", publish=False)
    item.save_revision()
    return item

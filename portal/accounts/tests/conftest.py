import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.units import roles

PASSWORD = "Mat-khau-thu-2026"  # noqa: S105


@pytest.fixture
def make_user(django_user_model):
    def make(username: str, *, role: roles.Role | None = None, **fields):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, **fields)
        if role is not None:
            user.groups.add(Group.objects.get(name=role.group_name))
        return user

    return make


@pytest.fixture
def approver_without_device(django_user_model):
    """The demo editor-in-chief, who may publish, with his authenticator removed."""
    user = django_user_model.objects.get(username="truongban")
    TOTPDevice.objects.filter(user=user).delete()
    return user


@pytest.fixture
def draft_item() -> ArticlePage:
    item = section("tin-tuc-su-kien").add_child(
        instance=ArticlePage(
            title="Tin chờ duyệt đăng",
            slug=f"tin-cho-duyet-{timezone.now():%H%M%S%f}",
            lead="Tóm tắt.",
            live=False,
        )
    )
    item.save_revision()
    return item

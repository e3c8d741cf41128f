import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.packs.install import plan_next_year
from portal.testing.factories import StaffFactory
from portal.testing.shared import shared_data
from portal.units import roles
from portal.units.models import Unit

# The newsroom the tests are about, one person a role: user name -> (role, or None for the site's
# administrator, a superuser; the installed unit they work in; family and middle names; given name).
NEWSROOM = {
    "contributor": (roles.CONTRIBUTOR, "hop-tac-quoc-te", "Lê Thị", "Thu"),
    "unit_head": (roles.UNIT_HEAD, "hop-tac-quoc-te", "Phan Văn", "Đức"),
    "category_editor": (roles.CATEGORY_EDITOR, "hop-tac-quoc-te", "Đỗ Thị", "Hạnh"),
    "secretariat": (roles.SECRETARIAT, "van-phong", "Huỳnh Văn", "Tâm"),
    "editor_in_chief": (roles.EDITOR_IN_CHIEF, "van-phong", "Trịnh Minh", "Quang"),
    "accountant": (roles.ACCOUNTANT, "van-phong", "Lương Thị", "Yến"),
    "administrator": (None, "van-phong", "Trương Quốc", "Việt"),
}
# The rows of this year's plan the category editor reviews: news, international cooperation, the protocol handbook.
EDITED_ROWS = ["2", "7", "14"]


@pytest.fixture(scope="module")
def _newsroom_pks(django_db_setup, django_db_blocker) -> dict[str, int]:
    # Made once per module (portal/testing/shared.py): the plan's copy and seven people took most of the
    # time of the role matrix's short tests.
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            plan = plan_next_year(year=timezone.localdate().year)
            people = {
                username: StaffFactory(
                    username=username,
                    role=role,
                    unit=Unit.objects.get(code=unit_code),
                    superuser=role is None,
                    first_name=first_name,
                    last_name=last_name,
                )
                for username, (role, unit_code, first_name, last_name) in NEWSROOM.items()
            }
            for row in plan.rows.filter(number__in=EDITED_ROWS):
                row.editors.set([people["category_editor"]])
                row.save()  # a parental many-to-many field is written when its row is saved
            pks = {username: person.pk for username, person in people.items()}
        yield pks


@pytest.fixture
def newsroom(db, _newsroom_pks) -> dict:
    """The newsroom's people (signed in by their user names), and this year's plan (copied as
    `setup_portal --plan YEAR` copies it) naming the category editor as the only editor of EDITED_ROWS.
    Made once per module; each test reads its own copies of the people."""
    people = get_user_model().objects.in_bulk(_newsroom_pks.values())
    return {username: people[pk] for username, pk in _newsroom_pks.items()}

"""The archive of an agency's site holds that site's pages and names that agency, not the default site's."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.archive import services
from portal.archive.export import archive_export
from portal.archive.selectors import archive_years
from portal.testing.agencies import agency, site, staff
from portal.testing.factories import SectionFactory
from portal.units import roles

from .factories import YEAR, _article

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

PUBLISHED = dt.datetime(YEAR, 5, 4, 9, 30, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def items():
    """An item of YEAR on each department's site."""
    second_section = SectionFactory(parent=site("second").root_page.specific, title="Di sản", slug="di-san")
    second = _article(second_section, slug="le-hoi-lam-son", title="Lễ hội di sản Lam Sơn", published=PUBLISHED)
    first_section = SectionFactory(parent=site("first").root_page.specific, title="Hợp tác", slug="hop-tac")
    first = _article(first_section, slug="hop-tac-hue", title="Hợp tác quốc tế của Huế", published=PUBLISHED)
    return first, second


def test_the_archive_of_the_second_site_holds_its_pages_and_names_its_agency(items, tmp_path):
    first, second = items
    summary = archive_export(year=YEAR, output=tmp_path / "archive", site=site("second"))
    written = {path.relative_to(summary.folder).as_posix(): path for path in summary.folder.rglob("*.html")}
    page = next(path for name, path in written.items() if "le-hoi-lam-son" in name).read_text()
    assert second.title in page and agency("second").name_vi in page
    assert agency("first").name_vi not in page.split('class="archive-banner"')[1].split("</div>")[0]
    assert not any("hop-tac-hue" in name for name in written)
    index = (summary.folder / "index.html").read_text()
    assert agency("second").name_vi in index and agency("first").name_vi not in index


def test_the_admin_exports_the_staff_members_own_agencys_site(items):
    secretary = staff("second", roles.SECRETARIAT)
    assert services.export_site(secretary) == site("second")
    assert YEAR in archive_years(site("second"))


def test_the_command_refuses_a_host_no_site_serves(tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command
    from django.utils import translation

    refused = "Không có trang nào ở địa chỉ khong-co.example."
    with translation.override("vi"), pytest.raises(CommandError, match=refused):
        call_command(
            "export_archive",
            "--year",
            str(YEAR),
            "--output",
            str(tmp_path / "a"),
            "--site",
            "khong-co.example",
            stdout=StringIO(),
        )

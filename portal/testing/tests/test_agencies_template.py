"""The agencies template the tests marked `agencies` run on: three agencies, each on its own site."""

import pytest

from portal.testing.agencies import agency, site, visitor

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def test_three_agencies_each_on_its_own_site_and_the_province_above_them():
    names = {key: agency(key).name_vi for key in ("first", "second", "province")}
    assert names["second"] == "Sở Văn hóa và Thể thao tỉnh Lam Sơn"
    assert names["province"] == "Cổng thông tin điện tử tỉnh Lam Sơn"
    assert len(set(names.values())) == 3
    assert [agency(key).is_province for key in ("first", "second", "province")] == [False, False, True]
    assert site("first").is_default_site and not site("province").is_default_site


def test_each_site_serves_its_own_home_page():
    page = visitor("province").get("/")
    assert page.status_code == 200
    assert "Cổng thông tin điện tử tỉnh Lam Sơn" in page.content.decode()
    assert "Sở Văn hóa và Thể thao tỉnh Lam Sơn" in visitor("second").get("/").content.decode()

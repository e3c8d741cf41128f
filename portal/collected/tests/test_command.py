from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_fetch_feeds_prints_a_line_per_source(make_source):
    make_source("/rss", name="Báo Điện tử Chính phủ")
    make_source("/missing", name="Nguồn hỏng")
    out = StringIO()

    with translation.override("en"):
        call_command("fetch_feeds", stdout=out)

    lines = out.getvalue().splitlines()
    assert "OK     Báo Điện tử Chính phủ: 3 new" in lines
    assert "ERROR  Nguồn hỏng: The server answered HTTP 404." in lines
    assert lines[-1] == "2 sources, 3 new entries, 1 failed."

import json
import logging

from django.test import RequestFactory

from portal.operations.logs import JsonFormatter


def test_a_log_line_is_one_json_object_with_the_request_and_the_error():
    request = RequestFactory().get("/tin-tuc-su-kien/")
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/tin-tuc-su-kien/",),
            exc_info=__import__("sys").exc_info(), extra={"request": request, "status_code": 500, "unit": "van-phong"},
        )  # fmt: skip
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /tin-tuc-su-kien/"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/tin-tuc-su-kien/", 500)
    assert entry["exception"] == "ValueError" and "hỏng" in entry["traceback"]
    assert entry["unit"] == "van-phong"

"""The checks of bench/load.py and bench/fault.py: acknowledged submissions against what is stored.

The scripts themselves run for minutes against a served portal; here their parts run against the
test database: real submissions through the public forms (as the load process sends them), the
acknowledgements read from the redirects as the load process reads them, then the check, which
must count them stored and complete, and find what a crash could leave behind.
"""

import hashlib
import json
import time
import uuid
from pathlib import Path

import integrity
import loadkit
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.functional import empty
from integrity import LOAD_EMAIL_DOMAIN, Ack, check

from portal.applications import guards as application_guards
from portal.applications.models import Application, Upload
from portal.applications.models import private_storage as application_storage
from portal.applications.samples import pdf_bytes
from portal.procedures.models import FormField, RequiredDocument
from portal.procedures.services import version_put_into_effect
from portal.qa import guards
from portal.qa.models import Question, QuestionIndexPage
from portal.testing.factories import ProcedureVersionFactory

pytestmark = pytest.mark.django_db
PDF = pdf_bytes("Tai lieu thu tai")


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.QA_PRIVATE_ROOT = tmp_path / "private" / "questions"
    application_storage._wrapped = empty  # the lazy storage reads the setting again
    yield tmp_path / "private"
    application_storage._wrapped = empty


@pytest.fixture
def online_procedure(monkeypatch):
    """An online procedure whose form asks for a field of every kind and two documents, the one the
    load process prefers (on the demo it prefers the demo's richest form, the-abtc)."""
    version = ProcedureVersionFactory(effective=False, legacy_level=4)
    kinds = [FormField.TEXT, FormField.TEXTAREA, FormField.EMAIL, FormField.PHONE, FormField.DATE]
    kinds += [FormField.INTEGER, FormField.CHOICE, FormField.CHECKBOX, FormField.TAX_CODE, FormField.ID_NUMBER]
    for order, kind in enumerate(kinds):
        FormField.objects.create(
            version=version,
            sort_order=order,
            name=f"truong_{order}",
            kind=kind,
            label_vi=f"Trường thử tải {order}",
            choices_vi="Hộ chiếu ngoại giao\nHộ chiếu công vụ" if kind == FormField.CHOICE else "",
            min_value=1 if kind == FormField.INTEGER else None,
            max_value=20 if kind == FormField.INTEGER else None,
            max_length=80 if kind == FormField.TEXT else None,
            required=kind != FormField.CHECKBOX,
        )
    for order, key in enumerate(["to-khai", "giay-phep-kinh-doanh"]):
        RequiredDocument.objects.create(version=version, sort_order=order, key=key, name_vi=f"Giấy tờ {key}")
    version_put_into_effect(version=version, user=None)
    monkeypatch.setattr(integrity, "PREFERRED_PROCEDURE", version.procedure.slug)
    return version


@pytest.fixture
def facts(tmp_path, online_procedure):
    return integrity.form_facts(tmp_path / "files")


def page_fields(client, path: str) -> loadkit.FormFields:
    """The form's hidden values and options, parsed as the load process parses them."""
    response = client.get(path)
    assert response.status_code == 200
    fields = loadkit.FormFields()
    fields.feed(response.content.decode())
    return fields


def ask(client, facts) -> Ack:
    form = page_fields(client, facts["ask"])
    unique = uuid.uuid4().hex[:8]
    data = {
        "name": "Nguyễn Văn Thử",
        "email": f"hoi-{unique}@{LOAD_EMAIL_DOMAIN}",
        "topic": form.options["topic"][0],
        "title": f"Thủ tục mời chuyên gia, lần thử {unique}",
        "body": f"Xin hỏi thủ tục mời hai giáo sư sang giảng dạy (mã thử {unique}).",
        "consent_to_processing": "on",
        "website": "",
        # The page's own time stamp, as if the person had taken a minute to write.
        "form_token": guards.form_token(now=time.time() - 60),
        "attachment": SimpleUploadedFile("giay-moi.pdf", PDF, content_type="application/pdf"),
    }
    assert form.values["form_token"]  # the load process finds the page's time stamp
    response = client.post(facts["ask"], data, REMOTE_ADDR=loadkit.Visitor.new_address())
    assert response.status_code == 302, response.content.decode()[:2000]
    match = loadkit.QUESTION_ACK.search(response["Location"])
    assert match, response["Location"]
    return Ack("question", match[1], match[2], [hashlib.sha256(PDF).hexdigest()])


def apply(client, facts) -> Ack:
    form = page_fields(client, facts["apply"])
    unique = uuid.uuid4().hex[:8]
    data = {
        "idempotency_key": form.values["idempotency_key"],
        "action": "submit",
        "applicant_kind": "organisation",
        "applicant_name": f"Công ty TNHH Thử tải {unique}",
        "email": f"nop-{unique}@{LOAD_EMAIL_DOMAIN}",
        "phone": "0234 3811 222",
        "website": "",
        # The page's own time stamp, as if the person had taken a few minutes to fill it in.
        "form_token": application_guards.form_token(now=time.time() - 180),
        **facts["answers"],
    }
    for key in facts["documents"]:
        data[f"doc_{key}"] = SimpleUploadedFile(f"{key}.pdf", PDF, content_type="application/pdf")
    response = client.post(facts["apply"], data, REMOTE_ADDR=loadkit.Visitor.new_address())
    assert response.status_code == 302, response.content.decode()[:2000]
    match = loadkit.APPLICATION_ACK.search(response["Location"])
    assert match, response["Location"]
    return Ack("application", match[1], match[2], [hashlib.sha256(PDF).hexdigest()] * len(facts["documents"]))


def test_the_forms_are_filled_in_from_the_procedures_data_and_the_pages_hidden_values(client, facts, online_procedure):
    assert facts["ask"] == QuestionIndexPage.objects.get(locale__language_code="vi").route_url("ask")
    assert facts["procedure"] == online_procedure.procedure.slug  # the preferred one, among every procedure
    assert facts["documents"] == ["to-khai", "giay-phep-kinh-doanh"]
    assert len(facts["answers"]) == 9 and all(name.startswith("f_") for name in facts["answers"])  # the required
    assert Path(facts["sample_pdf"]).read_bytes().startswith(b"%PDF-")
    form = page_fields(client, facts["apply"])
    assert uuid.UUID(form.values["idempotency_key"])


def test_acknowledged_submissions_stored_whole_are_counted_complete(client, facts):
    since = time.time() - 1
    acks = [ask(client, facts), ask(client, facts), apply(client, facts)]
    report = check(acks, since=since)
    assert report.ok
    assert (report.questions.acknowledged, report.questions.stored_complete) == (2, 2)
    assert (report.applications.acknowledged, report.applications.stored_complete) == (1, 1)
    assert report.questions.stored_in_run == 2 and report.applications.stored_in_run == 1
    assert report.orphan_files == []


def test_an_acknowledged_submission_not_in_the_database_is_counted_lost(client, facts):
    acks = [ask(client, facts), Ack("question", "ZZZZ-ZZZZ", "no-such-secret"), apply(client, facts)]
    acks.append(Ack("application", str(uuid.uuid4()), "no-such-secret"))
    report = check(acks, since=time.time())
    assert not report.ok
    assert report.questions.missing == ["ZZZZ-ZZZZ"] and report.questions.stored_complete == 1
    assert len(report.applications.missing) == 1 and report.applications.stored_complete == 1


def test_a_wrong_secret_is_not_the_acknowledged_question(client, facts):
    real = ask(client, facts)
    report = check([Ack("question", real.code, "another-secret")], since=time.time())
    assert report.questions.missing == [real.code]


def test_a_question_without_its_file_and_an_application_without_its_upload_are_half_written(client, facts):
    since = time.time() - 1
    question_ack, application_ack = ask(client, facts), apply(client, facts)
    question = Question.objects.get(tracking_code=question_ack.code)
    Path(question.attachment.path).unlink()
    application = Application.objects.get(public_id=application_ack.code)
    upload = application.uploads.first()
    Path(upload.file.path).unlink()
    Upload.objects.filter(pk=upload.pk).delete()
    report = check([question_ack, application_ack], since=since)
    assert not report.ok
    assert report.questions.incomplete == [f"{question_ack.code}: attachment missing or different"]
    assert len(report.questions.half_written) == 1
    problems = report.applications.incomplete[0]
    assert "a required document is missing" in problems and "the uploads are not the files sent" in problems
    assert len(report.applications.half_written) == 1


def test_an_unacknowledged_draft_of_the_load_is_half_written(client, facts):
    since = time.time() - 1
    apply(client, facts)
    Application.objects.filter(email__endswith=LOAD_EMAIL_DOMAIN).update(status=Application.DRAFT, receipt_number=None)
    report = check([], since=since)
    assert report.applications.acknowledged == 0 and report.applications.stored_in_run == 1
    assert "status draft" in report.applications.half_written[0]


def test_a_file_no_row_refers_to_is_an_orphan_if_written_since_the_start(client, facts, private_root):
    since = time.time() - 1
    ask(client, facts)
    stray = private_root / "uploads" / "stray.pdf"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(PDF)
    report = check([], since=since)
    assert report.orphan_files == [str(stray)]
    assert check([], since=time.time() + 60).orphan_files == []  # older files are not the run's


def test_the_report_survives_its_trip_through_json(client, facts):
    report = check([ask(client, facts)], since=time.time())
    again = integrity.report_from_dict(json.loads(json.dumps(report.as_dict())))
    assert again == report and again.ok


def test_percentiles_and_the_memory_figures():
    values = [float(n) for n in range(1, 101)]
    assert (loadkit.percentile(values, 0.5), loadkit.percentile(values, 0.95)) == (50.0, 95.0)
    assert loadkit.percentile(values, 0.99) == 99.0 and loadkit.percentile([], 0.5) == 0.0
    memory = loadkit.MemorySamples([(0, 400.0, 2), (5, 430.0, 2), (10, 420.0, 2), (15, 441.0, 2)])
    figures = memory.figures()
    assert (figures["start_mb"], figures["peak_mb"], figures["end_mb"]) == (400.0, 441.0, 441.0)
    assert figures["growth_last_half_mb"] == 21.0 and figures["growth_last_half_pct"] == pytest.approx(5.0)


def test_the_records_count_no_answer_and_server_errors_as_errors():
    records = [loadkit.Record(0, 0.01, "page", status) for status in (200, 302, 404, 500)]
    records.append(loadkit.Record(0, 0.01, "page", 0, "ConnectionResetError"))
    assert loadkit.summary(records)["errors"] == 3

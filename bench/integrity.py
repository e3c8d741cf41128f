"""The Django side of bench/load.py and bench/fault.py: what the forms need, and what the database holds.

`form_facts` tells the load process where the public forms are and how to fill in the online
application (its fields come from the procedure's data); `check` compares the submissions the
load process saw acknowledged with what is stored, and looks for half-written ones.

Both run inside Django: in the benchmark's database through `python bench/integrity.py facts|check`
(a child process with the server's environment), and in tests/bench/ against the test database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Every submission of the load scripts is sent from this domain, so that its rows can be told apart.
LOAD_EMAIL_DOMAIN = "tai-thu.invalid"
PREFERRED_PROCEDURE = "the-abtc"  # the demo's richest online form (APEC business travel card)


# ---------------------------------------------------------------------------------------------
# What the load process needs
# ---------------------------------------------------------------------------------------------


def answer_for(spec) -> str:
    """A valid answer to one field of a procedure's form, as a person would type it."""
    from portal.procedures.models import FormField

    kind = spec.kind
    if kind == FormField.EMAIL:
        return f"lienhe@{LOAD_EMAIL_DOMAIN}"
    if kind == FormField.PHONE:
        return "0234 3811 222"
    if kind == FormField.DATE:
        return "02/03/2015"
    if kind == FormField.INTEGER:
        low = spec.min_value if spec.min_value is not None else 1
        return str(low if spec.max_value is None else min(max(low, 1), spec.max_value))
    if kind == FormField.CHOICE:
        return str(spec.choice_pairs()[0][0])
    if kind == FormField.CHECKBOX:
        return "on"
    if kind == FormField.TAX_CODE:
        return "3301112223"
    if kind == FormField.ID_NUMBER:
        return "046080001234"
    text = "Nội dung thử tải: hợp tác với đối tác Nhật Bản"
    return text[: spec.max_length] if spec.max_length else text


def form_facts(files_dir: Path) -> dict:
    """The Q&A form's address, the online application's address, answers and documents, and the
    sample files to attach (written to `files_dir`)."""
    from django.urls import reverse
    from django.utils import translation

    from portal.applications.samples import pdf_bytes
    from portal.procedures.models import ProcedureVersion
    from portal.qa.models import QuestionIndexPage

    index = QuestionIndexPage.objects.live().filter(locale__language_code="vi").first()
    versions = ProcedureVersion.objects.filter(status=ProcedureVersion.EFFECTIVE).select_related("procedure")
    online = [version for version in versions if version.is_online]
    version = next((v for v in online if v.procedure.slug == PREFERRED_PROCEDURE), online[0] if online else None)
    if index is None or version is None:
        raise SystemExit("The database has no Q&A page or no online procedure: load the demo first.")
    files_dir.mkdir(parents=True, exist_ok=True)
    sample = files_dir / "tai-lieu.pdf"
    sample.write_bytes(pdf_bytes("Tai lieu thu tai"))
    with translation.override("vi"):
        apply_url = reverse("applications:apply", kwargs={"slug": version.procedure.slug})
    return {
        "ask": index.route_url("ask"),
        "apply": apply_url,
        "procedure": version.procedure.slug,
        "answers": {f"f_{spec.name}": answer_for(spec) for spec in version.form_fields.all() if spec.required},
        "documents": [d.key for d in version.required_documents.all() if d.required],
        "sample_pdf": str(sample),
    }


# ---------------------------------------------------------------------------------------------
# What the database holds
# ---------------------------------------------------------------------------------------------


@dataclass
class Ack:
    """A submission the load process saw acknowledged: the redirect to its tracking page."""

    kind: str  # "question" or "application"
    code: str  # a question's tracking code, an application's public id
    secret: str
    sha256: list[str] = field(default_factory=list)  # of each file sent with it


@dataclass
class Count:
    acknowledged: int = 0
    stored_complete: int = 0
    missing: list[str] = field(default_factory=list)  # acknowledged, not in the database
    incomplete: list[str] = field(default_factory=list)  # acknowledged, stored without a file or row
    stored_in_run: int = 0  # rows of the load made since the run started, acknowledged or not
    half_written: list[str] = field(default_factory=list)  # any row of the run lacking what it needs


@dataclass
class Report:
    questions: Count
    applications: Count
    orphan_files: list[str]

    @property
    def ok(self) -> bool:
        counts = (self.questions, self.applications)
        return not self.orphan_files and not any(c.missing or c.incomplete or c.half_written for c in counts)

    def as_dict(self) -> dict:
        return asdict(self) | {"ok": self.ok}


def _file_matches(field_file, sha256: str | None) -> bool:
    if not field_file or not field_file.storage.exists(field_file.name):
        return False
    if sha256 is None:
        return True
    with field_file.storage.open(field_file.name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest() == sha256


def _question_problems(question, sha256: str | None = None) -> list[str]:
    from wagtail.models import ModelLogEntry

    problems = []
    # Every question of the load carries an attachment: one without it lost its file.
    if not _file_matches(question.attachment, sha256):
        problems.append("attachment missing or different")
    elif question.attachment_size != question.attachment.size:
        problems.append("attachment size not the file's")
    logged = ModelLogEntry.objects.filter(
        content_type__app_label="qa", object_id=str(question.pk), action="qa.submit"
    ).exists()
    if not logged:
        problems.append("no audit log entry")
    return problems


def _application_problems(application, sha256s: list[str] | None = None) -> list[str]:
    from wagtail.models import ModelLogEntry

    from portal.applications.models import Application, ApplicationEvent

    problems = []
    if application.status != Application.SUBMITTED:
        problems.append(f"status {application.status}")
    if not application.receipt_number or not application.submitted_at:
        problems.append("no receipt number")
    required = {d.key for d in application.version.required_documents.all() if d.required}
    uploads = list(application.uploads.all())
    if not required <= {upload.document_key for upload in uploads}:
        problems.append("a required document is missing")
    for upload in uploads:
        if not _file_matches(upload.file, upload.sha256):
            problems.append(f"upload {upload.document_key}: file missing or different")
    if sha256s is not None and sorted(upload.sha256 for upload in uploads) != sorted(sha256s):
        problems.append("the uploads are not the files sent")
    if not application.events.filter(kind=ApplicationEvent.SUBMITTED).exists():
        problems.append("no submission event")
    logged = ModelLogEntry.objects.filter(
        content_type__app_label="applications", object_id=str(application.pk), action="applications.submit"
    ).exists()
    if not logged:
        problems.append("no audit log entry")
    return problems


def _check_questions(acks: list[Ack], since: dt.datetime) -> Count:
    from portal.qa.models import Question
    from portal.qa.selectors import secret_digest

    count = Count(acknowledged=len(acks))
    for ack in acks:
        question = Question.objects.filter(tracking_code=ack.code).first()
        if question is None or question.secret_digest != secret_digest(ack.secret):
            count.missing.append(ack.code)
            continue
        problems = _question_problems(question, ack.sha256[0] if ack.sha256 else None)
        if problems:
            count.incomplete.append(f"{ack.code}: {', '.join(problems)}")
        else:
            count.stored_complete += 1
    ours = Question.objects.filter(email__iendswith=f"@{LOAD_EMAIL_DOMAIN}", received_at__gte=since)
    count.stored_in_run = ours.count()
    for question in ours.iterator():
        problems = _question_problems(question)
        if problems:
            count.half_written.append(f"{question.tracking_code}: {', '.join(problems)}")
    return count


def _check_applications(acks: list[Ack], since: dt.datetime) -> Count:
    from portal.applications.models import Application

    count = Count(acknowledged=len(acks))
    stored = Application.objects.select_related("version").prefetch_related("version__required_documents")
    for ack in acks:
        application = stored.filter(public_id=ack.code, secret=ack.secret).first()
        if application is None:
            count.missing.append(ack.code)
            continue
        problems = _application_problems(application, ack.sha256 or None)
        if problems:
            count.incomplete.append(f"{ack.code}: {', '.join(problems)}")
        else:
            count.stored_complete += 1
    ours = stored.filter(email__iendswith=f"@{LOAD_EMAIL_DOMAIN}", created_at__gte=since)
    count.stored_in_run = ours.count()
    for application in ours.iterator(chunk_size=200):
        problems = _application_problems(application)
        if problems:
            count.half_written.append(f"{application.public_id}: {', '.join(problems)}")
    return count


def orphan_files(since: float) -> list[str]:
    """Files written to private storage since `since` (a time stamp) that no row refers to."""
    from portal.applications.models import Application, Upload, private_storage
    from portal.qa.models import Question
    from portal.qa.models import private_storage as question_storage

    referenced = {os.path.abspath(private_storage.path(name)) for name in Upload.objects.values_list("file", flat=True)}
    referenced |= {
        os.path.abspath(private_storage.path(name))
        for name in Application.objects.exclude(result_file="").values_list("result_file", flat=True)
    }
    storage = question_storage()
    referenced |= {
        os.path.abspath(storage.path(name))
        for name in Question.objects.exclude(attachment="").values_list("attachment", flat=True)
    }
    found = []
    for root in {Path(private_storage.location), Path(storage.location)}:
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            if path.is_file() and path.stat().st_mtime >= since and os.path.abspath(path) not in referenced:
                found.append(str(path))
    return sorted(found)


def check(acks: list[Ack], *, since: float) -> Report:
    """Acknowledged submissions against the database, every row of the load for completeness,
    and the private files left behind since `since`."""
    questions = [ack for ack in acks if ack.kind == "question"]
    applications = [ack for ack in acks if ack.kind == "application"]
    moment = dt.datetime.fromtimestamp(since, tz=dt.UTC)
    return Report(_check_questions(questions, moment), _check_applications(applications, moment), orphan_files(since))


def print_report(report: Report, *, title: str) -> None:
    print(title)
    for name, count in (("Q&A questions", report.questions), ("online applications", report.applications)):
        print(
            f"  {name:<20} acknowledged {count.acknowledged:>5} · stored and complete {count.stored_complete:>5}"
            f" · lost {len(count.missing)} · incomplete {len(count.incomplete)}"
            f" · stored in this run {count.stored_in_run} · half-written {len(count.half_written)}"
        )
        for problem in [*count.missing[:5], *count.incomplete[:5], *count.half_written[:5]]:
            print(f"      {problem}")
    print(f"  files in private storage that no row refers to: {len(report.orphan_files)}")
    for path in report.orphan_files[:5]:
        print(f"      {path}")
    print(f"  {'every acknowledged submission is stored whole' if report.ok else 'PROBLEMS FOUND'}")


def _django() -> None:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    import django

    django.setup()


def main() -> None:
    """`facts DIR`: print the form facts as JSON; `check ACKS.json`: print the report as JSON."""
    _django()
    if sys.argv[1] == "facts":
        print(json.dumps(form_facts(Path(sys.argv[2]))))
    elif sys.argv[1] == "check":
        given = json.loads(Path(sys.argv[2]).read_text())
        report = check([Ack(**ack) for ack in given["acks"]], since=given["since"])
        print(json.dumps(report.as_dict()))
    else:
        raise SystemExit(f"unknown step {sys.argv[1]!r}")


def report_from_dict(data: dict) -> Report:
    return Report(Count(**data["questions"]), Count(**data["applications"]), data["orphan_files"])


if __name__ == "__main__":
    main()

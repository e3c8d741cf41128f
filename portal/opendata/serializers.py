"""Explicit serializers: each names every field it gives out, so nothing reaches the API by accident.

A field added to a model stays out of the API until it is written here and in `schemas.py`
(django-ninja checks every answer against those models).
Labels (kinds, issuers, units...) come in the record's own language.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from . import selectors


class Context:
    """What serializing one response needs once: the request (for absolute URLs) and the
    collections whose files are not public."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self._restricted: tuple[str, ...] | None = None

    @property
    def restricted(self) -> tuple[str, ...]:
        if self._restricted is None:
            self._restricted = selectors.restricted_collection_paths()
        return self._restricted

    def is_public(self, document) -> bool:
        """A library file anyone may download (not in a collection with a view restriction)."""
        restricted = self.restricted
        return document is not None and not (restricted and document.collection.path.startswith(restricted))

    def absolute(self, url: str | None) -> str | None:
        return self.request.build_absolute_uri(url) if url else None

    def page_url(self, page) -> str | None:
        return self.absolute(page.get_url(self.request))


def _datetime(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _name(obj, lang: str) -> str:
    """A bilingual label (`name_vi`, `name_en`) in `lang`, Vietnamese where no English is given."""
    return (obj.name_en if lang == "en" and obj.name_en else obj.name_vi) if obj else ""


def _label(obj, lang: str, *, key: str = "id") -> dict | None:
    if obj is None:
        return None
    return {key: getattr(obj, key), "name": _name(obj, lang)}


def _lang(page) -> str:
    return page.locale.language_code


def _page(page, ctx: Context) -> dict:
    return {
        "id": page.pk,
        "lang": _lang(page),
        "title": page.title,
        "url": ctx.page_url(page),
        "first_published_at": _datetime(page.first_published_at),
        "last_published_at": _datetime(page.last_published_at),
    }


def _file(row, ctx: Context) -> dict:
    document = row.document
    return {
        "title": row.title or document.title,
        "url": ctx.absolute(document.url),
        "file_type": document.file_extension.lower(),
        "size": document.file_size,
    }


def _files(rows, ctx: Context) -> list[dict]:
    return [_file(row, ctx) for row in selectors.public_files(rows, ctx.restricted)]


def _rich(html: str) -> str:
    return expand_db_html(html) if html else ""


# Items


def item(page, ctx: Context, *, parents: dict, detail: bool = False) -> dict:
    lang = _lang(page)
    parent = parents.get(page.path[: -Page.steplen])
    data = {
        **_page(page, ctx),
        "section": {"id": parent.pk, "title": parent.title, "url": ctx.page_url(parent)} if parent else None,
        "lead": page.lead,
        "image": {
            "url": ctx.absolute(page.image.file.url),
            "alt": page.image_alt,
            "caption": page.image_caption,
        }
        if page.image_id
        else None,
        "author": page.author_name,
        "unit": _label(page.unit, lang, key="code"),
        "source": {"kind": page.source_kind, "name": page.source_name, "url": page.source_url},
    }
    if detail:
        with translation.override(lang):
            data["body_html"] = str(page.body.render_as_block()) if page.body else ""
        data["attachments"] = [
            {**_file(row, ctx), "title": row.label}
            for row in selectors.public_files(page.attachments.all(), ctx.restricted)
        ]
    return data


# Documents


def document(page, ctx: Context, *, replaced: set, detail: bool = False) -> dict:
    lang = _lang(page)
    data = {
        **_page(page, ctx),
        "number": page.number,
        "kind": _label(page.kind, lang),
        "issuer": _label(page.issuer, lang),
        "field": _label(page.field, lang),
        "signer": page.signer,
        "signer_post": page.signer_post,
        "issue_date": _date(page.issue_date),
        "effective_date": _date(page.effective_date),
        "expiry_date": _date(page.expiry_date),
        "status": page.status(replaced=page.translation_key in replaced),
        "summary": page.summary,
        "files": _files(page.files.all(), ctx),
    }
    if detail:
        data["body_html"] = _rich(page.body)
    return data


# Procedures


def _text(version, base: str, lang: str) -> str:
    value = getattr(version, f"{base}_en") if lang == "en" else ""
    return value or getattr(version, f"{base}_vi")


def procedure(version, ctx: Context, *, lang: str, catalogue, detail: bool = False) -> dict:
    proc = version.procedure
    url = None
    if catalogue is not None:
        url = ctx.absolute(catalogue.get_url(ctx.request) + catalogue.own_route("procedure", slug=proc.slug))
    apply_url = None
    if version.is_online:
        with translation.override(lang):
            apply_url = ctx.absolute(reverse("applications:apply", kwargs={"slug": proc.slug}))
    data = {
        "code": proc.code,
        "lang": lang,
        "name": _text(version, "name", lang),
        "url": url,
        "apply_url": apply_url,
        "field": _label(proc.field, lang, key="code"),
        "unit": _label(proc.unit, lang, key="code"),
        "level": version.legacy_level,
        "online_scope": version.online_scope,
        "processing_days": version.processing_days,
        "processing_note": _text(version, "processing_note", lang),
        "fees": [{"name": _text(fee, "name", lang), "amount": fee.amount} for fee in version.fee_items.all()],
        "fee_note": _text(version, "fee_note", lang),
        "version": version.number,
        "effective_from": _date(version.effective_from),
    }
    if detail:
        data.update(
            {
                "decision": _text(version, "decision", lang),
                "steps_html": _rich(_text(version, "steps", lang)),
                "method_html": _rich(_text(version, "method", lang)),
                "documents_note_html": _rich(_text(version, "documents_note", lang)),
                "applicants_html": _rich(_text(version, "applicants", lang)),
                "conditions_html": _rich(_text(version, "conditions", lang)),
                "agency": _text(version, "agency", lang),
                "result": _text(version, "result", lang),
                "submission_html": _rich(_text(version, "submission", lang)),
                "legal_basis_html": _rich(_text(version, "legal_basis", lang)),
                "required_documents": [
                    {
                        "name": _text(row, "name", lang),
                        "copies": _text(row, "quantity", lang),
                        "required": row.required,
                        "template_url": ctx.absolute(row.template.url) if ctx.is_public(row.template) else None,
                    }
                    for row in version.required_documents.all()
                ],
            }
        )
    return data


# Schedules and programmes


def schedule(page, ctx: Context) -> dict:
    return {
        **_page(page, ctx),
        "week_start": _date(page.week_start),
        "week_end": _date(page.week_end),
        "notes": page.notes,
        "entries": [
            {
                "day": _date(entry.day),
                "start_time": _time(entry.start_time),
                "end_time": _time(entry.end_time),
                "content": entry.content,
                "chair": entry.chair,
                "attendees": entry.attendees,
                "place": entry.place,
                "preparation": entry.preparation,
            }
            for entry in page.entries.all()
        ],
    }


def programme(page, ctx: Context, *, detail: bool = False) -> dict:
    lang = _lang(page)
    data = {
        **_page(page, ctx),
        "period": page.period,
        "year": page.year,
        "number": page.number,
        "summary": page.summary,
        "tasks": [
            {
                "when": task.when,
                "content": task.content,
                "unit": _name(task.unit, lang) if task.unit_id else task.unit_other,
            }
            for task in page.tasks.all()
        ],
        "files": _files(page.files.all(), ctx),
    }
    if detail:
        data["body_html"] = _rich(page.body)
    return data


# Answered questions


def question(page, ctx: Context) -> dict:
    """The published page only: its redacted texts and how the asker chose to be named."""
    lang = _lang(page)
    return {
        **_page(page, ctx),
        "topic": {"id": page.topic.pk, "title": page.topic.title} if page.topic_id else None,
        "asker": page.asker_label,
        "question": page.question_text,
        "answer": page.answer_text,
        "answered_at": _datetime(page.answered_at),
        "unit": _label(page.unit, lang, key="code"),
    }

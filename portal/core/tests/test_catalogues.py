"""One msgid, one meaning: Django merges every catalogue into one, so a msgid translated two ways
takes whichever catalogue wins (LOCALE_PATHS first, then the apps in INSTALLED_APPS order) on
every screen. A word with two meanings needs a context (pgettext) instead."""

from collections import defaultdict
from pathlib import Path

import polib
from django.conf import settings

PORTAL = Path(settings.PROJECT_DIR)
ADMIN_CATALOGUE = PORTAL / "locale_admin/vi/LC_MESSAGES/django.po"


def project_catalogues(portal: Path = PORTAL) -> list[Path]:
    """The project's Vietnamese catalogues: each app's and portal/locale (not Wagtail's admin one)."""
    return sorted(portal.glob("*/locale/vi/LC_MESSAGES/django.po")) + [portal / "locale/vi/LC_MESSAGES/django.po"]


def _translations(path: Path):
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
            continue
        value = (
            tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)) if entry.msgid_plural else entry.msgstr
        )
        yield (entry.msgctxt, entry.msgid, entry.msgid_plural), value


def clashes(portal: Path = PORTAL, admin: Path = ADMIN_CATALOGUE) -> dict[tuple, dict[str, object]]:
    """{(msgctxt, msgid, plural): {catalogue: translation}} where one key has two translations.
    Wagtail's admin catalogue counts only where it translates a string of the project's (it wins)."""
    seen: dict[tuple, dict[str, object]] = defaultdict(dict)
    for path in project_catalogues(portal):
        for key, value in _translations(path):
            seen[key][str(path.relative_to(portal))] = value
    for key, value in _translations(admin):
        if key in seen:
            seen[key]["locale_admin"] = value
    return {key: found for key, found in seen.items() if len(set(found.values())) > 1}


def test_the_catalogues_are_found():
    catalogues = project_catalogues()
    assert len(catalogues) > 20 and ADMIN_CATALOGUE.exists()
    assert PORTAL / "planning/locale/vi/LC_MESSAGES/django.po" in catalogues


def test_no_msgid_has_two_vietnamese_translations():
    found = clashes()
    lines = [
        f"{msgid!r}"
        + (f" (context {context!r})" if context else "")
        + ": "
        + "; ".join(f"{c} {v!r}" for c, v in where.items())
        for (context, msgid, _plural), where in sorted(found.items(), key=lambda kv: kv[0][1])
    ]
    assert not lines, "Give these a context (pgettext) or one translation:\n" + "\n".join(lines)


def test_the_check_sees_a_clash(tmp_path):
    # The test above would pass on catalogues it never read: prove it reads and compares them.
    for app, word in (("a", "Bước duyệt"), ("b", "Nội dung")):
        folder = tmp_path / app / "locale/vi/LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "django.po").write_text(f'msgid ""\nmsgstr ""\n\nmsgid "Task"\nmsgstr "{word}"\n', encoding="utf-8")
    for folder in ("locale", "locale_admin"):
        (tmp_path / folder / "vi/LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale/vi/LC_MESSAGES/django.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    admin = tmp_path / "locale_admin/vi/LC_MESSAGES/django.po"
    admin.write_text('msgid ""\nmsgstr ""\n\nmsgid "Status"\nmsgstr "Trạng thái"\n', encoding="utf-8")
    assert list(clashes(tmp_path, admin)) == [(None, "Task", "")]
    # A context makes it another string; Wagtail's admin catalogue shadows a project string it also has.
    (tmp_path / "b/locale/vi/LC_MESSAGES/django.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgctxt "plan key task"\nmsgid "Task"\nmsgstr "Nội dung"\n\n'
        'msgid "Status"\nmsgstr "Tình trạng"\n',
        encoding="utf-8",
    )
    assert list(clashes(tmp_path, admin)) == [(None, "Status", "")]

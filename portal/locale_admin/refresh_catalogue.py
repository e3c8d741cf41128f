"""Refresh the Vietnamese catalogue of the Wagtail admin in portal/locale_admin.

1. Copy the installed ``wagtail`` and ``modelsearch`` packages (without tests,
   locale folders and the ``wagtail start`` project template) to a temporary dir;
   third-party ``vendor/`` scripts are skipped at extraction.
2. Replace Wagtail's minified webpack bundles by the gettext calls they make,
   e.g. ``(0,j.AP)("Save")`` -> ``gettext("Save");``, so that xgettext sees them.
3. Run Django's ``makemessages`` there (domain ``django``: py/html/txt,
   domain ``djangojs``: js) and union in the msgids of Wagtail's shipped
   English catalogues.
4. Union in (domain ``django``) the msgids that Django itself and the
   third-party apps the admin shows (contrib.admin/auth/contenttypes/sessions,
   taggit, django-filter) leave without Vietnamese in their own catalogues
   (e.g. Django's renamed ``timesince`` strings; taggit has no ``vi`` at all).
   An msgid drops out again once one of those packages translates it.
5. Merge into ``vi/LC_MESSAGES/<domain>.po`` keeping every existing translation,
   check placeholders, compile ``.mo`` with ``msgfmt --check`` and list the
   entries that still need a translation.

Usage (from the repository root):
    .venv/bin/python portal/locale_admin/refresh_catalogue.py
"""

import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import django
import modelsearch
import polib
import wagtail
from django.conf import settings
from django.core.management import call_command

HERE = Path(__file__).resolve().parent
LC_MESSAGES = HERE / "vi" / "LC_MESSAGES"
PACKAGES = [Path(wagtail.__file__).parent, Path(modelsearch.__file__).parent]
# Packages whose strings the admin shows besides Wagtail's, each with its own catalogues
# ("django" is django/conf/locale). Only their msgids lacking Vietnamese are added here.
THIRD_PARTY = [
    "django",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "taggit",
    "django_filters",
]
DOMAINS = {"django": ["py", "html", "txt"], "djangojs": ["js"]}
HEADER = {
    "Project-Id-Version": f"Wagtail {wagtail.__version__} admin (portal)",
    "Language": "vi",
    "Language-Team": "Vietnamese",
    "Last-Translator": "Portal editorial team",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}
HELPER = re.compile(r"function ([\w$]+)\([\w,]*\)\{const [\w$]+=window\.django\?\.(n?gettext);")
EXPORTS = re.compile(r"\.d\(\w+,\{([^}]*)\}\)")
LITERAL = r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\''
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?\w[^>]*>|&\w+;")
Key = tuple[str | None, str]


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def stub_bundles(root: Path) -> None:
    """Replace each webpack bundle by the gettext calls it makes, as plain JS.

    The bundles are minified (``(0,j.AP)("Save")``), and xgettext silently gives
    up on some of them, so the calls are found with regular expressions instead.
    """
    bundles = sorted(root.rglob("static/**/*.js"))
    exports = {}  # minified export name -> "gettext" / "ngettext"
    for path in bundles:
        text = path.read_text(encoding="utf-8")
        helpers = dict(HELPER.findall(text))
        if helpers:  # the module defining the helpers ends with its export block
            block = EXPORTS.search(text, HELPER.search(text).end()).group(1)
            for name, local in re.findall(r"([\w$]+):\(\)=>([\w$]+)", block):
                if local in helpers:
                    exports[name] = helpers[local]
    if not exports:
        sys.exit("Could not find the gettext helpers of Wagtail's JS bundles: update stub_bundles().")
    call = re.compile(rf"\(0,[\w$]+\.({'|'.join(map(re.escape, exports))})\)\(({LITERAL})(?:,({LITERAL}))?")
    for path in bundles:
        calls = []
        for name, singular, plural in call.findall(path.read_text(encoding="utf-8")):
            if exports[name] == "gettext":
                calls.append(f"gettext({singular});")
            elif plural:
                calls.append(f"ngettext({singular}, {plural}, n);")
        if calls:
            path.write_text("\n".join(calls) + "\n", encoding="utf-8")


def extract(domain: str, extensions: list[str], work: Path) -> polib.POFile:
    """Return the current msgids of ``domain``, as makemessages sees them."""
    os.chdir(work)
    call_command(
        "makemessages",
        locale=["vi"],
        domain=domain,
        extensions=extensions,
        keep_pot=True,
        add_location="file",
        ignore_patterns=["*/vendor/*"],
        verbosity=0,
    )
    pot = polib.pofile(str(work / "locale" / f"{domain}.pot"))
    seen = {key(entry) for entry in pot}
    for shipped in sorted(PACKAGES[0].rglob(f"locale/en/LC_MESSAGES/{domain}.po")):
        for entry in polib.pofile(str(shipped)):
            if key(entry) not in seen and not entry.obsolete:
                seen.add(key(entry))
                pot.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt,
                        msgid=entry.msgid,
                        msgid_plural=entry.msgid_plural,
                        flags=entry.flags,
                    )
                )
    return pot


def third_party_gaps(pot: polib.POFile) -> None:
    """Add to ``pot`` the msgids of THIRD_PARTY that no ``vi`` catalogue of THIRD_PARTY translates.

    Django merges every app's catalogue into one, so a msgid translated by any of them is covered.
    """
    catalogues = []
    for name in THIRD_PARTY:
        root = Path(importlib.import_module(name).__file__).parent
        locale = root / "conf" / "locale" if name == "django" else root / "locale"
        # The English catalogue lists the msgids; without one, any language's lists the same msgids.
        english = locale / "en" / "LC_MESSAGES" / "django.po"
        sources = [english] if english.exists() else sorted(locale.glob("*/LC_MESSAGES/django.po"))[:1]
        if sources:
            catalogues.append((locale, sources[0], locale / "vi" / "LC_MESSAGES" / "django.po"))
    translated = {
        key(entry)
        for _locale, _source, vietnamese in catalogues
        if vietnamese.exists()
        for entry in polib.pofile(str(vietnamese))
        if entry.translated()
    }
    seen = {key(entry) for entry in pot} | translated
    site_packages = Path(django.__file__).parent.parent
    for locale, source, _vietnamese in catalogues:
        for entry in polib.pofile(str(source)):
            if entry.obsolete or key(entry) in seen:
                continue
            seen.add(key(entry))
            pot.append(
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    flags=[flag for flag in entry.flags if flag != "fuzzy"],
                    occurrences=[(locale.relative_to(site_packages).as_posix(), "")],
                )
            )


def merge(pot: polib.POFile, target: Path) -> polib.POFile:
    """Build the new catalogue from ``pot``, reusing translations in ``target``."""
    old = {key(e): e for e in polib.pofile(str(target)) if e.translated()} if target.exists() else {}
    po = polib.POFile(wrapwidth=0)
    po.header = "Vietnamese catalogue of the Wagtail admin, see portal/locale_admin/README.md."
    po.metadata = {
        **HEADER,
        "PO-Revision-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M%z"),
    }
    for entry in pot:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
        previous = old.get(key(entry))
        if entry.msgid_plural:
            entry.msgstr_plural = {0: previous.msgstr_plural[0] if previous else ""}
        else:
            entry.msgstr = previous.msgstr if previous else ""
        po.append(entry)
    return po


def label(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}|{entry.msgid!r}" if entry.msgctxt else repr(entry.msgid)


def placeholder_errors(po: polib.POFile) -> list[str]:
    """Entries whose translation does not keep the placeholders/tags of the msgid.

    Vietnamese has one plural form, so a plural translation must fit msgid_plural.
    """
    errors = []
    for entry in po.translated_entries():
        source = entry.msgid_plural or entry.msgid
        translation = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            errors.append(f"{label(entry)} -> {translation!r}")
    return errors


def main() -> int:
    settings.configure(USE_I18N=True)
    django.setup()
    LC_MESSAGES.mkdir(parents=True, exist_ok=True)
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for package in PACKAGES:
            shutil.copytree(
                package,
                work / package.name,
                ignore=shutil.ignore_patterns(
                    "locale",
                    "__pycache__",
                    "tests",
                    "test",
                    "test_*.py",
                    "project_template",
                ),
            )
        (work / "locale").mkdir()
        stub_bundles(work / "wagtail")
        for domain, extensions in DOMAINS.items():
            target = LC_MESSAGES / f"{domain}.po"
            pot = extract(domain, extensions, work)
            if domain == "django":
                third_party_gaps(pot)
            po = merge(pot, target)
            po.save(str(target))
            subprocess.run(
                [
                    "msgfmt",
                    "--check",
                    "-o",
                    str(target.with_suffix(".mo")),
                    str(target),
                ],
                check=True,
            )
            errors = placeholder_errors(po)
            untranslated = po.untranslated_entries()
            print(
                f"{target.relative_to(HERE)}: {len(po)} msgids, {len(po.translated_entries())} translated, "
                f"{len(untranslated)} untranslated, {len(errors)} placeholder mismatches"
            )
            for entry in untranslated:
                print(f"  untranslated: {label(entry)}")
            for error in errors:
                print(f"  placeholder mismatch: {error}")
            status = status or int(bool(errors))
    return status


if __name__ == "__main__":
    sys.exit(main())

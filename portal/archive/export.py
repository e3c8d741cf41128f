"""Export a year of the public site as a static archive that opens from disk (file://), with no server.

The archive is a folder:

    index.html, search.html          the Vietnamese index (by category, by month) and search
    en/index.html, en/search.html    the same in English (one folder per other site language)
    pages/<url path>/index.html      every live, public page first published in the year, rendered
                                     by the portal itself exactly as an anonymous visitor gets it
    assets/static/...                the style sheets, scripts and fonts those pages use
    assets/media/...                 the images (renditions) they show
    assets/documents/<id>/<file>     the documents they link to (public collections only)
    assets/search-index.js           the client-side search index, a global set by a <script src>:
                                     browsers refuse fetch()/XHR on file://
    archive.json                     what the archive holds; it marks the folder as one we may replace

Every link is made relative. A link to a page outside the archive points to the live site and is
marked (class `archive-live`, a title, an arrow in archive.css); the home pages and the categories
lead to the archive's index; forms other than the search become a note with a link to the live page;
links to documents in private collections become plain text. Inline scripts are dropped.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import FileSystemStorage, default_storage
from django.http.request import validate_host
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from portal.core.models import AgencySettings
from portal.core.text import fold
from portal.operations.storage import media_name

from .selectors import archive_pages, site_roots

MANIFEST = "archive.json"
FORMAT = 1
SEARCH_INDEX = "assets/search-index.js"
SEARCH_INDEX_GLOBAL = "PORTAL_ARCHIVE_INDEX"
USER_AGENT = "portal-archive-crawler"  # "crawl": the visit counter does not count the export's requests
MAX_TEXT = 20_000  # characters of a page's text kept for search
ARCHIVE_STATIC = ["portal/css/portal.css", "archive/archive.css", "archive/search.js"]
DOCUMENT_PATH = re.compile(r"^/documents/(?P<id>\d+)/(?P<filename>[^/]+)$")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
URL_ATTRIBUTES = ("href", "src", "poster", "data")

# The two passes over the pages. A progress callback gets (items, stage) and passes each item on as it
# is asked for the next: the command draws a progress bar, the admin's task counts into its row.
RENDERING, WRITING = "rendering", "writing"
STAGE_LABELS = {RENDERING: gettext_lazy("Rendering pages"), WRITING: gettext_lazy("Writing pages")}
Progress = Callable[[Iterable, str], Iterable]


class ArchiveError(Exception):
    """An archive that cannot be made; the message says why, in the user's language."""


@dataclass
class ArchiveSummary:
    year: int
    folder: Path
    pages: dict[str, int]
    files: int
    size: int
    zip_path: Path | None = None
    skipped: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    page: Page
    language: str
    path: str  # the page's URL path on the site, "/tin-tuc-su-kien/..."
    file: str  # where it is in the archive, "pages/tin-tuc-su-kien/.../index.html"
    html: str = ""
    category: Page | None = None


def archive_export(
    *,
    year: int,
    output: str | os.PathLike,
    make_zip: bool = False,
    live_url: str | None = None,
    progress: Progress | None = None,
    report: Callable[[str], None] = lambda line: None,
    site: Site | None = None,
) -> ArchiveSummary:
    """Write the archive of `year` of `site` (by default the default site's) into the folder `output`,
    replacing an earlier archive there. It holds that site's pages and names its agency."""
    folder = Path(output).expanduser().absolute()
    _check_output(folder)
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    pages = archive_pages(year=year, site=site) if site is not None else []
    if not pages:
        raise ArchiveError(
            _("No public page was first published in %(year)s: there is nothing to archive.") % {"year": year}
        )
    staging = folder.with_name(f".{folder.name}.partial")
    try:
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        exporter = _Exporter(year=year, root=staging, live_url=live_url, report=report, site=site)
        exporter.run(pages, progress or (lambda items, desc: items))
        _replace(staging, folder)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ArchiveError(
            _("The archive cannot be written to %(path)s: %(error)s")
            % {"path": folder, "error": error.strerror or error}
        ) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = [path for path in folder.rglob("*") if path.is_file()]
    summary = ArchiveSummary(
        year=year,
        folder=folder,
        pages=exporter.counts(),
        files=len(files),
        size=sum(path.stat().st_size for path in files),
        skipped=exporter.skipped,
    )
    if make_zip:
        summary.zip_path = archive_zip(folder)
    return summary


def _check_output(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ArchiveError(_("%(path)s is a file, not a folder: choose a folder for the archive.") % {"path": folder})
    if folder.is_dir() and any(folder.iterdir()) and not _is_archive(folder):
        raise ArchiveError(
            _("%(path)s is not empty and holds no archive: choose a new or empty folder.") % {"path": folder}
        )
    parent = folder.parent
    if parent.exists() and not parent.is_dir():
        raise ArchiveError(_("%(path)s is a file, not a folder: choose a folder for the archive.") % {"path": parent})


def _is_archive(folder: Path) -> bool:
    """An earlier archive (never just any folder that happens to hold an archive.json)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT and "year" in manifest


def _replace(staging: Path, folder: Path) -> None:
    """Swap the finished archive in: a cut-off export never leaves half an archive under the name."""
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old")
        if old.exists():
            shutil.rmtree(old)
        folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old)
    else:
        staging.rename(folder)


def archive_zip(folder: Path) -> Path:
    """<folder>.zip beside the folder, holding it (written aside, then renamed: never half a zip)."""
    target = folder.with_name(f"{folder.name}.zip")
    partial = shutil.make_archive(
        str(folder.with_name(f".{folder.name}.zip-partial")), "zip", folder.parent, folder.name
    )
    os.replace(partial, target)
    return target


def _relative(target: str, source: str) -> str:
    """The URL of archive file `target` seen from archive file `source` (both relative to the root)."""
    return quote(posixpath.relpath(target, posixpath.dirname(source) or "."), safe="/#?=&%")


def _safe(name: str) -> str | None:
    """A storage name without any way out of its folder, or None."""
    name = posixpath.normpath(unquote(name)).lstrip("/")
    if not name or name == "." or name.startswith("..") or "\\" in name:
        return None
    return name


def index_file(language: str) -> str:
    return "index.html" if language == settings.LANGUAGE_CODE else f"{language}/index.html"


def search_file(language: str) -> str:
    return "search.html" if language == settings.LANGUAGE_CODE else f"{language}/search.html"


class _Exporter:
    def __init__(
        self, *, year: int, root: Path, live_url: str | None, report: Callable[[str], None], site: Site | None = None
    ):
        self.year = year
        self.root = root
        self.report = report
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.copied: dict[str, str | None] = {}  # archive path -> archive path, or None when missing
        self.skipped: list[str] = []
        self.entries: list[_Entry] = []
        self.page_files: dict[str, str] = {}  # URL path -> archive file
        self.anchors: set[tuple[str, int]] = set()  # (language, category) listed on an index
        site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        self.agency = AgencySettings.load(site)  # the archive names the agency whose site it keeps
        self.live_url = (live_url or (site.root_url if site else "")).rstrip("/")
        self.hosts = {urlsplit(self.live_url).netloc.lower()} if self.live_url else set()
        for other in Site.objects.all():
            self.hosts.add(other.hostname.lower())
            self.hosts.add(f"{other.hostname}:{other.port}".lower())
        self.host = self._request_host(site)
        self.secure = settings.SECURE_SSL_REDIRECT or (site is not None and site.port == 443)
        self.homes: dict[str, str] = {}  # URL path of each language's home -> language
        self.categories: dict[str, tuple[str, Page]] = {}  # URL path of a category -> (language, page)
        self.search_paths: dict[str, str] = {}
        for language in self.languages:
            with translation.override(language):
                self.search_paths[reverse("search")] = language

    # --- the run ---

    def run(self, pages: list[Page], progress: Progress) -> None:
        self._plan(pages)
        client = Client(HTTP_HOST=self.host, HTTP_USER_AGENT=USER_AGENT, raise_request_exception=False)
        for entry in progress(list(self.entries), RENDERING):
            # LocaleMiddleware activates the page's language and leaves it active: keep ours.
            with translation.override(translation.get_language()):
                response = client.get(entry.path, secure=self.secure)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                self.skipped.append(entry.path)
                self.report(
                    _("%(path)s answered %(status)s: left out.") % {"path": entry.path, "status": response.status_code}
                )
                continue
            entry.html = response.content.decode(response.charset or "utf-8")
        self.entries = [entry for entry in self.entries if entry.html]
        self.page_files = {entry.path: entry.file for entry in self.entries}
        self.anchors = {(entry.language, entry.category.pk) for entry in self.entries if entry.category is not None}
        search_index = []
        for entry in progress(self.entries, WRITING):
            search_index.append(self._write_page(entry))
        for name in ARCHIVE_STATIC:
            self._copy_static(name)
        for language in self.languages:
            self._write_index(language)
            self._write_search(language)
        self._write(
            SEARCH_INDEX,
            f"window.{SEARCH_INDEX_GLOBAL} = {json.dumps(search_index, ensure_ascii=False, separators=(',', ':'))};\n",
        )
        self._write(
            MANIFEST,
            json.dumps(
                {
                    "format": FORMAT,
                    "year": self.year,
                    "created": timezone.now().isoformat(timespec="seconds"),
                    "live_site": self.live_url,
                    "pages": self.counts(),
                    "skipped": self.skipped,
                },
                ensure_ascii=False,
                indent=2,
            ),
        )

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.languages, 0)
        for entry in self.entries:
            counts[entry.language] += 1
        return counts

    def _request_host(self, site: Site | None) -> str:
        """The Host the export asks for: the site's own where ALLOWED_HOSTS accepts it."""
        candidates = []
        if site is not None:
            candidates.append(site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}")
        candidates += [host for host in settings.ALLOWED_HOSTS if host and not host.startswith((".", "*"))]
        candidates.append("localhost")
        for host in candidates:
            if validate_host(host.split(":")[0], settings.ALLOWED_HOSTS):
                return host
        raise ArchiveError(_("None of the site's host names is in ALLOWED_HOSTS: the pages cannot be rendered."))

    def _plan(self, pages: list[Page]) -> None:
        roots = site_roots()
        for root in roots:
            url = root.get_url_parts()
            if url is not None:
                self.homes[url[2]] = root.locale.language_code
        top_level = {}
        for root in roots:
            for category in root.get_children().live().public().specific():
                top_level[category.path] = category
                url = category.get_url_parts()
                if url is not None:
                    self.categories[url[2]] = (root.locale.language_code, category)
        for page in pages:
            url = page.get_url_parts()
            if url is None:
                continue
            path = url[2]
            file = posixpath.join("pages", unquote(path).strip("/"), "index.html")
            category = next((top_level[p] for p in top_level if page.path.startswith(p)), None)
            self.entries.append(_Entry(page, page.locale.language_code, path, file, category=category))

    # --- links ---

    def _target(self, url: str) -> tuple[str, str]:
        """("keep" | "file" | "live" | "text", value) for a URL found in a page."""
        url = url.strip()
        if not url or url.startswith("#"):
            return "keep", url
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return "keep", url  # mailto:, tel:, data:
        if parts.netloc and not isinstance(default_storage, FileSystemStorage) and (name := media_name(url)):
            copied = self._copy_media(name)  # media kept in a bucket have its absolute URL
            return ("file", copied) if copied else ("keep", url)
        if parts.netloc and parts.netloc.lower() not in self.hosts:
            return "keep", url  # another site: the reader's own choice to follow
        if not parts.path.startswith("/"):
            return "keep", url
        path = unquote(parts.path)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        query = f"?{parts.query}" if parts.query else ""
        copied = None
        if path.startswith(settings.STATIC_URL):
            copied = self._copy_static(path[len(settings.STATIC_URL) :])
        elif path.startswith(settings.MEDIA_URL):
            copied = self._copy_media(path[len(settings.MEDIA_URL) :])
        elif match := DOCUMENT_PATH.match(path):
            copied = self._copy_document(int(match["id"]))
            if copied is None:
                return "text", ""
        elif path in self.search_paths:
            return "file", search_file(self.search_paths[path]) + query
        elif not query and path in self.page_files:
            return "file", self.page_files[path] + fragment
        elif not query and path in self.homes:
            return "file", index_file(self.homes[path])
        elif not query and path in self.categories:
            language, category = self.categories[path]
            if (language, category.pk) in self.anchors:
                return "file", f"{index_file(language)}#category-{category.pk}"
        if copied:
            return "file", copied
        return "live", f"{self.live_url}{quote(path)}{query}{fragment}"

    def _rewrite(self, soup: BeautifulSoup, source: str, live_title: str) -> None:
        for script in soup.find_all("script"):
            if not script.get("src"):
                script.decompose()  # no inline scripts in the archive (JSON-LD included)
        for tag in soup.find_all(True):
            for attribute in list(tag.attrs):
                value = tag.attrs[attribute]
                if not isinstance(value, str):
                    continue
                if attribute in URL_ATTRIBUTES or (attribute.startswith("data-") and value.startswith("/")):
                    kind, target = self._target(value)
                    if kind == "file":
                        tag[attribute] = _relative(target, source)
                    elif kind == "live":
                        tag[attribute] = target
                        if tag.name == "a":
                            tag["class"] = [*tag.get("class", []), "archive-live"]
                            tag["title"] = live_title
                            tag["rel"] = ["external"]
                    elif kind == "text" and tag.name == "a":
                        tag.unwrap()
                        break
                elif attribute in ("srcset", "imagesrcset"):
                    tag[attribute] = ", ".join(self._srcset_item(item, source) for item in value.split(","))

    def _srcset_item(self, item: str, source: str) -> str:
        url, _space, descriptor = item.strip().partition(" ")
        kind, target = self._target(url)
        if kind == "file":
            url = _relative(target, source)
        elif kind == "live":
            url = target
        return f"{url} {descriptor}".strip()

    def _forms(self, soup: BeautifulSoup, entry: _Entry, source: str) -> None:
        for form in soup.find_all("form"):
            kind, target = self._target(form.get("action") or entry.path)
            if kind == "file" and target.startswith(tuple(search_file(code) for code in self.languages)):
                form["action"] = _relative(target.split("?")[0], source)
                form["method"] = "get"
                for hidden in form.find_all("input", attrs={"name": "csrfmiddlewaretoken"}):
                    hidden.decompose()
                for box in form.find_all("input", attrs={"placeholder": True}):
                    box["placeholder"] = _("Search the archive")  # it now searches the archive, not the site
                continue
            note = soup.new_tag("p", attrs={"class": "archive-form-note"})
            note.append(_("This form works on the live site only:") + " ")
            link = soup.new_tag(
                "a", href=f"{self.live_url}{quote(entry.path)}", attrs={"class": "archive-live", "rel": "external"}
            )
            link.string = entry.page.title
            note.append(link)
            form.replace_with(note)

    # --- files ---

    def _write(self, name: str, content: str | bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)

    def _copy(self, name: str, source) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with source as opened, path.open("wb") as out:
            shutil.copyfileobj(opened, out, 1024 * 1024)

    def _copy_static(self, name: str) -> str | None:
        name = _safe(name.split("?")[0].split("#")[0])
        if name is None:
            return None
        target = f"assets/static/{name}"
        if target in self.copied:
            return self.copied[target]
        self.copied[target] = None
        if staticfiles_storage.exists(name):  # collected (hashed names in production)
            self._copy(target, staticfiles_storage.open(name, "rb"))
        elif found := finders.find(name):
            self._copy(target, open(found, "rb"))  # noqa: SIM115 - closed by _copy
        else:
            self.report(_("Static file %(name)s not found: left out.") % {"name": name})
            return None
        self.copied[target] = target
        if name.endswith(".css"):
            self._rewrite_css(target, settings.STATIC_URL + name)
        return target

    def _rewrite_css(self, target: str, url: str) -> None:
        """Fonts and images a style sheet asks for are copied too; their URLs made relative."""
        path = self.root / target
        css = path.read_text(encoding="utf-8")

        def replace(match: re.Match) -> str:
            reference = match.group(2) or match.group(4)
            if reference.startswith(("data:", "#")) or urlsplit(reference).scheme:
                return match.group(0)
            absolute = posixpath.normpath(posixpath.join(posixpath.dirname(url), reference.split("?")[0].split("#")[0]))
            kind, found = self._target(absolute)
            if kind != "file":
                return match.group(0)
            relative = _relative(found, target)
            return f'url("{relative}")' if match.group(2) else f'@import "{relative}"'

        path.write_text(CSS_URL.sub(replace, css), encoding="utf-8")

    def _copy_media(self, name: str) -> str | None:
        name = _safe(name)
        if name is None:
            return None
        target = f"assets/media/{name}"
        if target not in self.copied:
            self.copied[target] = None
            if default_storage.exists(name):
                self._copy(target, default_storage.open(name, "rb"))
                self.copied[target] = target
            else:
                self.report(_("Media file %(name)s not found: left out.") % {"name": name})
        return self.copied[target]

    def _copy_document(self, document_id: int) -> str | None:
        document = get_document_model().objects.filter(pk=document_id).select_related("collection").first()
        if document is None or document.collection.get_view_restrictions().exists():
            return None  # missing, or in a private collection: never copied
        target = f"assets/documents/{document.pk}/{_safe(document.filename) or document.pk}"
        if target not in self.copied:
            self.copied[target] = None
            try:
                self._copy(target, document.file.open("rb"))
            except (FileNotFoundError, OSError):
                self.report(_("Document file %(name)s not found: left out.") % {"name": document.file.name})
                return None
            self.copied[target] = target
        return self.copied[target]

    # --- pages ---

    def _write_page(self, entry: _Entry) -> dict:
        soup = BeautifulSoup(entry.html, "html.parser")
        with translation.override(entry.language):
            live_title = _("On the live site (outside the archive)")
            self._forms(soup, entry, entry.file)
            self._rewrite(soup, entry.file, live_title)
            description = soup.find("meta", attrs={"name": "description"})
            main = soup.find("main") or soup.body or soup
            text = " ".join(main.get_text(" ").split())[:MAX_TEXT]
            banner = render_to_string(
                "archive/banner.html",
                {
                    "year": self.year,
                    "agency": self.agency.name,
                    "index_href": _relative(index_file(entry.language), entry.file),
                    "search_href": _relative(search_file(entry.language), entry.file),
                    "live_href": f"{self.live_url}{quote(entry.path)}",
                },
            )
        if soup.head is not None:
            sheet = soup.new_tag(
                "link", rel="stylesheet", href=_relative("assets/static/archive/archive.css", entry.file)
            )
            soup.head.append(sheet)
        if soup.body is not None:
            skip_link = soup.body.find("a", class_="skip-link")  # stays the first thing a keyboard reaches
            if skip_link is not None:
                skip_link.insert_after(BeautifulSoup(banner, "html.parser"))
            else:
                soup.body.insert(0, BeautifulSoup(banner, "html.parser"))
        self._write(entry.file, str(soup))
        published = timezone.localtime(entry.page.first_published_at)
        return {
            "l": entry.language,
            "u": entry.file,
            "t": entry.page.title,
            "d": published.strftime("%d/%m/%Y"),
            "o": published.strftime("%Y%m%d%H%M"),
            "c": entry.category.title if entry.category else "",
            "s": (description.get("content", "") if description else "")[:300],
            "ft": fold(entry.page.title),
            "fx": fold(text),
        }

    def _index_context(self, language: str, file: str, kind: Callable[[str], str]) -> dict:
        with translation.override(language):
            agency = self.agency.name
        return {
            "year": self.year,
            "language": language,
            "agency": agency,
            "css": [_relative(f"assets/static/{name}", file) for name in ARCHIVE_STATIC if name.endswith(".css")],
            "index_href": _relative(index_file(language), file),
            "search_href": _relative(search_file(language), file),
            "self_href": _relative(kind(language), file),
            "other_languages": [
                {"code": code, "name": name, "href": _relative(kind(code), file)}
                for code, name in settings.LANGUAGES
                if code != language
            ],
            "live_url": self.live_url,
        }

    def _write_index(self, language: str) -> None:
        file = index_file(language)
        entries = [entry for entry in self.entries if entry.language == language]
        by_category: dict[int | None, list] = defaultdict(list)
        by_month: dict[int, list] = defaultdict(list)
        for entry in entries:
            published = timezone.localtime(entry.page.first_published_at)
            item = {"title": entry.page.title, "href": _relative(entry.file, file), "date": published, "entry": entry}
            by_category[entry.category.pk if entry.category else None].append(item)
            by_month[published.month].append(item)
        categories = sorted(
            {entry.category.pk: entry.category for entry in entries if entry.category}.values(), key=lambda c: c.path
        )
        with translation.override(language):
            groups = [
                {"anchor": f"category-{category.pk}", "title": category.title, "items": by_category[category.pk]}
                for category in categories
            ]
            if by_category[None]:
                groups.append({"anchor": "category-other", "title": _("Other pages"), "items": by_category[None]})
            months = [
                {"anchor": f"month-{month}", "title": str(MONTHS[month]), "items": by_month[month]}
                for month in sorted(by_month)
            ]
            context = {
                **self._index_context(language, file, index_file),
                "categories": groups,
                "months": months,
                "count": len(entries),
            }
            self._write(file, render_to_string("archive/index.html", context))

    def _write_search(self, language: str) -> None:
        file = search_file(language)
        with translation.override(language):
            context = {
                **self._index_context(language, file, search_file),
                "root": posixpath.relpath(".", posixpath.dirname(file) or ".") + "/",
                "scripts": [_relative(SEARCH_INDEX, file), _relative("assets/static/archive/search.js", file)],
            }
            self._write(file, render_to_string("archive/search.html", context))


def format_summary(summary: ArchiveSummary) -> str:
    pages = ", ".join(f"{code} {count}" for code, count in summary.pages.items())
    line = _("Archive of %(year)s written to %(folder)s: pages %(pages)s; %(files)s files, %(size)s.") % {
        "year": summary.year,
        "folder": summary.folder,
        "pages": pages,
        "files": summary.files,
        "size": filesizeformat(summary.size),
    }
    if summary.zip_path:
        line += "\n" + _("Zip file: %(path)s") % {"path": summary.zip_path}
    return line

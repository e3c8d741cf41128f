"""Save an article as PDF with WeasyPrint; its images are read from storage, never fetched."""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from portal.operations.storage import media_name


class LocalFilesFetcher(URLFetcher):
    """Serve media from their storage and /static/ from disk; refuse everything else (no network at run time)."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = unquote(urlsplit(url).path)
        if (name := media_name(url)) is not None:  # under /media/, or in the media bucket
            with default_storage.open(name) as file:
                data = file.read()
        elif path.startswith(settings.STATIC_URL) and (found := finders.find(path[len(settings.STATIC_URL) :])):
            with open(found, "rb") as file:
                data = file.read()
        else:
            raise ValueError(f"refusing to fetch {url}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=data, headers={"Content-Type": content_type})


def article_pdf_response(article, request: HttpRequest) -> HttpResponse:
    html = render_to_string("news/article_pdf.html", {"page": article, "request": request}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=LocalFilesFetcher()).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{slugify(article.slug) or 'item'}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response

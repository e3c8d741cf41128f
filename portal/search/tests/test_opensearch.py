"""Production search on OpenSearch keeps the Vietnamese behaviour of the database index.

No OpenSearch server runs here, so this checks what the portal controls: the backend named by
the production settings loads, and the documents it would send carry the folded text beside the
original, so a query typed without diacritics (folded the same way by `search_words`) matches.
"""

import importlib
import os
import re
from unittest import mock

import pytest
from wagtail.search.backends import get_search_backend

from portal.news.tests.factories import publish_article, section
from portal.search.selectors import search_words

pytestmark = pytest.mark.django_db


def _production_search_backends() -> dict:
    environment = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "portal.example", "OPENSEARCH_URL": "http://127.0.0.1:9"}
    with mock.patch.dict(os.environ, environment):
        import portal.settings.production as production

        return importlib.reload(production).WAGTAILSEARCH_BACKENDS


def test_production_names_opensearch_when_its_address_is_set():
    backends = _production_search_backends()
    assert backends["default"]["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert backends["default"]["URLS"] == ["http://127.0.0.1:9"]


def test_opensearch_documents_hold_the_folded_words_a_query_without_diacritics_asks_for():
    article = publish_article(
        section("tin-tuc-su-kien"), title="Quy chế hoạt động Cổng thông tin", lead="Đoàn công tác đến Đà Nẵng."
    )
    backend = get_search_backend("default", **_production_search_backends()["default"])
    document = backend.mapping_class(type(article)).get_document(article)
    indexed = " ".join(str(value) for value in document.values()).lower()
    words = set(re.findall(r"\w+", indexed))  # as OpenSearch's standard tokenizer splits them
    for word in search_words("quy che hoat dong da nang doan"):
        assert word in words, f"{word!r} is not among the indexed words"
    assert "quy chế hoạt động" in indexed  # the original stays, for staff typing diacritics

"""The PO file's name comes from the item's address (typed by staff): one well-formed file name."""

from email.message import Message

import pytest
from django.urls import reverse

from portal.news.models import ArticlePage
from portal.news.tests.factories import publish_article, section
from portal.translations import services
from portal.translations.models import TranslationTask

pytestmark = pytest.mark.django_db


def test_a_vietnamese_address_gives_one_well_formed_file_name(signed_in, translator):
    original = publish_article(section("hop-tac-quoc-te"), title="Hội thảo đầu tư")
    ArticlePage.objects.filter(pk=original.pk).update(slug="hội-thảo-đầu-tư")
    english = services.task_start(task=TranslationTask.objects.get(original=original), user=translator)
    header = signed_in(translator).get(reverse("translations_download_po", args=[english.pk]))["Content-Disposition"]
    assert header.isascii() and header.count("filename") == 1
    message = Message()
    message["Content-Disposition"] = header
    assert message.get_content_disposition() == "attachment"
    assert message.get_filename() == "hội-thảo-đầu-tư.en.po"

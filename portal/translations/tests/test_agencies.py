"""The translation queue of an item is run by its own agency's secretariat and editor-in-chief (the
agencies template, portal/testing/agencies.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.news.models import ArticlePage, SectionPage
from portal.testing.agencies import agency, site
from portal.testing.factories import StaffFactory
from portal.translations.models import TranslationTask
from portal.translations.services import can_translate, manages_queue, unit_members
from portal.units import roles
from portal.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def task_of(key: str, slug: str) -> TranslationTask:
    """A task without a unit for an item of agency `key` (as a category whose rule names no unit makes it)."""
    section = SectionPage.objects.descendant_of(site(key).root_page).get(slug=slug)
    page = section.add_child(instance=ArticlePage(title=f"Tin {key}", slug=f"tin-{key}", lead="Tóm tắt."))
    now = timezone.now()
    return TranslationTask(original=page, category=section, published_at=now, due_at=now)


def test_each_agencys_secretariat_runs_its_own_items_translations_only():
    second_secretariat = get_user_model().objects.get(username="phamvanan")
    first_secretariat = StaffFactory(
        role=roles.SECRETARIAT, unit=Unit.objects.get(agency=agency("first"), code="van-phong")
    )
    second_task, first_task = task_of("second", "tin-hoat-dong"), task_of("first", "tin-tuc-su-kien")

    assert manages_queue(second_secretariat) and manages_queue(first_secretariat)
    assert can_translate(second_secretariat, second_task)
    assert not can_translate(second_secretariat, first_task)
    assert can_translate(first_secretariat, first_task)
    assert not can_translate(first_secretariat, second_task)
    # a task of no unit is announced to its own agency's secretariat
    assert set(unit_members(second_task).values_list("username", flat=True)) == {"phamvanan"}
    assert first_secretariat in unit_members(first_task)
    assert second_secretariat not in unit_members(first_task)

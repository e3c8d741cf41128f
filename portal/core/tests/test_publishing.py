"""One publishing path: every consequence of publishing is a registered handler, run on commit, in
order, each on its own."""

import datetime as dt

import pytest
from django.db import transaction

from portal.core import publishing
from portal.core.models import WorkingDayChange
from portal.core.page_cache import current_generation
from portal.news.models import ArticlePage
from portal.planning.publishing import publications_generation
from portal.testing.factories import ArticleFactory, LeaderFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` ends a change as its transaction would: the on-commit hooks run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def registry(monkeypatch):
    """The registry, put back as it was after the test."""
    monkeypatch.setattr(publishing, "_registry", dict(publishing._registry))
    return publishing._registry


@pytest.fixture
def calls(registry):
    """Every registered handler, still run, and noted in the order it ran: (event, name)."""
    ran = []
    for (event, name), entry in list(registry.items()):

        def spy(publication, entry=entry):
            ran.append((publication.event, entry.name))
            entry.handler(publication)

        registry[(event, name)] = publishing.Registration(event=event, order=entry.order, name=name, handler=spy)
    return ran


def test_every_consequence_of_publishing_is_listed_in_one_registry():
    listed = [(entry.event, entry.order, entry.name) for entry in publishing.registered()]
    assert listed == [
        ("published", 10, "royalties"),
        ("published", 20, "translations"),
        ("published", 80, "page-cache"),
        ("published", 90, "dashboard"),
        ("unpublished", 10, "royalties"),
        ("unpublished", 80, "page-cache"),
        ("unpublished", 90, "dashboard"),
        ("moved", 80, "page-cache"),
        ("moved", 90, "dashboard"),
        ("deleted", 80, "page-cache"),
        ("deleted", 90, "dashboard"),
        ("changed", 80, "page-cache"),
    ]
    assert publishing.public_models() == [
        "core.AgencySettings",
        "documents.Country",
        "documents.DocumentKind",
        "documents.Issuer",
        "documents.LegalField",
        "organisation.Leader",
        "organisation.UnitProfile",
        "procedures.FeeItem",
        "procedures.FormField",
        "procedures.Procedure",
        "procedures.ProcedureField",
        "procedures.ProcedureVersion",
        "procedures.RequiredDocument",
        "wagtailcore.PageViewRestriction",
        "wagtailcore.Site",
        "wagtaildocs.Document",
        "wagtailimages.Image",
    ]


def test_handlers_run_in_their_stated_order_and_a_failing_one_stops_none_of_the_others(registry, caplog):
    ran = []

    def broken(publication):
        WorkingDayChange.objects.create(
            date=dt.date(2031, 1, 2), kind=WorkingDayChange.DAY_OFF, reason="broken handler"
        )
        raise RuntimeError("index away")

    registry.clear()
    publishing.register(publishing.MOVED, lambda publication: ran.append("last"), order=30, name="c")
    publishing.register(publishing.MOVED, broken, order=20, name="b")
    publishing.register(publishing.MOVED, lambda publication: ran.append("first"), order=10, name="a")

    done = publishing.run_handlers(publishing.Publication(event=publishing.MOVED))

    assert done == ["a", "c"] and ran == ["first", "last"]
    assert "Publishing handler b" in caplog.text and "RuntimeError: index away" in caplog.text
    # The failing handler ran in its own transaction: what it wrote before failing is undone.
    assert not WorkingDayChange.objects.filter(reason="broken handler").exists()


def test_registering_again_replaces_and_an_unknown_event_is_refused(registry):
    registry.clear()
    publishing.register(publishing.PUBLISHED, print, order=10, name="feed")
    publishing.register(publishing.PUBLISHED, repr, order=5, name="feed")
    assert [(entry.order, entry.handler) for entry in publishing.registered()] == [(5, repr)]
    with pytest.raises(ValueError, match="Unknown publishing event 'renamed'"):
        publishing.register("renamed", print, order=10, name="feed")


def test_publishing_a_page_runs_each_consequence_once_after_commit(calls, committed):
    news = SectionFactory()
    before, dashboard_before = current_generation(), publications_generation()
    with committed():
        ArticleFactory(parent=news)
        assert calls == []  # nothing before the transaction commits
    assert calls == [
        ("published", "royalties"),
        ("published", "translations"),
        ("published", "page-cache"),
        ("published", "dashboard"),
    ]
    assert current_generation() == before + 1 and publications_generation() == dashboard_before + 1


def test_a_publication_that_rolls_back_has_no_consequence(calls, committed):
    news = SectionFactory()
    before, dashboard_before = current_generation(), publications_generation()
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            ArticleFactory(parent=news)
            raise RuntimeError("the editor's request failed after publishing")
    assert calls == []
    assert current_generation() == before and publications_generation() == dashboard_before


@pytest.mark.parametrize("change", ["unpublish", "move", "delete"])
def test_unpublishing_moving_and_deleting_a_live_page_clear_the_caches(change, calls, committed):
    news, other = SectionFactory(), SectionFactory()
    article = ArticleFactory(parent=news)
    before, dashboard_before = current_generation(), publications_generation()
    with committed():
        if change == "unpublish":
            article.unpublish()
        elif change == "move":
            article.move(other, pos="last-child")
        else:
            article.delete()
    event = {"unpublish": "unpublished", "move": "moved", "delete": "deleted"}[change]
    # Once for the page, not once per class of it (deleting a live page also unpublishes it first).
    assert calls.count((event, "page-cache")) == 1 and calls.count((event, "dashboard")) == 1
    assert current_generation() > before and publications_generation() > dashboard_before


def test_deleting_a_draft_clears_no_cache(committed):
    draft = SectionFactory().add_child(
        instance=ArticlePage(title="Bản nháp", slug="ban-nhap-xoa", lead="Tóm tắt.", live=False)
    )
    before = current_generation()
    with committed():
        draft.delete()
    assert current_generation() == before


def test_a_record_shown_publicly_clears_the_page_cache_but_not_the_dashboard(committed):
    leader = LeaderFactory()
    before, dashboard_before = current_generation(), publications_generation()
    with committed():
        leader.save()
    assert current_generation() == before + 1
    assert publications_generation() == dashboard_before

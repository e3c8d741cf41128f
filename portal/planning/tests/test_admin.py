"""The board's pages in the admin: who sees them, what they show, and a bounded number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.accounts.testing import login_with_second_factor
from portal.core import figures
from portal.core.figures import Figure, FigureSection, register_figures
from portal.core.templatetags.portal_tags import money
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.planning.models import Plan
from portal.units import roles

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("planning_dashboard")


def signed_in(client, staff, role, unit_code="van-phong"):
    login_with_second_factor(client, staff(role, unit_code))
    return client


def test_the_editor_in_chief_sees_the_plan_on_the_first_page_and_the_dashboard(client, staff, this_years_plan):
    signed_in(client, staff, roles.EDITOR_IN_CHIEF)
    home = client.get("/admin/").content.decode()
    year = timezone.localdate().year
    assert f"Kế hoạch năm {year} đến nay" in home
    assert "<svg" in home and 'role="img"' in home
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "Mục tin so với kế hoạch",
        "Số lần cập nhật mỗi tuần",
        "Mục tin trống hoặc lạc hậu",
        "Tin bài trễ hạn",
        "Đóng góp của đơn vị theo tháng",
        "Nhiệm vụ trọng tâm",
        "Ngày kỷ niệm sắp tới",
    ):
        assert heading in html, heading
    assert "26.300.000 đ" in html


@pytest.mark.parametrize(
    "role",
    [roles.CONTRIBUTOR, roles.UNIT_HEAD, roles.CATEGORY_EDITOR, roles.ACCOUNTANT],
    ids=["contributor", "unit-head", "category-editor", "accountant"],
)
def test_other_roles_do_not_see_the_dashboard(client, staff, this_years_plan, role):
    signed_in(client, staff, role, "hop-tac-quoc-te")
    assert "plan-summary-heading" not in client.get("/admin/").content.decode()
    response = client.get(DASHBOARD, follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/"
    messages = [str(message) for message in response.context["messages"]]
    assert any("không có quyền" in message.lower() for message in messages), messages


def test_the_secretariat_edits_the_plan_and_the_contributor_cannot(client, staff):
    plan = Plan.objects.get(year=2017)
    edit = reverse("plans:edit", args=[plan.pk])
    signed_in(client, staff, roles.SECRETARIAT)
    assert client.get(edit).status_code == 200
    client.logout()
    for role in (roles.CONTRIBUTOR, roles.EDITOR_IN_CHIEF):
        signed_in(client, staff, role)
        response = client.get(edit, follow=True)
        assert response.redirect_chain[-1][0] == "/admin/", role.group_name
        assert client.post(reverse("planning_copy_forward", args=[plan.pk]), {"year": 2019}).status_code in (302, 403)
        assert not Plan.objects.filter(year=2019).exists()
        client.logout()


def test_the_secretariat_copies_a_plan_forward_from_the_admin(client, staff):
    plan = Plan.objects.get(year=2017)
    signed_in(client, staff, roles.SECRETARIAT)
    url = reverse("planning_copy_forward", args=[plan.pk])
    assert "Sao chép" in client.get(url).content.decode()
    response = client.post(url, {"year": 2018})
    copied = Plan.objects.get(year=2018)
    assert response.status_code == 302 and response["Location"] == reverse("plans:edit", args=[copied.pk])
    assert copied.rows.count() == 20
    again = client.post(url, {"year": 2018})
    assert again.status_code == 200 and "Kế hoạch năm 2018 đã có" in again.content.decode()
    bad = client.post(url, {"year": "hai nghìn"})
    assert bad.status_code == 200 and "Nhập một năm" in bad.content.decode()


def test_the_secretariat_saves_the_plan_through_the_admin_form(client, staff):
    from django.test import RequestFactory
    from django.urls import resolve

    plan = Plan.objects.get(year=2017)
    secretary = staff(roles.SECRETARIAT, "van-phong")
    login_with_second_factor(client, secretary)
    # The form the edit view offers, taken from its response before it is rendered (the client renders the
    # page, 20 rows of formsets, which nothing here reads; the page answering the secretariat is
    # test_the_secretariat_edits_the_plan_and_the_contributor_cannot's)
    edit = reverse("plans:edit", args=[plan.pk])
    request = RequestFactory().get(edit)
    request.user = secretary
    match = resolve(edit)
    response = match.func(request, *match.args, **match.kwargs)
    assert response.status_code == 200
    form = response.context_data["form"]
    data = {}
    for bound in form:
        value = bound.value()
        if value is not None:
            data[bound.html_name] = value
    for formset in form.formsets.values():
        data.update({f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()})
        for child in formset.forms:
            for bound in child:
                value = bound.value()
                if isinstance(value, list):
                    data[bound.html_name] = [str(v) for v in value]
                elif value is not None and value is not False:
                    data[bound.html_name] = value
    data["weekly_min"], data["weekly_max"] = 12, 10
    refused = client.post(reverse("plans:edit", args=[plan.pk]), data)
    assert refused.status_code == 200
    assert "ít hơn" in refused.content.decode()
    data["weekly_max"] = 14
    saved = client.post(reverse("plans:edit", args=[plan.pk]), data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    plan.refresh_from_db()
    assert (plan.weekly_min, plan.weekly_max) == (12, 14)
    assert plan.rows.count() == 20
    assert {unit.code for unit in plan.rows.get(number="7").source_units.all()} == {"hop-tac-quoc-te"}


def test_the_dashboard_shows_every_registered_domain(client, staff, this_years_plan, monkeypatch):
    monkeypatch.setattr(figures, "_providers", {})
    asked = []

    def questions(*, start, end, agency):
        asked.append((start, end, agency))
        return FigureSection(
            key="qa",
            title="Hỏi đáp của công dân",
            figures=(Figure(label="Câu hỏi đã trả lời đúng hạn", value=17, target="≤ 2 ngày làm việc", ok=True),),
        )

    register_figures("qa", questions, order=30)
    signed_in(client, staff, roles.EDITOR_IN_CHIEF)
    html = client.get(DASHBOARD).content.decode()
    assert "Hỏi đáp của công dân" in html and "Câu hỏi đã trả lời đúng hạn" in html and ">17<" in html
    today = timezone.localdate()
    assert asked == [(dt.date(today.year, 1, 1), today, this_years_plan.agency)]


def _add_items(count: int) -> None:
    news = section("tin-tuc-su-kien")
    now = timezone.now()
    for number in range(count):
        when = now - dt.timedelta(hours=7 * number + 1)
        news.add_child(
            instance=ArticlePage(
                title=f"Tin đo truy vấn {number}",
                slug=f"tin-do-truy-van-{number}-{count}",
                lead="Tóm tắt.",
                first_published_at=when,
                source_date=timezone.localtime(when).date(),
                live=True,
            )
        )
        news.refresh_from_db()


# Enough items that one query per item would pass any bound below (110 at most): so a query-count test
# shows growth with MANY items as it did with 200, at 60% of the pages to make (each page is a tree insert).
MANY = 120


@pytest.mark.parametrize("count", [10, MANY])
def test_the_dashboard_makes_the_same_bounded_number_of_queries(
    client, staff, this_years_plan, django_assert_max_num_queries, count
):
    _add_items(count)
    signed_in(client, staff, roles.EDITOR_IN_CHIEF)
    client.get(DASHBOARD)  # warm the per-process caches (site, locales)
    # A few queries per kind of dated item and per panel: as many with MANY items as with 10.
    with django_assert_max_num_queries(70):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    with django_assert_max_num_queries(110):  # the home page holds every domain's panel, the board's included
        assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("count", [10, MANY])
def test_the_editorial_calendar_makes_a_bounded_number_of_queries(
    client, staff, this_years_plan, django_assert_max_num_queries, count
):
    _add_items(count)
    signed_in(client, staff, roles.EDITOR_IN_CHIEF)
    client.get(reverse("planning_calendar"))
    # the plan rows' editors are read once, with the rows; the agency details (a site setting) ask for site
    # permissions; one query finds the user's agency (their unit's), whose plan and units the calendar shows;
    # one reads the agency's anniversaries (with their units), to show the week's round ones
    with django_assert_max_num_queries(34):
        assert client.get(reverse("planning_calendar")).status_code == 200


def test_the_editorial_calendar_shows_published_in_review_and_scheduled_by_day(client, staff, this_years_plan):
    author = staff(roles.CONTRIBUTOR, "hop-tac-quoc-te")

    def draft(title: str) -> ArticlePage:
        page = section("tin-tuc-su-kien").add_child(
            instance=ArticlePage(title=title, lead="Tóm tắt.", owner=author, live=False)
        )
        page.save_revision(user=author)
        return page

    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    in_review = draft("Tin đang chờ duyệt tuần này")
    in_review.get_workflow().start(in_review, author)  # submitted for approval
    scheduled = draft("Tin hẹn giờ đăng tuần này")
    go_live = timezone.make_aware(dt.datetime.combine(monday + dt.timedelta(days=6), dt.time(9)))
    revision = scheduled.save_revision()
    revision.approved_go_live_at = go_live
    revision.save()
    signed_in(client, staff, roles.SECRETARIAT)
    html = client.get(reverse("planning_calendar"), {"week": monday.isoformat()}).content.decode()
    assert "Tin đang chờ duyệt tuần này" in html and "Tin hẹn giờ đăng tuần này" in html
    assert 'data-state="in_review"' in html and 'data-state="scheduled"' in html
    # One category only: the two drafts are news, so another category hides them.
    other = section("hop-tac-quoc-te")
    filtered = client.get(
        reverse("planning_calendar"), {"week": monday.isoformat(), "category": other.pk}
    ).content.decode()
    assert "Tin đang chờ duyệt tuần này" not in filtered
    wrong = client.get(reverse("planning_calendar"), {"week": "31/02/2026", "unit": "abc"})
    assert wrong.status_code == 200
    assert "Một số bộ lọc" in wrong.content.decode()


def test_the_dashboard_figures_are_kept_until_a_publication_or_a_change_to_the_plan(
    client, staff, this_years_plan, settings, django_assert_max_num_queries
):
    from portal.core.publishing import PUBLISHED, Publication
    from portal.planning.publishing import forget_dashboard_figures

    settings.DASHBOARD_CACHE_SECONDS = 300
    signed_in(client, staff, roles.EDITOR_IN_CHIEF)
    first = client.get(DASHBOARD)
    assert "Số liệu tính lúc" in first.content.decode()
    total = first.context["board"].total_published
    with django_assert_max_num_queries(25):  # the figures come from the cache: sign-in, menus, the plan
        again = client.get(DASHBOARD)
    assert again.context["board"].total_published == total

    _add_items(1)  # published, but not yet committed: the figures stay as they were...
    assert client.get(DASHBOARD).context["board"].total_published == total
    forget_dashboard_figures(Publication(event=PUBLISHED))  # ...until the commit runs the dashboard's handler
    assert client.get(DASHBOARD).context["board"].total_published == total + 1

    plan = this_years_plan
    plan.weekly_min, plan.weekly_max = 3, 4
    plan.save()  # a change to the plan shows at once
    assert "đạt mức 3-4 lần" in client.get(DASHBOARD).content.decode()


def test_the_scheduler_works_out_the_dashboard_before_the_board_opens_it(
    client, staff, this_years_plan, settings, monkeypatch
):
    from portal.core.publishing import PUBLISHED, Publication
    from portal.operations.scheduler import default_jobs
    from portal.planning import views
    from portal.planning.publishing import forget_dashboard_figures

    settings.DASHBOARD_CACHE_SECONDS = 300
    assert views.warm_dashboards() == 2  # this year's figures, in Vietnamese and in English
    assert views.warm_dashboards() == 0  # kept: nothing to do until a publication
    monkeypatch.setattr(views, "plan_dashboard", lambda *args, **kwargs: pytest.fail("worked out in the request"))
    signed_in(client, staff, roles.EDITOR_IN_CHIEF)
    response = client.get(DASHBOARD)
    assert response.status_code == 200 and "Số liệu tính lúc" in response.content.decode()

    forget_dashboard_figures(Publication(event=PUBLISHED))  # a publication: the next run works them out again
    monkeypatch.undo()
    assert views.warm_dashboards() == 2

    # The job runs where the web servers share the cache (Redis), never on each process's own memory.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "warm_dashboard" not in [job.name for job in default_jobs()]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert "warm_dashboard" in [job.name for job in default_jobs()]


def test_without_a_plan_for_the_year_there_is_nothing_to_work_out(settings):
    from portal.planning import views

    settings.DASHBOARD_CACHE_SECONDS = 300
    assert views.warm_dashboards(today=dt.date(1990, 6, 1)) == 0


def test_the_plans_list_shows_the_budget_as_money(client, staff, this_years_plan):
    signed_in(client, staff, roles.SECRETARIAT)
    plan = this_years_plan
    html = client.get(reverse("plans:index")).content.decode()
    assert money(plan.budget) in html and f">{plan.budget}<" not in html
    assert plan.budget > 1000 and "." in money(plan.budget)


def test_the_dashboards_status_labels_are_all_in_sentence_case(client, staff, this_years_plan):
    import re

    html = signed_in(client, staff, roles.EDITOR_IN_CHIEF).get(DASHBOARD).content.decode()
    labels = re.findall(r'<span class="([^"]*)" data-plan-status="[^"]+">\S+ ([^<]+)</span>', html)
    assert labels, "no status label on the dashboard"
    assert {classes for classes, _label in labels} == {"w-status w-status--label"}  # no label shouts in capitals
    for _classes, label in labels:
        assert label[0].isupper() and label[1:] == label[1:].lower(), label
    assert any(label in ("Chậm", "Đạt tiến độ", "Vượt", "Tùy thực tế") for _c, label in labels)

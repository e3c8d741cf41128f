"""Every private address of the public side, enumerated from the URL configuration and the pages' own
routes: one with a secret or a token in it (an application's tracking link, an asker's private link,
an applicant's sign-in link) opens nothing with a wrong one, for a real application or question."""

import re

import pytest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from portal.applications.models import Application, Upload
from portal.operations.testing import fill_route, url_routes
from portal.qa.models import QuestionIndexPage
from portal.testing.factories import ApplicationFactory, QuestionFactory, StaffFactory, UnitFactory
from portal.units import roles

pytestmark = pytest.mark.django_db

CAPABILITY = re.compile(r"<(?:\w+:)?(?:secret|token)>")
WRONG = "AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH"


def site_routes() -> list[str]:
    """The public side's (the admin's password-reset link is Django's own, tested there)."""
    return [r for r in url_routes() if CAPABILITY.search(r) and not r.startswith(("admin/", "django-admin/"))]


def page_routes() -> list[tuple[type, str]]:
    routes = []
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin) and not model._meta.abstract:
            routes += [(model, str(p.pattern)) for p in model.get_subpage_urls() if CAPABILITY.search(str(p.pattern))]
    return routes


@pytest.fixture
def application() -> Application:
    """A submitted application, with its receipt number and a file the applicant uploaded."""
    application = ApplicationFactory(receipt_number="HS-261207-0042")
    Upload.objects.create(
        application=application,
        document_key="to-khai",
        file="uploads/to-khai.pdf",
        original_name="to-khai.pdf",
        kind="pdf",
        size=14,
        sha256="0" * 64,
    )
    return application


def test_the_enumeration_finds_the_tracking_links_the_sign_in_link_and_the_askers_link():
    routes = site_routes()
    assert "ho-so/<uuid:public_id>/<str:secret>/tep/<int:upload_id>/" in routes
    assert "ho-so/dang-nhap/<str:token>/" in routes
    assert len(routes) >= 7
    assert {model.__name__ for model, _ in page_routes()} == {"QuestionIndexPage"}


def test_no_tracking_link_opens_a_real_application_with_a_wrong_secret(client, application):
    values = {"public_id": str(application.public_id), "upload_id": str(application.uploads.first().pk)}
    right = fill_route("ho-so/<uuid:public_id>/<str:secret>/", values | {"secret": application.secret})
    assert client.get(right).status_code == 200  # the real secret opens it: the wrong one is what is refused
    opened = {}
    for route in site_routes():
        for method in ("get", "post"):
            response = getattr(client, method)(fill_route(route, values | {"secret": WRONG, "token": WRONG}))
            body = response.content.decode(errors="replace") if not response.streaming else ""
            # 400: a wrong sign-in link shows the sign-in page with its message, to ask for a new one
            if response.status_code not in (400, 403, 404, 405):
                opened[f"{method} {route}"] = response.status_code
            assert application.receipt_number not in body, route
    assert opened == {}
    mine = client.get("/ho-so/cua-toi/")  # and no wrong link signed anyone in
    assert mine.status_code == 302 and mine["Location"] == "/ho-so/dang-nhap/"


def test_no_askers_link_opens_a_real_question_with_a_wrong_secret(client):
    question = QuestionFactory()  # a new question, as the public form stores it
    index = QuestionIndexPage.objects.live().filter(locale__language_code="vi").first()
    right = client.get(index.url + index.reverse_subpage("private", args=(question.tracking_code, question.secret)))
    assert right.status_code == 200 and question.title in right.content.decode()  # the real secret opens it
    opened = {}
    for model, route in page_routes():
        for page in model.objects.live():
            url = page.url + fill_route(route, {"code": question.tracking_code, "secret": WRONG}).lstrip("/")
            response = client.get(url)
            if response.status_code not in (404, 400, 403):
                opened[url] = response.status_code
            body = response.content.decode()
            assert question.title not in body and question.email not in body, url
    assert opened == {}


@pytest.mark.parametrize("restriction", ["login", "groups", "password"])
def test_a_restricted_page_and_a_file_of_a_private_collection_are_refused_to_whoever_may_not_see_them(
    client, restriction
):
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from portal.testing.factories import ArticleFactory, DocumentPageFactory

    item = ArticleFactory(
        title="Tin nội bộ của Ban biên tập", body=[{"type": "paragraph", "value": "<p>Chỉ dành cho nội bộ.</p>"}]
    )
    document = DocumentPageFactory(number="97/QĐ-NOIBO", with_file=True)
    file = document.files.get().document
    private = Collection.get_first_root_node().add_child(name="Tệp nội bộ")
    file.collection = private
    file.save()
    board = Group.objects.get(name=roles.SECRETARIAT.group_name) if restriction == "groups" else None
    page_rule = PageViewRestriction.objects.create(page=item, restriction_type=restriction, password="mat-khau")
    file_rule = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=restriction, password="mat-khau"
    )
    if board:
        page_rule.groups.add(board)
        file_rule.groups.add(board)

    def refused(response) -> bool:
        body = b"" if response.streaming else response.content
        return "Chỉ dành cho nội bộ".encode() not in body and (
            response.status_code in (302, 401, 403, 404) or b"password" in body.lower()
        )

    visitors = [("anonymous", None)]
    if restriction == "groups":  # a signed-in contributor is not on the board
        visitors.append(("contributor", StaffFactory(role=roles.CONTRIBUTOR, unit=UnitFactory())))
    for who, user in visitors:
        if user:
            client.force_login(user)
        for url in (item.url, file.url):
            assert refused(client.get(url)), f"{who} {url}"
    if restriction != "password":  # and whoever may, sees them: the refusals above are the rule's, not a broken link
        client.force_login(StaffFactory(role=roles.SECRETARIAT, unit=UnitFactory()))  # on the board
        assert "Chỉ dành cho nội bộ" in client.get(item.url).content.decode()
        assert client.get(file.url).status_code == 200


def test_a_documents_file_is_never_served_from_the_media_folder_only_through_its_checked_address(client):
    from wagtail.models import Collection, CollectionViewRestriction

    from portal.testing.factories import DocumentPageFactory

    document = DocumentPageFactory(number="96/QĐ-TEP", with_file=True)
    file = document.files.get().document
    assert client.get(file.url).status_code == 200  # public: served at /documents/<id>/<name>
    direct = f"/media/{file.file.name}"
    assert file.file.name.startswith("documents/") and client.get(direct).status_code == 404
    private = Collection.get_first_root_node().add_child(name="Tệp mật")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    file.collection = private
    file.save()
    assert client.get(direct).status_code == 404
    assert client.get(file.url).status_code == 302  # to sign in

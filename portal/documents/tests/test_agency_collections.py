"""Each agency's images and documents are in its own collection, with its groups' permissions on it only
(issue 22, item 2): the second agency's staff neither list, choose nor open the first agency's files."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import GroupCollectionPermission

from portal.accounts.testing import login_with_second_factor
from portal.testing.agencies import agency, staff
from portal.testing.factories import ImageFactory
from portal.units import roles

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def text(response) -> str:
    """What the user reads: the page, or a modal's or the API's JSON with its letters unescaped."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer, out = PdfWriter(), BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def files_of(key: str) -> dict:
    collection = roles.agency_collection(agency(key))
    document = get_document_model().objects.create(
        title=f"Công văn của {key}", file=ContentFile(pdf(), name=f"cong-van-{key}.pdf"), collection=collection
    )
    return {"image": ImageFactory(title=f"Ảnh của {key}", collection=collection), "document": document}


def test_each_agency_has_its_own_collection_with_only_its_groups_on_it():
    first, second = roles.agency_collection(agency("first")), roles.agency_collection(agency("second"))
    assert first != second and first.get_parent() == second.get_parent()  # both under the root collection
    assert second.name == agency("second").name_vi
    on_second = set(GroupCollectionPermission.objects.filter(collection=second).values_list("group__name", flat=True))
    assert on_second == {roles.group_name(role, agency("second")) for role in roles.ROLES if role.page_permissions}
    # nobody's group holds a right on the root collection, which would reach every agency's
    assert not GroupCollectionPermission.objects.filter(collection__depth=1).exists()


@pytest.mark.parametrize("role", [role for role in roles.ROLES if role.page_permissions], ids=lambda r: str(r.label))
def test_the_second_agencys_staff_see_only_its_own_files(client, role):
    first, second = files_of("first"), files_of("second")
    login_with_second_factor(client, staff("second", role))
    for kind, listing, chooser in (
        ("image", "/admin/images/", "/admin/images/chooser/"),
        ("document", "/admin/documents/", "/admin/documents/chooser/"),
    ):
        for url in (listing, chooser, f"/admin/api/main/{kind}s/"):
            shown = text(client.get(url))
            assert first[kind].title not in shown, url
        assert second[kind].title in text(client.get(chooser))
        # another agency's file is not opened, chosen or changed
        for url in (
            f"/admin/{kind}s/edit/{first[kind].pk}/" if kind == "document" else f"/admin/images/{first[kind].pk}/",
            f"/admin/{kind}s/chooser/{first[kind].pk}/",
            f"/admin/api/main/{kind}s/{first[kind].pk}/",
        ):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url
            assert first[kind].title not in text(response), url
    # they upload into their agency's collection, and not into another's
    answers = {}
    for key in ("second", "first"):
        collection = roles.agency_collection(agency(key))
        upload = SimpleUploadedFile(f"bao-cao-{key}.pdf", pdf(), content_type="application/pdf")
        answers[key] = client.post(
            "/admin/documents/add/", {"title": f"Báo cáo {key}", "file": upload, "collection": collection.pk}
        )
    uploaded = get_document_model().objects.filter(title="Báo cáo second").first()
    assert uploaded is not None, text(answers["second"])[-3000:]
    assert uploaded.collection == roles.agency_collection(agency("second"))
    # Wagtail's form offers only the collections one may add to: the other agency's is not taken
    first_collection = roles.agency_collection(agency("first"))
    assert not get_document_model().objects.filter(collection=first_collection, title="Báo cáo first").exists()

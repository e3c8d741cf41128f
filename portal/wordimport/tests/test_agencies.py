"""A Word file's images go to the collection of the agency whose category the item is imported into
(issue 22, item 2): that agency's staff find and choose them, another agency's do not."""

import pytest
from wagtail.images import get_image_model

from portal.accounts.testing import login_with_second_factor
from portal.news.models import SectionPage
from portal.testing.agencies import agency, site, staff
from portal.units import roles
from portal.wordimport import services
from portal.wordimport.services import import_docx

from . import samples
from .conftest import upload

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def _imported_images(key: str):
    category = SectionPage.objects.descendant_of(site(key).root_page).filter(depth=site(key).root_page.depth + 1)
    contributor = staff(key, roles.CONTRIBUTOR)
    page = import_docx(user=contributor, parent=category.first(), uploaded_file=upload(samples.news_article()))
    pks = [block.value["image"].pk for block in page.specific.body if block.block_type == "image"]
    return contributor, get_image_model().objects.filter(pk__in=pks)


@pytest.mark.usefixtures("media")
def test_the_images_of_an_agencys_import_are_in_its_own_collection_and_no_other_agencys():
    contributor, images = _imported_images("second")
    own = roles.agency_collection(agency("second"))
    assert {image.collection.name for image in images} == {services.COLLECTION_NAME}
    assert {image.collection.get_parent() for image in images} == {own}

    _first_contributor, first_images = _imported_images("first")
    assert {image.collection.get_parent() for image in first_images} == {roles.agency_collection(agency("first"))}
    assert {image.collection for image in first_images}.isdisjoint({image.collection for image in images})


@pytest.mark.usefixtures("media")
def test_the_agencys_staff_choose_the_imported_images_and_another_agencys_do_not(client):
    contributor, images = _imported_images("second")
    titles = sorted(images.values_list("title", flat=True))

    login_with_second_factor(client, contributor)
    chooser = client.get("/admin/images/chooser/").json()["html"]
    assert all(title in chooser for title in titles)

    client.logout()
    login_with_second_factor(client, staff("first", roles.CONTRIBUTOR))
    chooser = client.get("/admin/images/chooser/").json()["html"]
    assert not any(title in chooser for title in titles)
    assert client.get(f"/admin/images/{images.first().pk}/").status_code in (302, 403, 404)

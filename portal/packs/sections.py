"""A plain category promoted in place to the page type that holds its content (a SectionPage subclass).

When a pack names a category's kind and the category exists as a plain one (installed before the kind
was named, or by an older version), it is promoted in place: same page, id, URL, translations and
history, so everything keyed on it (plan rows, workflows, links) stays as it was.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Revision
from wagtail.search.index import insert_or_update_object

from portal.news.models import SectionPage


@transaction.atomic
def promote_section(section: SectionPage, page_class: type[SectionPage]) -> SectionPage:
    """`section` (a plain category) and its translations as `page_class`, a subclass of SectionPage."""
    if type(section) is page_class or not issubclass(page_class, SectionPage) or page_class is SectionPage:
        return section
    content_type = ContentType.objects.get_for_model(page_class)
    page_type = ContentType.objects.get_for_model(Page)
    for page in section.get_translations(inclusive=True).specific():
        if type(page) is not SectionPage:
            continue
        promoted = page_class(sectionpage_ptr=page)
        for field in SectionPage._meta.concrete_fields:
            setattr(promoted, field.attname, getattr(page, field.attname))
        promoted.save_base(raw=True)  # inserts only the subclass row; the page itself is untouched
        Page.objects.filter(pk=page.pk).update(content_type=content_type)
        revisions = Revision.objects.filter(base_content_type=page_type, object_id=str(page.pk))
        revisions.update(content_type=content_type)
    promoted = page_class.objects.get(pk=section.pk)
    for page in promoted.get_translations(inclusive=True).specific():
        insert_or_update_object(page)
    return promoted

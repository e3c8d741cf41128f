from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Country, DocumentKind, Issuer, LegalField


class _VocabularyViewSet(SnippetViewSet):
    list_display = ["name_vi", "sort_order"]  # the English name is on the form: this list is read in Vietnamese
    search_fields = ["name_vi", "name_en"]
    ordering = ["sort_order", "name_vi"]


class DocumentKindViewSet(_VocabularyViewSet):
    model = DocumentKind
    icon = "doc-full"
    menu_label = _("Kinds of document")


class IssuerViewSet(_VocabularyViewSet):
    model = Issuer
    icon = "group"
    menu_label = _("Issuing bodies")


class LegalFieldViewSet(_VocabularyViewSet):
    model = LegalField
    icon = "tag"
    menu_label = pgettext_lazy("legal document", "Fields")


class CountryViewSet(_VocabularyViewSet):
    model = Country
    icon = "globe"
    menu_label = _("Countries")


class RegistryListsGroup(SnippetViewSetGroup):
    items = (DocumentKindViewSet, IssuerViewSet, LegalFieldViewSet, CountryViewSet)
    menu_icon = "list-ul"
    menu_label = _("Registry lists")
    menu_order = 310


register_snippet(RegistryListsGroup)

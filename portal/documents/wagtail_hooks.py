from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.permissions import policy_registry
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


def _choosable(user, files):
    """What the admin API lists of `files`: those `user` may choose (their agency's collection), as
    Wagtail's choosers list them; Wagtail's endpoints list every file of the installation."""
    policy = policy_registry.get_by_type(files.model)
    return files.filter(pk__in=policy.instances_user_has_any_permission_for(user, ["choose"]).values("pk"))


@hooks.register("construct_admin_api", order=1100)  # after portal.core's, which registers Wagtail's unscoped ones
def admin_api_of_ones_own_files(router):
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    class ChoosableImages(ImagesAdminAPIViewSet):
        def get_queryset(self):
            return _choosable(self.request.user, super().get_queryset())

    class ChoosableDocuments(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            return _choosable(self.request.user, super().get_queryset())

    router.register_endpoint("images", ChoosableImages)
    router.register_endpoint("documents", ChoosableDocuments)

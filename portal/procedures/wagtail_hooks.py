import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.units.agencies import AgencyScopedChooserViewSet, AgencyScopedViewSet, of_users_agency, readers_units

from . import views
from .models import Procedure, ProcedureField, ProcedureVersion
from .permissions import procedure_policy, version_policy

# A procedure and its versions are their agency's staff's only (listing, chooser, every view of one, the
# custom views below); the fields are the national vocabulary, shared.
register_permission_policy(Procedure, procedure_policy)
register_permission_policy(ProcedureVersion, version_policy)


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "folder-open-inverse"
    menu_label = pgettext_lazy("legal document", "Fields")
    list_display = ["name_vi", "name_en", "code"]


class ProcedureFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("handling unit"), queryset=readers_units)

    class Meta:
        model = Procedure
        fields = ["field", "unit"]


class ProcedureViewSet(AgencyScopedViewSet, SnippetViewSet):
    model = Procedure
    chooser_viewset_class = AgencyScopedChooserViewSet
    icon = "clipboard-list"
    menu_label = _("Procedures")
    list_display = ["code", "__str__", "field", "unit"]
    filterset_class = ProcedureFilterSet
    search_fields = ["code", "slug", "versions__name_vi", "versions__name_en"]


class ProcedureVersionViewSet(AgencyScopedViewSet, SnippetViewSet):
    model = ProcedureVersion
    chooser_viewset_class = AgencyScopedChooserViewSet
    icon = "history"
    menu_label = _("Versions")
    list_display = ["__str__", "status", "legacy_level", "online_scope", "effective_from", "retired_on"]
    list_filter = ["status", "legacy_level", "procedure__field"]
    search_fields = ["name_vi", "name_en", "procedure__code"]
    copy_view_enabled = False  # a new version is made with "New draft version", which keeps the numbering

    def get_queryset(self, request):
        return ProcedureVersion.objects.select_related("procedure")


class CatalogueGroup(SnippetViewSetGroup):
    items = (ProcedureViewSet, ProcedureVersionViewSet, ProcedureFieldViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Procedure catalogue")
    menu_name = "procedure_catalogue"
    menu_order = 250


register_snippet(CatalogueGroup)


@hooks.register("register_admin_urls")
def register_catalogue_urls():
    return [
        path(
            "procedures/versions/<int:pk>/put-into-effect/",
            of_users_agency(ProcedureVersion, views.put_into_effect),
            name="procedures_put_into_effect",
        ),
        path(
            "procedures/versions/<int:pk>/new-draft/",
            of_users_agency(ProcedureVersion, views.new_draft),
            name="procedures_new_draft",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def version_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, ProcedureVersion) or not user.has_perm("procedures.change_procedureversion"):
        return []
    if snippet.status == ProcedureVersion.DRAFT:
        return [
            Button(
                _("Put into effect"),
                reverse("procedures_put_into_effect", args=[snippet.pk]),
                icon_name="check",
                priority=10,
            )
        ]
    if snippet.status == ProcedureVersion.EFFECTIVE and user.has_perm("procedures.add_procedureversion"):
        return [
            Button(
                _("New draft version"),
                reverse("procedures_new_draft", args=[snippet.pk]),
                icon_name="copy",
                priority=10,
            )
        ]
    return []


@hooks.register("before_edit_snippet")
def keep_retired_versions_as_they_were(request, instance):
    # A retired version is the record of what applicants were asked: it is read, not changed.
    if isinstance(instance, ProcedureVersion) and instance.status == ProcedureVersion.RETIRED:
        messages.error(request, _("A retired version is kept as it was and cannot be changed."))
        return redirect("wagtailsnippets_procedures_procedureversion:list")
    return None


@hooks.register("before_delete_snippet")
def keep_versions_in_use(request, instances):
    if any(isinstance(i, ProcedureVersion) and i.status != ProcedureVersion.DRAFT for i in instances):
        messages.error(request, _("Only draft versions can be deleted: the others are the procedure's history."))
        return redirect("wagtailsnippets_procedures_procedureversion:list")
    return None


@hooks.register("register_log_actions")
def register_catalogue_log_actions(actions):
    actions.register_action("procedures.put_into_effect", _("Put into effect"), _("Version put into effect"))
    actions.register_action("procedures.retire", _("Retire"), _("Version retired"))

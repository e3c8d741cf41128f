"""Admin views of the catalogue: put a draft version into effect, start a new draft from the version in effect."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ProcedureVersion
from .services import CatalogueError, version_new_draft, version_put_into_effect

VERSIONS_LIST = "wagtailsnippets_procedures_procedureversion:list"


class EffectiveDateForm(forms.Form):
    effective_from = forms.DateField(
        label=gettext_lazy("In effect from"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=gettext_lazy("dd/mm/yyyy; the version in effect until then is retired on this day."),
    )


def put_into_effect(request, pk: int):
    if not request.user.has_perm("procedures.change_procedureversion"):
        raise PermissionDenied
    version = get_object_or_404(ProcedureVersion.objects.select_related("procedure"), pk=pk)
    form = EffectiveDateForm(
        request.POST or None, initial={"effective_from": timezone.localdate().strftime("%d/%m/%Y")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            version_put_into_effect(
                version=version, user=request.user, effective_from=form.cleaned_data["effective_from"]
            )
        except CatalogueError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Version %(number)s of %(code)s is in effect.")
                % {"number": version.number, "code": version.procedure.code},
            )
            return redirect(VERSIONS_LIST)
    return TemplateResponse(
        request,
        "procedures/admin/put_into_effect.html",
        {"version": version, "form": form, "page_title": _("Put into effect"), "header_icon": "check"},
    )


def new_draft(request, pk: int):
    if not request.user.has_perm("procedures.add_procedureversion"):
        raise PermissionDenied
    version = get_object_or_404(ProcedureVersion.objects.select_related("procedure"), pk=pk)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "procedures/admin/new_draft.html",
            {"version": version, "page_title": _("New draft version"), "header_icon": "copy"},
        )
    try:
        draft = version_new_draft(version=version, user=request.user)
    except CatalogueError as refusal:
        messages.error(request, str(refusal))
        return redirect(VERSIONS_LIST)
    messages.success(
        request, _("Draft version %(number)s created: change it, then put it into effect.") % {"number": draft.number}
    )
    return redirect("wagtailsnippets_procedures_procedureversion:edit", draft.pk)

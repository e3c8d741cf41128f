from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import WordImportForm
from .services import WordImportError, categories_for, import_docx


class WordImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a .docx into a category; on success, open the new draft in the editor."""

    template_name = "wordimport/import.html"
    form_class = WordImportForm
    page_title = _("Import from Word")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not categories_for(request.user).exists():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"parent": self.request.GET.get("parent")}

    def form_valid(self, form):
        try:
            page = import_docx(
                user=self.request.user, parent=form.cleaned_data["parent"], uploaded_file=form.cleaned_data["file"]
            )
        except WordImportError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Draft “%(title)s” created from the Word file. Check it, then submit it for approval.")
            % {"title": page.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))

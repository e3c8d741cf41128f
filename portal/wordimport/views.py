from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import WordImportForm
from .services import WordImportError, categories_for, images_without_alt, import_docx, max_bytes


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

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "max_bytes": max_bytes()}

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
        missing = images_without_alt(page)
        if missing:
            messages.warning(
                self.request,
                ngettext(
                    "Picture %(numbers)s has no alternative text: describe it (or mark it decorative) in the "
                    "editor, or the item cannot be submitted for approval.",
                    "Pictures %(numbers)s have no alternative text: describe each (or mark it decorative) in "
                    "the editor, or the item cannot be submitted for approval.",
                    len(missing),
                )
                % {"numbers": ", ".join(str(number) for number in missing)},
            )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))

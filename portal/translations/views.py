"""The translation queue in the Wagtail admin. Thin: the rules live in services.py, the reads in selectors.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from portal.accounts.models import StaffProfile

from . import po, services
from .forms import PoUploadForm, TranslationQueueFilterSet
from .models import TranslationBaseline, TranslationTask
from .selectors import out_of_date_translations, status_counts, tasks_queue


def can_view_queue(user) -> bool:
    return user.is_active and user.has_perm("translations.view_translationtask")


class TranslationQueueView(ReportView):
    page_title = gettext_lazy("Translation queue")
    header_icon = "globe"
    template_name = "translations/queue.html"
    results_template_name = "translations/queue_results.html"
    filterset_class = TranslationQueueFilterSet
    index_url_name = "translations_queue"
    index_results_url_name = "translations_queue_results"
    paginate_by = 30
    list_export = ["original.title", "category.title", "unit", "published_at", "due_at", "status_label", "completed_at"]
    export_headings = {
        "original.title": gettext_lazy("Item"),
        "category.title": gettext_lazy("Category"),
        "unit": gettext_lazy("Responsible unit"),
        "published_at": pgettext_lazy("date", "Published"),
        "due_at": gettext_lazy("Due"),
        "status_label": gettext_lazy("Status"),
        "completed_at": gettext_lazy("Completed"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "translation-queue"

    def get_queryset(self):
        if self.request.GET.get("status"):
            return tasks_queue()
        return tasks_queue().exclude(status=TranslationTask.STATUS_DONE)  # the queue opens on what is owed

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["manages_all"] = services.manages_queue(user)
        context["own_unit_id"] = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
        context["counts"] = status_counts()
        context["out_of_date_count"] = out_of_date_translations().count()
        return context


@require_POST
@user_passes_test(can_view_queue)
def start_translation(request, pk: int):
    task = get_object_or_404(TranslationTask, pk=pk)
    try:
        english = services.task_start(task=task, user=request.user)
    except PermissionDenied:
        messages.error(request, _("You translate the items of your own unit only."))
        return redirect("translations_queue")
    except services.TranslationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("translations_queue")
    messages.success(
        request,
        _("The English draft of “%(title)s” is ready: replace the Vietnamese text, then submit it for approval.")
        % {"title": task.original.title},
    )
    return redirect("wagtailadmin_pages:edit", english.pk)


def _english_and_original(request, page_id: int) -> tuple[Page, Page]:
    english = get_object_or_404(Page, pk=page_id, locale__language_code=services.TARGET_LANGUAGE).specific
    if not english.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    original = english.get_translations().filter(locale__language_code=services.SOURCE_LANGUAGE).first()
    if original is None:
        raise PermissionDenied
    return english, original.specific


@user_passes_test(can_view_queue)
def download_po(request, page_id: int):
    english, original = _english_and_original(request, page_id)
    content = str(po.export_po(original=original, english=english))
    response = HttpResponse(content, content_type="text/x-gettext-translation; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{original.slug}.en.po")
    return response


@user_passes_test(can_view_queue)
def upload_po(request, page_id: int):
    english, original = _english_and_original(request, page_id)
    form = PoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = po.import_po(
                original=original, english=english, data=form.cleaned_data["po_file"].read(), user=request.user
            )
        except services.TranslationRefused as refusal:
            form.add_error("po_file", str(refusal))
        else:
            messages.success(
                request,
                _(
                    "Imported %(translated)d translated entries (%(untranslated)d still in Vietnamese, "
                    "%(ignored)d not in this item). Check the draft, then submit it for approval."
                )
                % {"translated": result.translated, "untranslated": result.untranslated, "ignored": result.ignored},
            )
            return redirect("wagtailadmin_pages:edit", english.pk)
    return TemplateResponse(
        request,
        "translations/upload_po.html",
        {
            "page_title": _("Upload the English text"),
            "header_icon": "upload",
            "form": form,
            "english": english,
            "original": original,
        },
    )


@user_passes_test(can_view_queue)
def out_of_date(request):
    return TemplateResponse(
        request,
        "translations/out_of_date.html",
        {
            "page_title": _("Out-of-date translations"),
            "header_icon": "warning",
            "baselines": out_of_date_translations(),
        },
    )


def _comparison(baseline: TranslationBaseline, request) -> list:
    """Wagtail's revision comparison of the original: the version translated beside the current one."""
    original = baseline.original.specific
    before = baseline.original_revision.as_object() if baseline.original_revision else original
    after = baseline.changed_revision.as_object() if baseline.changed_revision else original
    panel = original.get_edit_handler().get_bound_panel(instance=original, request=request, form=None)
    changes = []
    for comparison_class in panel.get_comparison():
        comparison = comparison_class(before, after)
        if comparison.has_changed():
            changes.append(comparison)
    return changes


@user_passes_test(can_view_queue)
def compare(request, pk: int):
    baseline = get_object_or_404(TranslationBaseline.objects.select_related("original", "translation"), pk=pk)
    if request.method == "POST":
        try:
            services.baseline_confirm(baseline=baseline, user=request.user)
        except PermissionDenied:
            messages.error(request, _("Only someone who may edit the English item can confirm it."))
        except services.TranslationRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("“%(title)s” is confirmed up to date with its original.") % {"title": baseline.translation.title},
            )
            return redirect("translations_out_of_date")
    return TemplateResponse(
        request,
        "translations/compare.html",
        {
            "page_title": _("Changes to the original"),
            "header_icon": "warning",
            "baseline": baseline,
            "changes": _comparison(baseline, request),
            "can_confirm": services.can_confirm(request.user, baseline),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[baseline.translation_id]),
        },
    )

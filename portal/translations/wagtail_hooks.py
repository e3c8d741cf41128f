from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import CategoryTranslationRule
from .selectors import baseline_for
from .services import TARGET_LANGUAGE


class CategoryTranslationRuleViewSet(SnippetViewSet):
    """Which categories are translated and by which unit: the board secretariat keeps it."""

    model = CategoryTranslationRule
    icon = "folder-open-inverse"
    menu_label = _("Categories to translate")
    menu_name = "translations-rules"
    url_prefix = "translations/categories"
    list_display = ["section", "to_translate", "unit", "working_days"]
    list_filter = ["to_translate", "unit"]


translation_rules = CategoryTranslationRuleViewSet()
register_snippet(translation_rules)


class QueueMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return views.can_view_queue(request.user)


@hooks.register("register_admin_urls")
def register_translation_urls():
    queue = views.TranslationQueueView
    return [
        path("translations/", queue.as_view(), name="translations_queue"),
        path("translations/results/", queue.as_view(results_only=True), name="translations_queue_results"),
        path("translations/tasks/<int:pk>/start/", views.start_translation, name="translations_start"),
        path("translations/pages/<int:page_id>/po/", views.download_po, name="translations_download_po"),
        path("translations/pages/<int:page_id>/po/upload/", views.upload_po, name="translations_upload_po"),
        path("translations/out-of-date/", views.out_of_date, name="translations_out_of_date"),
        path("translations/out-of-date/<int:pk>/", views.compare, name="translations_compare"),
    ]


@hooks.register("register_admin_menu_item")
def register_translations_menu():
    menu = Menu(
        items=[
            QueueMenuItem(
                _("Translation queue"),
                reverse("translations_queue"),
                name="translations-queue",
                icon_name="tasks",
                order=100,
            ),
            QueueMenuItem(
                _("Out-of-date translations"),
                reverse("translations_out_of_date"),
                name="translations-out-of-date",
                icon_name="warning",
                order=200,
            ),
            translation_rules.get_menu_item(order=300),
        ]
    )
    return SubmenuMenuItem(_("English translations"), menu, name="translations", icon_name="globe", order=260)


def _is_english(page) -> bool:
    return getattr(page, "locale_id", None) is not None and page.locale.language_code == TARGET_LANGUAGE


@hooks.register("register_page_header_buttons")
def translation_header_buttons(page, user, view_name, next_url=None):
    if view_name != "edit" or not _is_english(page) or not views.can_view_queue(user):
        return
    baseline = baseline_for(page)
    if baseline is None:
        return
    if baseline.is_out_of_date:
        yield wagtailadmin_widgets.Button(
            _("Original changed: compare"),
            reverse("translations_compare", args=[baseline.pk]),
            icon_name="warning",
            priority=70,
        )
    yield wagtailadmin_widgets.Button(
        _("Download the text to translate (PO)"),
        reverse("translations_download_po", args=[page.pk]),
        icon_name="download",
        priority=90,
    )
    yield wagtailadmin_widgets.Button(
        _("Upload the translated text (PO)"),
        reverse("translations_upload_po", args=[page.pk]),
        icon_name="upload",
        priority=91,
    )


@hooks.register("before_edit_page")
def warn_when_out_of_date(request, page):
    if request.method != "GET" or not _is_english(page):
        return None
    baseline = baseline_for(page)
    if baseline is not None and baseline.is_out_of_date:
        messages.warning(
            request,
            _("The Vietnamese original has changed since this translation: compare the changes and confirm."),
        )
    return None


@hooks.register("register_log_actions")
def register_translation_log_actions(actions):
    actions.register_action("translations.started", _("Start translation"), _("Translation started"))
    actions.register_action("translations.out_of_date", _("Mark out of date"), _("Out of date: the original changed"))
    actions.register_action("translations.confirmed", _("Confirm translation"), _("Translation confirmed up to date"))

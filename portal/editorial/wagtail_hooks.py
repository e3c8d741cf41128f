from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CategoryEditor
from .views import review_queue_view


class CategoryEditorViewSet(SnippetViewSet):
    model = CategoryEditor
    icon = "user"
    menu_label = _("Category editors")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["section", "editor"]


register_snippet(CategoryEditorViewSet)


@hooks.register("register_admin_urls")
def register_review_queue_url():
    return [path("review-queue/", review_queue_view, name="editorial_review_queue")]


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return MenuItem(_("Review queue"), reverse("editorial_review_queue"), icon_name="tasks", order=150)

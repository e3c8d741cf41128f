from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Comment
from .services import comment_moderate


class CommentEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return comment_moderate(
            comment_id=self.object.pk, status=data["status"], user=self.request.user, note=data["moderation_note"]
        )


class CommentViewSet(ModelViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments on drafts")
    menu_order = 320
    add_to_admin_menu = True
    edit_view_class = CommentEditView
    list_display = ["name", "draft", "submitted_at", "status"]
    list_filter = ["status", "draft"]
    search_fields = ["name", "body", "organisation"]
    list_export = ["draft", "name", "organisation", "email", "provision", "body", "submitted_at", "status"]
    ordering = ["-submitted_at"]
    panels = [
        FieldPanel("draft", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("organisation", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("provision", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("status"),
        FieldPanel("moderation_note"),
    ]


comment_viewset = CommentViewSet("consultation_comments")


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return comment_viewset


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("consultation.moderate", _("Moderate a comment"), _("Comment moderated"))

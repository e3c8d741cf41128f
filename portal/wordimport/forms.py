from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.news.models import SectionPage

from .services import MESSAGES, categories_for, max_bytes


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SectionPage) -> str:
        # Sub-categories indented under their parent; the language tells the two sites apart.
        return f"{'— ' * max(obj.depth - 3, 0)}{obj.title} ({obj.locale.language_code})"


class WordImportForm(forms.Form):
    parent = CategoryChoiceField(
        queryset=SectionPage.objects.none(),
        label=_("Import into category"),
        empty_label=None,
        help_text=_("The draft is created in this category."),
    )
    file = forms.FileField(
        label=_("Word file (.docx)"),
        help_text=_("Title: the first Heading 1 or Title paragraph; lead: the paragraph after it."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = categories_for(user)
        # portal/js/filecheck.js: the portal's own button and words instead of the browser's "Choose File",
        # and the size and type checked before the upload, with the server's limit and words
        limit = max_bytes()
        self.fields["file"].widget.attrs.update(
            {
                "data-max-bytes": limit,
                "data-too-large-message": MESSAGES["too_large_before"] % {"limit": filesizeformat(limit)},
                "data-wrong-type-message": MESSAGES["not_docx"],
                "data-choose-label": _("Choose a Word file"),
                "data-none-label": _("No file chosen"),
                "data-choose-class": "button button-secondary button-small",
            }
        )

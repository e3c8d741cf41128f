from django import forms
from django.utils.translation import gettext_lazy as _

from portal.news.models import SectionPage

from .services import categories_for


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

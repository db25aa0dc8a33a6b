"""The page editor's form for KB pages: it adds the "Limit to customers" choice, which the page
keeps (`limited_to_customers` / `limit_to_customers`, under its translation key, so every
translation shares it)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from helpdesk.models import Customer


class KBPageForm(WagtailAdminPageForm):
    restricted_customers = forms.ModelMultipleChoiceField(
        queryset=Customer.objects.select_related("portal"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Limit to customers"),
        help_text=_(
            "Only contacts of these customers may read this page, the pages below it and all "
            "their translations. Leave empty for every contact of the portal."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restricted_customers"].initial = self.instance.limited_to_customers()

    def save(self, commit=True):
        page = super().save(commit=commit)
        page.limit_to_customers(self.cleaned_data["restricted_customers"])
        return page

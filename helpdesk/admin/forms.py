"""Forms of the technician's ticket page. They only collect input: every rule is checked by
the services (helpdesk.services), whose ValidationError dicts are put back on these forms."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import CustomFieldType


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's FileField takes one)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ServiceErrorsMixin:
    """Puts a service's {field: [messages]} on the form; unknown keys become form errors."""

    field_names: dict = {}

    def add_service_errors(self, error):
        for key, messages in getattr(error, "message_dict", {"": error.messages}).items():
            name = self.field_names.get(key, key)
            self.add_error(name if name in self.fields else None, messages)


class ReplyForm(ServiceErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    files = MultipleFileField(label=_("Attach files"), required=False)
    is_internal = forms.BooleanField(
        label=_("Internal note"),
        required=False,
        help_text=_("Only technicians see internal notes; the requester is not notified."),
    )


def technicians():
    """Staff who may be assigned: superusers and anyone granted helpdesk.view_ticket."""
    granted = Q(
        groups__permissions__codename="view_ticket",
        groups__permissions__content_type__app_label="helpdesk",
    ) | Q(
        user_permissions__codename="view_ticket",
        user_permissions__content_type__app_label="helpdesk",
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | granted)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class AssignForm(ServiceErrorsMixin, forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Technician"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Unassigned"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = technicians()


def _form_field(spec):
    """A form field for one schema entry; values are passed raw to the service, which cleans
    them by type, so these fields only shape the input."""
    common = {"label": spec.label, "required": False}
    choices = [(choice.code, choice.label) for choice in spec.choices]
    if spec.type == "lookup":
        if spec.key == "status":  # a ticket always has a status
            return forms.ChoiceField(choices=choices, label=spec.label)
        return forms.ChoiceField(choices=[("", "---------"), *choices], **common)
    if spec.type == CustomFieldType.DROPDOWN:
        return forms.ChoiceField(choices=[("", "---------"), *choices], **common)
    if spec.type == CustomFieldType.MULTI_SELECT:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if spec.type == CustomFieldType.CHECKBOX:
        return forms.BooleanField(**common)
    if spec.type == CustomFieldType.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if spec.type == CustomFieldType.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if spec.type == CustomFieldType.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    return forms.CharField(**common)


def current_values(ticket, schema):
    """The ticket's values in form shape: lookup codes and stored custom values."""
    values = {}
    for spec in schema.fields:
        if spec.is_custom:
            values[spec.param] = ticket.custom_values.get(spec.key)
        else:
            lookup = getattr(ticket, spec.key)
            values[spec.param] = lookup.code if lookup else ""
    return values


class TicketFieldsForm(ServiceErrorsMixin, forms.Form):
    """Status, the other built-in fields and every active custom field, from the schema."""

    def __init__(self, *args, schema, ticket, **kwargs):
        kwargs.setdefault("initial", current_values(ticket, schema))
        super().__init__(*args, **kwargs)
        self.schema = schema
        self.field_names = {spec.key: spec.param for spec in schema.fields}
        for spec in schema.fields:
            field = self.fields[spec.param] = _form_field(spec)
            lookup = None if spec.is_custom else getattr(ticket, spec.key)
            if lookup and not spec.choice(lookup.code):
                # An inactive current value stays selectable, so saving other fields works.
                field.choices = [*field.choices, (lookup.code, lookup.label())]

    def changed_values(self):
        """{schema key: raw value} of the fields the technician changed (only those are sent,
        so a concurrent edit of another field is not overwritten)."""
        by_param = {spec.param: spec for spec in self.schema.fields}
        values = {}
        for name in self.changed_data:
            spec = by_param[name]
            value = self.cleaned_data[name]
            if spec.type == CustomFieldType.CHECKBOX:
                value = bool(value)
            values[spec.key] = value
        return values

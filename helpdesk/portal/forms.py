"""Portal forms generated from the field schema (DESIGN rule 3).

The forms render inputs and keep what the user typed; they do not judge values. Every rule
(required, offered choices, types, visibility, transitions) is the services' job, so the
portal, the API and the admin refuse the same things with the same messages."""

import secrets

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..core.sanitize import clean_html, plain_text_to_html
from ..models import BuiltinField, CustomFieldType
from ..tickets.field_schema import CUSTOM_PREFIX

EMPTY_CHOICE = ("", "—")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern). More than `max_files` in
    one request is refused by Django before any view (a 400 page that says nothing was saved);
    the template hands the number to the browser's check."""

    max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class ListField(forms.Field):
    """Several values of one name (multi-select checkboxes), unvalidated."""

    def to_python(self, value):
        return [str(v) for v in value or []]


def _choices(spec, codes=None):
    return [(c.code, c.label) for c in spec.choices if codes is None or c.code in codes]


def value_field(spec, *, initial=None, codes=None) -> forms.Field:
    """The input for one schema field. `codes` narrows lookup choices (allowed statuses)."""
    attrs = {}
    if spec.required and spec.type not in (CustomFieldType.CHECKBOX, CustomFieldType.MULTI_SELECT):
        attrs = {"required": True, "aria-required": "true"}
    common = {"label": spec.label, "required": False, "initial": initial}
    if spec.type in ("lookup", CustomFieldType.DROPDOWN):
        choices = _choices(spec, codes)
        if initial and initial not in dict(choices):
            choices.insert(0, (initial, initial))
        if not (spec.required and initial):
            choices.insert(0, EMPTY_CHOICE)
        return forms.CharField(widget=forms.Select(choices=choices, attrs=attrs), **common)
    if spec.type == CustomFieldType.MULTI_SELECT:
        return ListField(widget=forms.CheckboxSelectMultiple(choices=_choices(spec)), **common)
    if spec.type == CustomFieldType.CHECKBOX:
        return forms.BooleanField(**common)
    if spec.type == CustomFieldType.NUMBER:
        widget = forms.NumberInput(attrs={**attrs, "step": "any"})
        return forms.CharField(widget=widget, **common)
    if spec.type == CustomFieldType.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={**attrs, "type": "date"}), **common)
    if spec.type == CustomFieldType.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={**attrs, "rows": 3}), **common)
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)


def stored_to_initial(spec, ticket=None, value=None):
    """What an input shows for a stored value: lookup code, custom value as the form wants it."""
    if ticket is not None:
        if not spec.is_custom:
            related = getattr(ticket, spec.key)
            return related.code if related else ""
        value = ticket.custom_values.get(spec.key)
    if value is None:
        return [] if spec.type == CustomFieldType.MULTI_SELECT else ""
    return value


def key_of(name):
    """Schema key named by a form/query parameter, or None when it does not name a field."""
    if name in BuiltinField.values:
        return name
    if name.startswith(CUSTOM_PREFIX) and len(name) > len(CUSTOM_PREFIX):
        return name[len(CUSTOM_PREFIX) :]
    return None


def submitted_values(data, schema, *, unticked=()):
    """{key: raw} for every field-like name in the POST, including names the user may not
    change — the service refuses those, so a hand-made POST never passes silently.

    `unticked` are params whose absence means "empty" (an unticked checkbox sends nothing)."""
    values = {}
    for name in {*data.keys(), *unticked}:
        key = key_of(name)
        if key is None:
            continue
        spec = schema.get(key)
        if spec is not None and spec.type == CustomFieldType.MULTI_SELECT:
            values[key] = [v for v in data.getlist(name) if v] or None
        elif spec is not None and spec.type == CustomFieldType.CHECKBOX:
            values[key] = data.get(name, "off") or "off"
        elif len(data.getlist(name)) > 1:
            values[key] = data.getlist(name)  # refused by the service: one value expected
        else:
            values[key] = data.get(name)
    return values


def unticked_params(specs):
    return [
        s.param for s in specs if s.type in (CustomFieldType.CHECKBOX, CustomFieldType.MULTI_SELECT)
    ]


def submitted_html(data, name):
    """The editor's HTML (the script marks it with <name>_format=html), or the no-JavaScript
    textarea's plain text turned into paragraphs. Services sanitise either way."""
    text = data.get(name, "")
    if data.get(f"{name}_format") == "html":
        return text
    return plain_text_to_html(text) if text.strip() else ""


def kept_editor_value(data, name):
    """Input to put back after an error: re-sanitised HTML (the editor loads it as markup) or
    the plain text as typed."""
    text = data.get(name, "")
    return clean_html(text) if data.get(f"{name}_format") == "html" else text


class EditorFields(forms.Form):
    """Shared by the reply and the new-ticket forms."""

    files = MultipleFileField(label=_("Attach files"))


class ReplyForm(EditorFields):
    body = forms.CharField(
        label=_("Your reply"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    body_format = forms.CharField(required=False, initial="text", widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NewTicketForm(EditorFields):
    """Title, the fields the contact may set (from the schema), description, files and the
    idempotency token that makes a double submit create one ticket."""

    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=400,
        widget=forms.TextInput(
            attrs={"required": True, "aria-required": "true", "autocomplete": "off"}
        ),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    description_format = forms.CharField(required=False, initial="text", widget=forms.HiddenInput)
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, schema, **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = [s for s in schema.editable() if s.key != BuiltinField.STATUS]
        for spec in self.specs:
            initial = stored_to_initial(spec, value=spec.default)
            field = value_field(spec, initial=initial)
            field.schema_required = spec.required
            self.fields[spec.param] = field
        self.fields["files"] = self.fields.pop("files")  # after the schema fields
        if not self.is_bound:
            self.initial["idempotency_key"] = secrets.token_urlsafe(24)
            # A fresh form starts at the title; after an error, the first invalid field gets
            # the focus instead (home/forms.js).
            self.fields["title"].widget.attrs["autofocus"] = True

    def schema_fields(self):
        return [self[spec.param] for spec in self.specs]


class FieldEditForm(forms.Form):
    """One property of a ticket, edited in place (one form per editable field)."""

    field = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, spec, ticket, codes=None, **kwargs):
        # Several of these forms share a page: ids must differ.
        kwargs.setdefault("auto_id", f"edit-{spec.param}-%s")
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.initial["field"] = spec.param
        self.fields[spec.param] = value_field(
            spec, initial=stored_to_initial(spec, ticket=ticket), codes=codes
        )

    @property
    def input(self):
        return self[self.spec.param]

"""Turn submitted field values into stored ones, by the caller's field schema.

One function for portal forms, the API and the admin, so every door enforces the same rules:
hidden fields are unknown, view-only fields are read-only, codes must be offered, custom values
must fit their type, required fields must be given (or take their default)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models.fields import clean_custom_value, is_empty
from ..tickets.field_schema import FieldSchema, FieldSpec


class _SpecAsField:
    """What `clean_custom_value` needs of a custom field, taken from a schema entry."""

    def __init__(self, spec: FieldSpec):
        self.field_type = spec.type
        self._codes = [choice.code for choice in spec.choices]

    def option_codes(self):
        return self._codes


def clean_value(spec: FieldSpec, raw):
    """(stored value, None) or raises ValidationError. Built-ins give the lookup row id."""
    if spec.is_custom:
        return clean_custom_value(_SpecAsField(spec), raw)
    if is_empty(raw):
        return None
    choice = spec.choice(raw) if isinstance(raw, str) else None
    if choice is None:
        raise ValidationError(_("Choose one of the offered values."), code="invalid_choice")
    return choice.id


def clean_field_values(*, schema: FieldSchema, values: dict, creating: bool) -> dict:
    """Cleaned {key: value} for the fields in `values` (plus defaults when creating).

    Raises ValidationError({key: [message]}) naming every field that is wrong; nothing is
    half applied because callers save only after this returns."""
    errors, cleaned = {}, {}
    for key, raw in (values or {}).items():
        spec = schema.get(key)
        if spec is None or not spec.visible:
            # Hidden fields answer exactly like fields that do not exist (no oracle).
            errors[key] = [_("Unknown field.")]
            continue
        if not spec.editable:
            errors[key] = [_("This field is read-only.")]
            continue
        if creating and key == "status" and not schema.staff:
            errors[key] = [_("The helpdesk sets the status of a new ticket.")]
            continue
        try:
            cleaned[key] = clean_value(spec, raw)
        except ValidationError as error:
            errors[key] = error.messages
            continue
        if key == "status" and cleaned[key] is None and not creating:
            # A ticket always has a status; emptying it must be refused, not crash on save.
            errors[key] = [_("This field is required.")]
    if creating:
        for spec in schema.fields:
            if spec.key == "status" or spec.key in errors:
                continue
            if cleaned.get(spec.key) is not None and cleaned.get(spec.key) != []:
                continue
            if spec.default is not None and not is_empty(spec.default):
                cleaned[spec.key] = clean_value(spec, spec.default)
            elif spec.required and spec.editable and spec.type != "checkbox":
                errors[spec.key] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    return cleaned

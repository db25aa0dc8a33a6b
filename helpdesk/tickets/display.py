"""Stored ticket values as people read them, in the page's language (labels from the schema)."""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from ..models import CustomFieldType


def lookup_label(ticket, key):
    related = getattr(ticket, key)  # joined by select_related: no query
    return related.label() if related else ""


def custom_label(spec, value):
    """A custom field's stored value as text ("" when not set)."""
    if value is None or value == "" or value == []:
        return "" if spec.type != CustomFieldType.CHECKBOX else _("No")
    if spec.type == CustomFieldType.CHECKBOX:
        return _("Yes") if value is True else _("No")
    if spec.type == CustomFieldType.DROPDOWN:
        return spec.choice_label(value)
    if spec.type == CustomFieldType.MULTI_SELECT:
        values = value if isinstance(value, list) else [value]
        return ", ".join(spec.choice_label(v) for v in values)
    if spec.type == CustomFieldType.DATE:
        try:
            return formats.date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return str(value)
    if spec.type == CustomFieldType.NUMBER:
        return formats.number_format(value)
    return str(value)


def field_display(spec, ticket):
    if spec.is_custom:
        return custom_label(spec, ticket.custom_values.get(spec.key))
    return lookup_label(ticket, spec.key)


def activity_value(spec, raw):
    """An activity's old/new value: lookups are stored as codes, custom fields as values."""
    if spec.is_custom:
        return custom_label(spec, raw)
    return spec.choice_label(raw) if raw else ""

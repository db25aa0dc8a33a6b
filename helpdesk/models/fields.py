"""Which ticket fields contacts see: the built-in five and admin-defined custom fields.

`helpdesk.tickets.field_schema.field_schema_for(user)` turns these rows into the one schema that
forms, serializers, filters, exports and templates use."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .lookups import label_in


class Visibility(models.TextChoices):
    HIDDEN = "hidden", _("Hidden")
    VIEW_ONLY = "view_only", _("View only")
    EDITABLE = "editable", _("Editable")


class BuiltinField(models.TextChoices):
    STATUS = "status", _("Status")
    PRIORITY = "priority", _("Priority")
    TYPE = "type", _("Type")
    IMPACT = "impact", _("Impact")
    PRODUCT_FAMILY = "product_family", _("Product family")


class BuiltinFieldSetting(models.Model):
    """Portal visibility of one built-in field (one row per field)."""

    field = models.CharField(_("Field"), max_length=20, choices=BuiltinField.choices, unique=True)
    visibility = models.CharField(
        _("Portal visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.VIEW_ONLY,
    )
    required = models.BooleanField(
        _("Required"), default=False, help_text=_("Must be given when a ticket is created.")
    )
    default_code = models.SlugField(
        _("Default"),
        max_length=50,
        blank=True,
        help_text=_("Code of the value used when a new ticket does not give one."),
    )

    class Meta:
        verbose_name = _("Built-in field setting")
        verbose_name_plural = _("Built-in field settings")
        ordering = ["id"]

    def __str__(self):
        return self.get_field_display()

    def clean(self):
        if self.field == BuiltinField.STATUS and self.required:
            raise ValidationError({"required": _("The status of a new ticket is always set.")})


class CustomFieldType(models.TextChoices):
    TEXT = "text", _("Text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", pgettext_lazy("custom field type", "Number")
    DATE = "date", _("Date")
    DROPDOWN = "dropdown", _("Dropdown")
    MULTI_SELECT = "multi_select", _("Multi-select")
    CHECKBOX = "checkbox", _("Checkbox")


CHOICE_TYPES = {CustomFieldType.DROPDOWN, CustomFieldType.MULTI_SELECT}


class CustomField(models.Model):
    key = models.SlugField(
        _("Key"),
        max_length=50,
        unique=True,
        help_text=_("Stable identifier, e.g. asset_tag. Used in filters (cf_<key>) and the API."),
    )
    labels = models.JSONField(
        _("Labels"),
        default=dict,
        help_text=_('Label per language code, e.g. {"en": "Asset tag", "de": "Inventarnummer"}.'),
    )
    field_type = models.CharField(
        _("Type"), max_length=20, choices=CustomFieldType.choices, default=CustomFieldType.TEXT
    )
    options = models.JSONField(
        _("Options"),
        default=list,
        blank=True,
        help_text=_(
            'For dropdown and multi-select: [{"code": "eu", "labels": {"en": "Europe"}}, …].'
        ),
    )
    order = models.PositiveIntegerField(_("Order"), default=0)
    is_active = models.BooleanField(_("Active"), default=True)
    visibility = models.CharField(
        _("Portal visibility"), max_length=10, choices=Visibility.choices, default=Visibility.HIDDEN
    )
    required = models.BooleanField(
        _("Required"), default=False, help_text=_("Must be given when a ticket is created.")
    )
    default = models.JSONField(
        _("Default"),
        null=True,
        blank=True,
        help_text=_('Value used when a new ticket does not give one (JSON, e.g. "eu" or 3).'),
    )

    class Meta:
        verbose_name = _("Custom field")
        verbose_name_plural = _("Custom fields")
        ordering = ["order", "id"]

    def __str__(self):
        return self.label()

    def label(self, language=None):
        return label_in(self.labels or {}, language, self.key)

    def option_codes(self):
        return [option["code"] for option in self.options or []]

    def option_label(self, code, language=None):
        for option in self.options or []:
            if option["code"] == code:
                return label_in(option.get("labels") or {}, language, code)
        return code

    def clean(self):
        errors = {}
        if self.field_type in CHOICE_TYPES:
            codes = [o.get("code") if isinstance(o, dict) else None for o in self.options or []]
            if not codes or not all(isinstance(c, str) and c for c in codes):
                errors["options"] = _("Give at least one option, each with a code.")
            elif len(set(codes)) != len(codes):
                errors["options"] = _("Option codes must be unique.")
        elif self.options:
            errors["options"] = _("Only dropdown and multi-select fields have options.")
        if not errors and not is_empty(self.default):
            try:
                self.default = self.clean_value(self.default)
            except ValidationError as error:
                errors["default"] = error.messages
        if errors:
            raise ValidationError(errors)

    def clean_value(self, value):
        """The stored form of `value` for this field's type; ValidationError if it has none.

        Empty input gives None (not set); a checkbox is always True or False."""
        return clean_custom_value(self, value)


def is_empty(value):
    return value is None or value == "" or value == []


TRUE_WORDS = {"true", "1", "on", "yes"}
FALSE_WORDS = {"false", "0", "off", "no", ""}
TEXT_LIMITS = {CustomFieldType.TEXT: 255, CustomFieldType.LONG_TEXT: 10_000}


def clean_custom_value(field, value):
    kind = field.field_type
    if kind == CustomFieldType.CHECKBOX:
        if isinstance(value, bool):
            return value
        if value is None or (isinstance(value, str) and value.strip().lower() in FALSE_WORDS):
            return False
        if isinstance(value, str) and value.strip().lower() in TRUE_WORDS:
            return True
        raise ValidationError(_("Choose yes or no."), code="invalid_checkbox")
    if is_empty(value):
        return None
    if kind in TEXT_LIMITS:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValidationError(_("Enter text."), code="invalid_text")
        text = str(value).strip()
        if len(text) > TEXT_LIMITS[kind]:
            raise ValidationError(
                _("Enter at most %(limit)d characters.") % {"limit": TEXT_LIMITS[kind]},
                code="too_long",
            )
        return text or None
    if kind == CustomFieldType.NUMBER:
        return _clean_number(value)
    if kind == CustomFieldType.DATE:
        return _clean_date(value)
    if kind == CustomFieldType.DROPDOWN:
        if not isinstance(value, str) or value not in field.option_codes():
            raise ValidationError(_("Choose one of the offered options."), code="invalid_choice")
        return value
    if kind == CustomFieldType.MULTI_SELECT:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not all(
            isinstance(v, str) and v in field.option_codes() for v in values
        ):
            raise ValidationError(_("Choose only offered options."), code="invalid_choice")
        chosen = set(values)
        return [code for code in field.option_codes() if code in chosen] or None
    raise ValidationError(_("Unknown field type."), code="invalid_type")


def _clean_number(value):
    if isinstance(value, bool):
        raise ValidationError(_("Enter a number."), code="invalid_number")
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("Enter a number."), code="invalid_number") from None
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValidationError(_("Enter a number."), code="invalid_number")
    return int(number) if number == number.to_integral_value() else float(number)


def _clean_date(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValidationError(_("Enter a date as YYYY-MM-DD."), code="invalid_date") from None

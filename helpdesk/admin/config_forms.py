"""Admin forms for the helpdesk configuration. Labels are edited as JSON for now, so they are
checked here: a dict of known language code -> non-empty text."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..tickets.field_schema import LOOKUP_MODELS


def validate_labels(value, *, required=True):
    """The cleaned labels dict, or ValidationError with a message a manager can act on."""
    known = dict(settings.LANGUAGES)
    if value in (None, "", {}) and not required:
        return {}
    if not isinstance(value, dict) or not value:
        raise ValidationError(
            _('Enter the labels as a JSON object, e.g. {"en": "High", "de": "Hoch"}.')
        )
    cleaned = {}
    for code, text in value.items():
        if code not in known:
            raise ValidationError(
                _("Unknown language code “%(code)s”. Use one of: %(codes)s.")
                % {"code": code, "codes": ", ".join(known)}
            )
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(
                _("The label for “%(code)s” must be non-empty text.") % {"code": code}
            )
        cleaned[code] = text.strip()
    return cleaned


def validate_options(value):
    """Dropdown options: a list of {"code": ..., "labels": {...}}; the model checks the codes
    against the field type."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValidationError(_('Enter the options as a JSON list, e.g. [{"code": "eu"}].'))
    cleaned = []
    for option in value:
        if not isinstance(option, dict) or set(option) - {"code", "labels"}:
            raise ValidationError(_('Each option needs a "code" and may have "labels".'))
        item = {"code": option.get("code")}
        if option.get("labels"):
            item["labels"] = validate_labels(option["labels"])
        cleaned.append(item)
    return cleaned


class LabelsForm(WagtailAdminModelForm):
    """Base form of every model with a `labels` JSON field (lookups and custom fields)."""

    def clean_labels(self):
        return validate_labels(self.cleaned_data.get("labels"))


class CustomFieldForm(LabelsForm):
    def clean_options(self):
        return validate_options(self.cleaned_data.get("options"))


class BuiltinFieldSettingForm(WagtailAdminModelForm):
    def clean_default_code(self):
        code = (self.cleaned_data.get("default_code") or "").strip()
        lookup = LOOKUP_MODELS.get(self.instance.field)
        if code and lookup and not lookup.objects.filter(code=code, is_active=True).exists():
            raise ValidationError(_("No active value has this code."))
        return code

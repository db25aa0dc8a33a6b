"""One error shape for every 4xx of the API: {"error": {"code", "message", "fields"}}."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler


def _codes_first(detail):
    """The first machine-readable code found in a (nested) DRF error detail."""
    if isinstance(detail, dict):
        detail = next(iter(detail.values()), None)
    if isinstance(detail, list):
        detail = detail[0] if detail else None
    if isinstance(detail, dict | list):
        return _codes_first(detail)
    return getattr(detail, "code", None)


def _as_text(detail):
    if isinstance(detail, list):
        return [_as_text(item) for item in detail]
    if isinstance(detail, dict):
        return {key: _as_text(value) for key, value in detail.items()}
    return str(detail)


def error_body(code, message, fields=None):
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def api_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's handler500 answers in the same shape
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        detail = _as_text(detail)
        general = detail.pop("non_field_errors", None)
        message = general[0] if general else _("Some fields are not valid.")
        response.data = error_body(_codes_first(exc.detail) or "invalid", message, detail)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = error_body(code, detail)
    return response

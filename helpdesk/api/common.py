"""Small pieces shared by the API views: service errors as API errors, names, error docs."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers

from ..core.permissions import is_technician

# Keys a client may send that are not data (HTML forms of the portal's own scripts).
IGNORED_KEYS = {"csrfmiddlewaretoken"}


def validation_detail(error: DjangoValidationError):
    """A Django ValidationError as DRF detail, keeping the field names of a dict error."""
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"non_field_errors": error.messages}


@contextmanager
def service_errors(rename=None):
    """Run a service call; its ValidationError becomes a 400 naming each field (renamed by
    `rename` where the API's name differs), PermissionDenied a 404 (never 403: a ticket the
    caller may not see does not exist for them)."""
    try:
        yield
    except DjangoValidationError as error:
        detail = validation_detail(error)
        for old, new in (rename or {}).items():
            if old in detail:
                detail[new] = detail.pop(old)
        raise exceptions.ValidationError(detail) from None
    except DjangoPermissionDenied:
        raise exceptions.NotFound from None


def not_found():
    """The one 404 for anything the caller may not see or that does not exist."""
    return exceptions.NotFound()


def refuse(field, message, code="invalid"):
    """A 400 naming one field."""
    return exceptions.ValidationError({field: [message]}, code=code)


def display_name(user):
    """A person's name for API responses. Never an e-mail address: staff addresses stay
    private, and a contact's colleagues see names only."""
    if user is None:
        return None
    name = user.get_full_name()
    if name:
        return name
    return _("Technician") if user.is_staff else _("Contact")


def refuse_staff_only(request, data, keys):
    """Contacts may not send technician-only keys at all (C-06/C-08): 400 naming each."""
    if is_technician(request.user) or not hasattr(data, "keys"):
        return  # a body that is not an object is refused by the serializer next
    sent = sorted(key for key in keys if key in data)
    if sent:
        raise exceptions.ValidationError(
            {key: [_("Only technicians can set this field.")] for key in sent}, code="forbidden"
        )


class StrictSerializer(serializers.Serializer):
    """Refuses keys it does not declare (instead of DRF's silent ignore), so a mass-assignment
    attempt such as `customer` or `is_staff` is a 400 naming the key, not a quiet no-op."""

    read_only_keys: tuple = ()

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            errors = {}
            for key in data.keys():  # noqa: SIM118 - QueryDict and dict alike
                if key in IGNORED_KEYS or (key in self.fields and key not in self.read_only_keys):
                    continue
                if key in self.read_only_keys:
                    errors[key] = [_("This field is read-only.")]
                else:
                    errors[key] = [_("Unknown field.")]
            if errors:
                raise exceptions.ValidationError(errors, code="unknown_field")
        return super().to_internal_value(data)


def _bad_text(value) -> bool:
    if isinstance(value, str):
        # NUL and lone surrogates cannot be stored (PostgreSQL refuses them): a 400, not a 500.
        return "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    if isinstance(value, dict):
        return any(_bad_text(key) or _bad_text(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_bad_text(item) for item in value)
    return False


def refuse_bad_text(items):
    """400 naming each (name, value) whose text the database could not store."""
    errors = {
        name: [_("This value contains characters that are not allowed.")]
        for name, value in items
        if _bad_text(value) or _bad_text(name)
    }
    if errors:
        raise exceptions.ValidationError(errors, code="invalid")


ERROR_SERIALIZER = inline_serializer(
    name="Error",
    fields={
        "error": inline_serializer(
            name="ErrorBody",
            fields={
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(
                    help_text="Field or parameter name → messages (nested for custom_fields)."
                ),
            },
        )
    },
)

ERROR_TEXT = {
    400: "Invalid input; `fields` names each refused field or parameter.",
    401: "No or an invalid token/session.",
    403: "CSRF check failed (session authentication only).",
    404: "Not found, or not visible to the caller (the same answer).",
    413: "The upload is too large.",
    415: "Unsupported media type.",
    429: "Too many requests.",
}


def error_responses(*codes):
    """The error responses of an operation, all in the error shape, for drf-spectacular."""
    return {
        code: OpenApiResponse(response=ERROR_SERIALIZER, description=ERROR_TEXT[code])
        for code in (401, 403, 429, *codes)
    }

"""From a validated ticket request to service arguments, and service errors back to the
request's shape (custom field errors nested under `custom_fields`)."""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from rest_framework import exceptions

from ..core.permissions import active_contact, is_technician
from .common import refuse, refuse_bad_text, service_errors
from .serializers import BUILTIN_KEYS

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_MAX = 100


def field_values(data):
    """{key: value} for the services from the built-in codes and the `custom_fields` object.
    A built-in name inside `custom_fields` is refused rather than silently applied."""
    values = {key: data[key] for key in BUILTIN_KEYS if key in data}
    custom = data.get("custom_fields") or {}
    refuse_bad_text([("custom_fields", custom)])
    clashes = sorted(key for key in custom if key in BUILTIN_KEYS)
    if clashes:
        raise exceptions.ValidationError(
            {"custom_fields": {key: [_("Unknown field.")] for key in clashes}}
        )
    values.update(custom)
    return values


@contextmanager
def ticket_service_errors():
    """`service_errors`, with errors about custom fields moved under `custom_fields`."""
    try:
        with service_errors():
            yield
    except exceptions.ValidationError as error:
        detail = error.detail
        if isinstance(detail, dict):
            nested = {
                key: detail.pop(key)
                for key in list(detail)
                if key not in BUILTIN_KEYS and key not in TOP_LEVEL_KEYS
            }
            if nested:
                detail["custom_fields"] = nested
        raise exceptions.ValidationError(detail) from None


# Keys that services may name which are not custom fields.
TOP_LEVEL_KEYS = {
    "title",
    "description",
    "files",
    "requester",
    "assignee",
    "body",
    "is_internal",
    "reason",
    "non_field_errors",
}


def technician_or_400(user_id, field):
    """The technician with this user id (None for None); 400 naming `field` otherwise."""
    if user_id is None:
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not is_technician(user):
        raise refuse(field, _("Choose a technician."))
    return user


def requester_or_400(user_id):
    """The contact a technician files a ticket for; 400 naming `requester` otherwise."""
    if user_id is None:
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or active_contact(user) is None:
        raise refuse("requester", _("This person has no portal access."))
    return user


def idempotency_key(request):
    """The Idempotency-Key header, trimmed; None when absent; 400 when unusable."""
    raw = request.headers.get(IDEMPOTENCY_HEADER)
    if raw is None:
        return None
    key = raw.strip()
    if not key or len(key) > IDEMPOTENCY_MAX or not key.isprintable():
        raise refuse(
            IDEMPOTENCY_HEADER,
            _("Send a key of 1 to %(limit)d printable characters.") % {"limit": IDEMPOTENCY_MAX},
        )
    return key

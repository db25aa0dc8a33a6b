"""Request serializers (parsing and type checks; the rules live in the services) and the
response shapes the OpenAPI schema documents (responses are built by `representation`)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.core.params import MAX_DB_INT

from ..models.customers import phone_number
from ..tickets.field_schema import LOOKUP_MODELS
from .common import StrictSerializer

BUILTIN_KEYS = tuple(LOOKUP_MODELS)
TICKET_OUTPUT_KEYS = (
    "number",
    "title",
    "description",
    "customer",
    "requester",
    "created_at",
    "updated_at",
    "url",
    "attachments",
)


def _lookup_code(help_text):
    return serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=50, help_text=help_text
    )


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """A file part of a multipart request (documented as binary, not as a URL)."""


def _files():
    return serializers.ListField(
        child=UploadField(allow_empty_file=True, use_url=False),
        required=False,
        allow_empty=True,
        help_text="Files (repeat the part for several). Multipart only.",
    )


CUSTOM_FIELDS_HELP = (
    "Custom field values by key (see /ticket-fields/). In multipart requests: a JSON object "
    "as text."
)


class TicketWriteFields(StrictSerializer):
    """The built-in lookups (by code) and the custom fields, as create and PATCH take them."""

    status = _lookup_code("Status code. Technicians only on create.")
    priority = _lookup_code("Priority code.")
    type = _lookup_code("Type code.")
    impact = _lookup_code("Impact code.")
    product_family = _lookup_code("Product family code.")
    custom_fields = serializers.JSONField(required=False, help_text=CUSTOM_FIELDS_HELP)
    assignee = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_DB_INT,
        help_text="User id of a technician, or null. Technicians only.",
    )

    def validate_custom_fields(self, value):
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("Send an object of values by field key."))
        return value


class TicketCreateSerializer(TicketWriteFields):
    title = serializers.CharField(max_length=1000)
    description = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="HTML or plain text."
    )
    requester = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_DB_INT,
        help_text="User id of the contact the ticket is for. Technicians only (required).",
    )
    files = _files()


class TicketCreateJSONSerializer(TicketCreateSerializer):
    """The JSON form of create (files need multipart)."""

    files = None


class TicketUpdateSerializer(TicketWriteFields):
    read_only_keys = TICKET_OUTPUT_KEYS


class ReasonSerializer(StrictSerializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Optional message, added to the conversation.",
    )


class ReplyCreateSerializer(StrictSerializer):
    read_only_keys = ("id", "author", "created_at", "attachments")

    body = serializers.CharField(trim_whitespace=False, help_text="HTML or plain text.")
    is_internal = serializers.BooleanField(
        required=False, help_text="An internal note. Technicians only."
    )
    files = _files()


class ReplyCreateJSONSerializer(ReplyCreateSerializer):
    files = None


class ProfileSerializer(StrictSerializer):
    """PATCH /me/. E-mail and password changes need the current password and come with the
    accounts work; until then they are refused, like every privilege field (C-08)."""

    read_only_keys = ("customer", "is_main_contact")
    needs_password_keys = ("email", "password", "new_password", "current_password")

    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    job_title = serializers.CharField(required=False, allow_blank=True, max_length=150)
    phone = serializers.CharField(
        required=False, allow_blank=True, max_length=50, validators=[phone_number]
    )
    language = serializers.ChoiceField(required=False, choices=settings.LANGUAGES)

    def to_internal_value(self, data):
        sent = [key for key in self.needs_password_keys if hasattr(data, "keys") and key in data]
        if sent:
            message = _(
                "Changing the e-mail address or password needs your current password and is "
                "done in the portal's profile page."
            )
            raise serializers.ValidationError({key: [message] for key in sent})
        return super().to_internal_value(data)


# ---- Response shapes (documentation; the dicts come from representation.py) ----


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    url = serializers.URLField(help_text="Download through the permission check.")


def _optional_code(help_text):
    return serializers.CharField(
        allow_null=True, required=False, help_text=help_text + " Absent when hidden for you."
    )


class TicketSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField(required=False, help_text="Status code. Absent when hidden.")
    priority = _optional_code("Priority code.")
    type = _optional_code("Type code.")
    impact = _optional_code("Impact code.")
    product_family = _optional_code("Product family code.")
    custom_fields = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        help_text="Values of the custom fields you may see, by key (null: not set).",
    )
    customer = serializers.CharField()
    requester = serializers.CharField(help_text="Name only.")
    assignee = serializers.CharField(allow_null=True, help_text="Name only.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    url = serializers.URLField(help_text="The ticket's page in the portal.")
    attachments = AttachmentSerializer(many=True, help_text="Files of the ticket itself.")


class TicketPageSerializer(serializers.Serializer):
    results = TicketSerializer(many=True)
    next = serializers.CharField(
        allow_null=True, help_text="Relative URL of the next page (with its cursor), or null."
    )


class ReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(help_text="Name only.")
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    is_internal = serializers.BooleanField(required=False, help_text="Technicians only.")
    attachments = AttachmentSerializer(many=True)


class ChoiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class TicketFieldSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    type = serializers.CharField(
        help_text="lookup, text, long_text, number, date, dropdown, multi_select or checkbox."
    )
    visibility = serializers.CharField(help_text="view_only or editable.")
    required = serializers.BooleanField()
    default = serializers.JSONField(allow_null=True)
    choices = ChoiceSerializer(many=True)


class ProfileOutSerializer(serializers.Serializer):
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    job_title = serializers.CharField(allow_null=True, help_text="null for staff.")
    phone = serializers.CharField(allow_null=True, help_text="null for staff.")
    language = serializers.CharField()
    customer = serializers.CharField(allow_null=True)
    is_main_contact = serializers.BooleanField()

"""/api/v1/ticket-fields/: the field schema as the caller sees it, labels in the request's
language (LocaleMiddleware activates Accept-Language). Hidden fields are not listed."""

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ..tickets.field_schema import field_schema_for
from .common import error_responses
from .serializers import TicketFieldSerializer


def field_dicts(schema):
    return [
        {
            "key": spec.key,
            "label": spec.label,
            "type": spec.type,
            "visibility": spec.visibility,
            "required": spec.required,
            "default": spec.default,
            "choices": [{"code": choice.code, "label": choice.label} for choice in spec.choices],
        }
        for spec in schema.visible()
    ]


class TicketFieldsView(APIView):
    @extend_schema(
        summary="The ticket fields you see",
        description=(
            "Built-in lookups (status, priority, type, impact, product_family) and custom "
            "fields, in order. Custom field values go in a ticket's `custom_fields` by key."
        ),
        responses={200: TicketFieldSerializer(many=True), **error_responses()},
        tags=["tickets"],
    )
    def get(self, request):
        schema = field_schema_for(request.user, language=get_language())
        return Response(field_dicts(schema))

"""/api/v1/attachments/{id}/: a download through the same check as the portal's
(`attachment_visible_to`) and the one download response (`attachment_response`)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.negotiation import BaseContentNegotiation

from ..tickets.downloads import attachment_response
from ..tickets.selectors import attachment_visible_to
from .common import error_responses, not_found


class FirstRenderer(BaseContentNegotiation):
    """A download answers whatever the Accept header asks for; errors are JSON. Without this a
    client sending `Accept: image/png` would get 406 instead of the file (or the 404)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AttachmentViewSet(viewsets.ViewSet):
    content_negotiation_class = FirstRenderer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="Download an attachment",
        description=(
            "The file as an attachment (Content-Disposition: attachment, nosniff, a sandbox CSP, "
            "Cache-Control: private, no-store). 404 for a file on a ticket you may not see, on "
            "an internal note (contacts), or that does not exist — conditional headers change "
            "nothing."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses={
            (200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The file."),
            **error_responses(404),
        },
    )
    def retrieve(self, request, pk=None):
        attachment = attachment_visible_to(request.user, pk)
        if attachment is None:
            raise not_found()
        return attachment_response(attachment, request)

"""/api/v1/tickets/{number}/replies/: the conversation the caller may see, and a new reply
(JSON or multipart with files) through `ticket_reply`. Internal notes: technicians only."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ..core.permissions import is_technician
from ..services import ticket_reply
from .common import error_responses, not_found, refuse_staff_only
from .representation import replies_for, reply_dicts, visible_ticket
from .serializers import ReplyCreateJSONSerializer, ReplyCreateSerializer, ReplySerializer
from .ticket_input import ticket_service_errors
from .tickets import NUMBER


class TicketRepliesView(APIView):
    def _ticket(self, request, number):
        ticket = visible_ticket(request.user, number)
        if ticket is None:
            raise not_found()
        return ticket

    @extend_schema(
        summary="The conversation of a ticket",
        description="Oldest first. Contacts see public replies; technicians also internal notes.",
        parameters=[NUMBER],
        responses={200: ReplySerializer(many=True), **error_responses(404)},
        tags=["tickets"],
    )
    def get(self, request, number):
        ticket = self._ticket(request, number)
        replies = replies_for(ticket, request.user)
        return Response(reply_dicts(replies, ticket=ticket, user=request.user))

    @extend_schema(
        summary="Reply to a ticket",
        description=(
            "JSON, or multipart with repeatable `files`. `is_internal` (an internal note): "
            "technicians only; the author is always the caller."
        ),
        parameters=[NUMBER],
        request={
            "application/json": ReplyCreateJSONSerializer,
            "multipart/form-data": ReplyCreateSerializer,
        },
        responses={201: ReplySerializer, **error_responses(400, 404, 415)},
        tags=["tickets"],
    )
    def post(self, request, number):
        ticket = self._ticket(request, number)
        refuse_staff_only(request, request.data, ("is_internal",))
        serializer = ReplyCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with ticket_service_errors():
            reply = ticket_reply(
                ticket=ticket,
                user=request.user,
                body=data["body"],
                files=data.get("files", []),
                is_internal=bool(data.get("is_internal")) and is_technician(request.user),
            )
        return Response(reply_dicts([reply], ticket=ticket, user=request.user)[0], status=201)

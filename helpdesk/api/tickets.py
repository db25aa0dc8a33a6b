"""/api/v1/tickets/: list (the portal's filters, cursor pages), create, read, PATCH, close and
reopen. Scoping is `tickets_visible_to` in every action; writes go through the services.

PUT is not offered (405): a full replacement would have to send view-only and hidden fields
back, and PATCH already changes only the fields it names (R-04)."""

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cms.core.params import parse_int

from ..core.permissions import is_technician
from ..models import Ticket
from ..services import (
    ticket_assign,
    ticket_close,
    ticket_create,
    ticket_reopen,
    ticket_update_fields,
)
from ..tickets.field_schema import field_schema_for
from ..tickets.query import MAX_PAGE_SIZE, PAGE_SIZE, ticket_page
from .common import (
    error_responses,
    not_found,
    refuse,
    refuse_bad_text,
    refuse_staff_only,
    service_errors,
)
from .representation import api_tickets, fetch_rows, row_dicts, ticket_dict, visible_ticket
from .serializers import (
    ReasonSerializer,
    TicketCreateJSONSerializer,
    TicketCreateSerializer,
    TicketPageSerializer,
    TicketSerializer,
    TicketUpdateSerializer,
)
from .ticket_input import (
    IDEMPOTENCY_HEADER,
    field_values,
    idempotency_key,
    requester_or_400,
    technician_or_400,
    ticket_service_errors,
)

NUMBER = OpenApiParameter(
    "number", int, OpenApiParameter.PATH, description="The ticket number, e.g. 1042."
)


def _query(name, description, type_=str):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description)


LIST_PARAMETERS = [
    _query("scope", "`mine` (tickets you requested) or `company` (main contacts: all)."),
    _query("q", "Text search in title and description, or a ticket number."),
    _query(
        "ordering",
        "updated, created, number or priority; prefix `-` for descending. Default -updated.",
    ),
    _query("cursor", "The page cursor from `next`."),
    _query("page_size", f"1 to {MAX_PAGE_SIZE}, default {PAGE_SIZE}.", int),
    _query("status", "Status code(s), comma separated."),
    _query("priority", "Priority code(s), comma separated."),
    _query("type", "Type code(s), comma separated."),
    _query("impact", "Impact code(s), comma separated."),
    _query("product_family", "Product family code(s), comma separated."),
    _query("open", "true: open and pending tickets; false: resolved and closed."),
    _query("requester", "User id of the requester.", int),
    _query("created_from", "Created on or after (YYYY-MM-DD)."),
    _query("created_to", "Created on or before (YYYY-MM-DD)."),
]
LIST_DESCRIPTION = (
    "Tickets you may see, newest change first. Custom fields filter as `cf_<key>` (codes for "
    "dropdown and multi-select, `_from`/`_to` for numbers and dates). A filter or ordering on "
    "a field hidden for you, or an unknown parameter, is refused with 400."
)


def _schema(request):
    return field_schema_for(request.user, language=get_language())


def _page_size(params):
    raw = params.get("page_size")
    if raw in (None, ""):
        return PAGE_SIZE
    try:
        return parse_int(raw, maximum=MAX_PAGE_SIZE)
    except ValueError:
        raise refuse(
            "page_size", _("Choose a page size from 1 to %(limit)d.") % {"limit": MAX_PAGE_SIZE}
        ) from None


def _next_link(request, cursor):
    """Relative (never built from the Host header): the same query with the new cursor."""
    if cursor is None:
        return None
    params = request.query_params.copy()
    params["cursor"] = cursor
    return f"{request.path}?{params.urlencode()}"


class TicketSchema(AutoSchema):
    """The list answers one page object ({"results", "next"}), not a bare array."""

    def _is_list_view(self, serializer=None):
        return False


class TicketViewSet(viewsets.ViewSet):
    schema = TicketSchema()
    lookup_field = "number"
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _ticket(self, request, number):
        ticket = visible_ticket(request.user, number)
        if ticket is None:
            raise not_found()
        return ticket

    def _answer(self, request, ticket, status=200):
        ticket = visible_ticket(request.user, ticket.number)
        if ticket is None:  # e.g. a technician filed it; the caller may not see it
            raise not_found()
        return Response(ticket_dict(ticket, schema=_schema(request)), status=status)

    @extend_schema(
        operation_id="tickets_list",
        summary="List tickets",
        description=LIST_DESCRIPTION,
        parameters=LIST_PARAMETERS,
        responses={200: TicketPageSerializer, **error_responses(400)},
    )
    def list(self, request):
        params = request.query_params
        refuse_bad_text(params.lists())
        size = _page_size(params)
        schema = _schema(request)
        # helpdesk.tickets.query names a refused sort "sort"; answer with the name the caller used.
        rename = {"sort": "ordering"} if "ordering" in params and "sort" not in params else {}
        with service_errors(rename=rename):
            page = ticket_page(
                api_tickets(request.user),
                schema=schema,
                params=params,
                user=request.user,
                page_size=size,
                strict=True,
                fetch=fetch_rows,
            )
        return Response(
            {
                "results": row_dicts(page.tickets, schema=schema),
                "next": _next_link(request, page.next_cursor),
            }
        )

    @extend_schema(
        summary="Create a ticket",
        description=(
            "JSON, or multipart with repeatable `files`. With an `Idempotency-Key` header, the "
            "same key from the same requester returns the first ticket (200) instead of a new "
            "one; two concurrent first calls may both answer 201, with the same ticket."
        ),
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                str,
                OpenApiParameter.HEADER,
                description="Up to 100 printable characters; retries send the same key.",
            )
        ],
        request={
            "application/json": TicketCreateJSONSerializer,
            "multipart/form-data": TicketCreateSerializer,
        },
        responses={
            201: TicketSerializer,
            200: OpenApiResponse(TicketSerializer, description="Idempotent replay."),
            **error_responses(400, 404, 415),
        },
    )
    def create(self, request):
        user = request.user
        refuse_staff_only(request, request.data, ("requester", "assignee"))
        serializer = TicketCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        key = idempotency_key(request)
        values = field_values(data)
        requester = requester_or_400(data.get("requester"))
        assignee = technician_or_400(data.get("assignee"), "assignee")
        replay = bool(key) and (
            Ticket.objects.filter(requester=requester or user, idempotency_key=key).exists()
        )
        with ticket_service_errors(), transaction.atomic():
            ticket = ticket_create(
                user=user,
                title=data["title"],
                description=data.get("description", ""),
                values=values,
                files=data.get("files", []),
                requester=requester,
                source="api",
                idempotency_key=key,
            )
            if assignee is not None and not replay:
                ticket_assign(ticket=ticket, user=user, assignee=assignee)
        return self._answer(request, ticket, status=200 if replay else 201)

    @extend_schema(
        summary="Read a ticket",
        parameters=[NUMBER],
        responses={200: TicketSerializer, **error_responses(404)},
    )
    def retrieve(self, request, number=None):
        ticket = self._ticket(request, number)
        return Response(ticket_dict(ticket, schema=_schema(request)))

    @extend_schema(
        summary="Change fields of a ticket",
        description=(
            "Only the fields sent change (others keep what a concurrent edit saved). Writing a "
            "view-only, hidden or unknown field or code is refused with 400 and nothing is "
            "saved. `assignee`: technicians only. PUT is not offered."
        ),
        parameters=[NUMBER],
        request=TicketUpdateSerializer,
        responses={200: TicketSerializer, **error_responses(400, 404, 415)},
    )
    def partial_update(self, request, number=None):
        ticket = self._ticket(request, number)  # first: an invisible ticket is a 404 whatever
        refuse_staff_only(request, request.data, ("assignee",))
        serializer = TicketUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        values = field_values(data)
        assign = "assignee" in data and is_technician(request.user)
        assignee = technician_or_400(data.get("assignee"), "assignee") if assign else None
        with ticket_service_errors(), transaction.atomic():
            if values:
                ticket_update_fields(ticket=ticket, user=request.user, values=values)
            if assign:
                ticket_assign(ticket=ticket, user=request.user, assignee=assignee)
        return self._answer(request, ticket)

    def _move(self, request, number, service):
        ticket = self._ticket(request, number)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with ticket_service_errors():
            service(
                ticket=ticket, user=request.user, reason=serializer.validated_data.get("reason")
            )
        return self._answer(request, ticket)

    @extend_schema(
        summary="Close a ticket",
        description="As in the portal: contacts only where the portal allows it.",
        parameters=[NUMBER],
        request=ReasonSerializer,
        responses={200: TicketSerializer, **error_responses(400, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, number=None):
        return self._move(request, number, ticket_close)

    @extend_schema(
        summary="Reopen a ticket",
        description="As in the portal: contacts only where the portal allows it.",
        parameters=[NUMBER],
        request=ReasonSerializer,
        responses={200: TicketSerializer, **error_responses(400, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, number=None):
        return self._move(request, number, ticket_reopen)

"""Custom admin views for technicians."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from ..permissions import is_technician
from ..selectors import visible_ticket_or_none


def ticket_view(request, number):
    if not is_technician(request.user):
        raise PermissionDenied
    ticket = visible_ticket_or_none(request.user, number)
    if ticket is None:
        raise Http404
    return HttpResponse(ticket.title)

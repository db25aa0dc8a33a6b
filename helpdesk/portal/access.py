"""Who may use the portal's ticket pages, and the look-ups every view shares.

Decision: these pages are for contacts with portal access. Technicians work tickets in the
admin (`tickets_visible_to` would hand them every ticket, which the portal must not list).
A logged-in user without an active contact gets an explanatory page on the list and the
new-ticket form, and the portal's 404 on every ticket-specific URL and on the export."""

from functools import wraps
from logging import WARNING

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from cms.core.logs import security_event

from ..core.permissions import active_contact, is_technician
from ..tickets.field_schema import field_schema_for
from ..tickets.lookup_rows import attach_lookups
from ..tickets.selectors import tickets_visible_to

# What a ticket row or page shows of its relations, fetched in the same query; the five
# look-ups come from helpdesk.tickets.lookup_rows (joining them made planning the query slow).
TICKET_RELATED = ("requester", "assignee")


def contact_required(view=None, *, explain=False):
    """Login required (redirect to the login page with ?next=); then an active contact, else
    the explanatory page (`explain`) or the portal's 404."""

    def decorate(func):
        @login_required
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            request.contact = active_contact(request.user)
            if request.contact is None:
                if explain:
                    return render(
                        request,
                        "helpdesk/tickets/no_contact.html",
                        {"is_technician": is_technician(request.user)},
                    )
                raise Http404
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def schema_for(request):
    """The field schema of this user, labels in the page's language."""
    return field_schema_for(request.user, language=get_language())


def ticket_or_404(request, number):
    """The visible ticket with this number, its relations joined; 404 (the same page for a
    foreign and a missing number) otherwise."""
    ticket = (
        tickets_visible_to(request.user)
        .select_related(*TICKET_RELATED, "customer__portal")
        .filter(number=number)
        .first()
    )
    if ticket is None:
        # Missing or not visible: the same 404, and the same log line (an operator sees probing).
        security_event("object_refused", user=request.user, kind="ticket", level=WARNING)
        raise Http404
    return attach_lookups([ticket])[0]

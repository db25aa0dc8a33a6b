"""Helpers shared by the ticket and reply services."""

from django.core.exceptions import PermissionDenied

from ..core.permissions import active_contact, is_technician
from ..models import Ticket, TicketCounter


def next_ticket_number() -> int:
    """The next number from the counter row, locked for the rest of the transaction."""
    counter = TicketCounter.objects.select_for_update().get(pk=1)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def ensure_can_see(ticket, user):
    """Services re-check the viewing rule themselves; doors answer 404 before this is reached."""
    if is_technician(user):
        return
    contact = active_contact(user)
    if (
        contact is None
        or ticket.customer_id != contact.customer_id
        or not (contact.is_main_contact or ticket.requester_id == user.pk)
    ):
        raise PermissionDenied


def locked_ticket(ticket):
    """The ticket, locked for this transaction and read as it now is. The row is locked alone:
    locked with its joined rows, PostgreSQL re-checks the join after waiting for a concurrent
    writer, and a ticket whose status that writer changed drops out of the answer
    (Ticket.DoesNotExist, a 500 for a parallel close and reopen; C-40)."""
    Ticket.objects.select_for_update().filter(pk=ticket.pk).values_list("pk", flat=True).get()
    return Ticket.objects.select_related("status", "customer__portal", "requester").get(
        pk=ticket.pk
    )

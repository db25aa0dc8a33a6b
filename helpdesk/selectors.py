"""Which tickets a user may see — the one selector every door uses (DESIGN rule 1)."""

from .models import Ticket
from .permissions import active_contact, is_technician


def tickets_visible_to(user):
    """Technicians: every ticket. Main contact: their customer's. Contact: their own tickets
    of their current customer (after a move to another customer the old ones are gone).
    Anyone else: none."""
    if is_technician(user):
        return Ticket.objects.all()
    contact = active_contact(user)
    if contact is None:
        return Ticket.objects.none()
    tickets = Ticket.objects.filter(customer_id=contact.customer_id)
    if not contact.is_main_contact:
        tickets = tickets.filter(requester=user)
    return tickets


def visible_ticket_or_none(user, number):
    """The ticket with this number if the user may see it; None otherwise (callers answer 404,
    the same for a ticket that does not exist)."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return tickets_visible_to(user).filter(number=number).first()

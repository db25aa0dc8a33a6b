"""Which tickets a user may see — the one selector every door uses (DESIGN rule 1)."""

from cms.core.params import parse_int

from ..core.permissions import active_contact, is_technician
from ..models import Attachment, Ticket


def _as_db_int(value):
    """An id as the database holds it, or None (nothing has it: a 404, never an overflow)."""
    try:
        return parse_int(value)
    except (TypeError, ValueError):
        return None


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
    number = _as_db_int(number)
    if number is None:
        return None
    return tickets_visible_to(user).filter(number=number).first()


def attachment_visible_to(user, attachment_id):
    """The attachment if its ticket is visible to the user and it is not on an internal note
    (unless the user is a technician); None otherwise."""
    attachment_id = _as_db_int(attachment_id)
    if attachment_id is None:
        return None
    attachments = Attachment.objects.select_related("ticket", "reply").filter(
        pk=attachment_id, ticket__in=tickets_visible_to(user)
    )
    if not is_technician(user):
        attachments = attachments.exclude(reply__is_internal=True)
    return attachments.first()


def public_replies(ticket):
    """The conversation contacts see: every reply that is not an internal note, oldest first."""
    return (
        ticket.replies.filter(is_internal=False)
        .select_related("author")
        .order_by("created_at", "id")
    )


def activities_visible_to(ticket, schema):
    """Field changes the schema lets this user see (a hidden field's changes never show)."""
    keys = {spec.key for spec in schema.visible()}
    if schema.staff:
        keys |= {"assignee"}
    return (
        ticket.activities.filter(field__in=keys)
        .select_related("actor")
        .order_by("created_at", "id")
    )

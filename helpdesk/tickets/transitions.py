"""Which status changes a user may make on a ticket, per the portal's settings."""

from ..core.permissions import is_technician
from ..models import PortalSettings, Status, StatusCategory

OPENISH = {StatusCategory.OPEN, StatusCategory.PENDING}


def _portal_settings(ticket):
    return PortalSettings.for_site(ticket.customer.portal)


def contact_may_close(ticket, portal=None) -> bool:
    portal = portal or _portal_settings(ticket)
    return portal.contacts_may_close and ticket.status.category != StatusCategory.CLOSED


def contact_may_reopen(ticket, portal=None) -> bool:
    portal = portal or _portal_settings(ticket)
    category = ticket.status.category
    return (category == StatusCategory.RESOLVED and portal.contacts_may_reopen_resolved) or (
        category == StatusCategory.CLOSED and portal.contacts_may_reopen_closed
    )


def may_close(ticket, user) -> bool:
    if is_technician(user):
        return ticket.status.category != StatusCategory.CLOSED
    return contact_may_close(ticket)


def may_reopen(ticket, user) -> bool:
    if is_technician(user):
        return ticket.status.category in {StatusCategory.RESOLVED, StatusCategory.CLOSED}
    return contact_may_reopen(ticket)


def allowed_status_codes(ticket, user) -> set[str]:
    """Codes the status may be set to now (the current one included). Technicians: any active
    status. Contacts: closing and reopening, as far as the portal allows them."""
    statuses = Status.objects.filter(is_active=True)
    if is_technician(user):
        return set(statuses.values_list("code", flat=True)) | {ticket.status.code}
    allowed = {ticket.status.code}
    portal = _portal_settings(ticket)
    if contact_may_close(ticket, portal):
        allowed |= set(
            statuses.filter(category=StatusCategory.CLOSED).values_list("code", flat=True)
        )
    if contact_may_reopen(ticket, portal):
        allowed |= set(statuses.filter(category=StatusCategory.OPEN).values_list("code", flat=True))
    return allowed


def first_status(category):
    return Status.objects.filter(category=category, is_active=True).order_by("order", "id").first()

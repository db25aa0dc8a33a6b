"""Tickets, replies and attachments as API dicts, built from the caller's field schema.

Plain functions rather than nested DRF serializers: a page of 100 tickets serialises in a
few loops with a fixed number of queries (select_related + two prefetches + one settings
query), and a hidden field is simply never written (absent, not null)."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import translation

from ..links import api_attachment_link, portal_base_urls, ticket_link_from_base
from ..lookup_rows import attach_lookups
from ..models import Attachment
from ..permissions import is_technician
from ..selectors import public_replies, tickets_visible_to, visible_ticket_or_none
from .common import display_name

# The five look-ups are attached from helpdesk.lookup_rows (joins made planning slow).
TICKET_RELATED = ("customer__portal", "requester", "assignee")


def api_tickets(user):
    """The caller's tickets (the one selector), with what a representation reads joined in."""
    return tickets_visible_to(user).select_related(*TICKET_RELATED)


def visible_ticket(user, number):
    """The ticket with this number if the caller may see it, else None (the caller answers
    404). The number check is the selector's own."""
    ticket = visible_ticket_or_none(user, number)
    if ticket is None:
        return None
    return api_tickets(user).get(pk=ticket.pk)


def attachment_dict(attachment, base_url):
    return {
        "id": attachment.pk,
        "name": attachment.name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "url": api_attachment_link(attachment, base_url=base_url),
    }


def _language():
    return translation.get_language()


def _own_files(tickets):
    """{ticket id: [its own attachments]} in one query (files of replies are the replies')."""
    files = {}
    rows = Attachment.objects.filter(ticket__in=[t.pk for t in tickets], reply__isnull=True)
    for item in rows.order_by("created_at", "id"):
        files.setdefault(item.ticket_id, []).append(item)
    return files


def ticket_dicts(tickets, *, schema):
    """API dicts of `tickets` (from `api_tickets`) for a caller with this field schema."""
    tickets = attach_lookups(list(tickets))
    files = _own_files(tickets)
    portals = {ticket.customer.portal_id: ticket.customer.portal for ticket in tickets}
    bases = portal_base_urls(portals.values())
    builtin = [spec.key for spec in schema.builtin() if spec.visible]
    custom = [spec.key for spec in schema.custom() if spec.visible]
    language = _language()
    result = []
    for ticket in tickets:
        base = bases[ticket.customer.portal_id]
        data = {"number": ticket.number, "title": ticket.title, "description": ticket.description}
        for key in builtin:
            lookup = getattr(ticket, key)
            data[key] = lookup.code if lookup is not None else None
        values = ticket.custom_values or {}
        data["custom_fields"] = {key: values.get(key) for key in custom}
        data["customer"] = ticket.customer.name
        data["requester"] = display_name(ticket.requester)
        data["assignee"] = display_name(ticket.assignee)
        data["created_at"] = ticket.created_at
        data["updated_at"] = ticket.updated_at
        data["url"] = ticket_link_from_base(ticket, base_url=base, language=language)
        data["attachments"] = [attachment_dict(item, base) for item in files.get(ticket.pk, ())]
        result.append(data)
    return result


def ticket_dict(ticket, *, schema):
    return ticket_dicts([ticket], schema=schema)[0]


def replies_for(ticket, user):
    """The conversation the caller may see: contacts the public replies, technicians every
    reply including internal notes."""
    if is_technician(user):
        return ticket.replies.select_related("author").order_by("created_at", "id")
    return public_replies(ticket)


def reply_dicts(replies, *, ticket, user):
    replies = list(replies)
    prefetch_related_objects(
        replies, Prefetch("attachments", Attachment.objects.order_by("created_at", "id"))
    )
    base = portal_base_urls([ticket.customer.portal])[ticket.customer.portal_id]
    staff = is_technician(user)
    result = []
    for reply in replies:
        data = {
            "id": reply.pk,
            "author": display_name(reply.author),
            "body": reply.body,
            "created_at": reply.created_at,
            "attachments": [attachment_dict(item, base) for item in reply.attachments.all()],
        }
        if staff:
            data["is_internal"] = reply.is_internal
        result.append(data)
    return result

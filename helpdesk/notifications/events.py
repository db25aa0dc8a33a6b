"""Who hears about what (SPEC §1.3, issue "helpdesk core"): written to the outbox in the
transaction of the change, in each recipient's language, with links from the link helper."""

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags

from ..core.links import admin_ticket_link, ticket_link
from ..core.permissions import TECHNICIANS_GROUP, active_contact, is_technician
from .facts import ticket_facts
from .outbox import queue_email

EXCERPT_LENGTH = 500


def _excerpt(html: str) -> str:
    text = " ".join(strip_tags(html or "").split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def _ticket_context(ticket):
    return {
        "number": ticket.number,
        "title": ticket.title,
        "customer": ticket.customer.name,
        "requester": str(ticket.requester),
    }


def helpdesk_team(ticket):
    """The assignee, or every active technician when the ticket has none."""
    if ticket.assignee_id and ticket.assignee.is_active:
        return [ticket.assignee]
    User = get_user_model()
    return list(
        User.objects.filter(groups__name=TECHNICIANS_GROUP, is_active=True, is_staff=True)
        .distinct()
        .order_by("id")
    )


def _tell_staff(ticket, template, extra):
    for user in helpdesk_team(ticket):
        queue_email(
            to=user,
            template=template,
            context={
                **_ticket_context(ticket),
                **extra,
                "facts": ticket_facts(ticket, user),
                "url": admin_ticket_link(ticket),
            },
        )


def _tell_requester(ticket, template, extra):
    requester = ticket.requester
    # Only someone who can still open the ticket gets told about it (SECURITY C-05).
    if (
        active_contact(requester) is None
        or active_contact(requester).customer_id != ticket.customer_id
    ):
        return
    queue_email(
        to=requester,
        template=template,
        context={
            **_ticket_context(ticket),
            **extra,
            "facts": ticket_facts(ticket, requester),
            "url": ticket_link(ticket, language=requester.language),
        },
    )


def ticket_created(ticket):
    if is_technician(ticket.requester):
        return
    _tell_staff(ticket, "ticket_created_staff", {"excerpt": _excerpt(ticket.description)})


def reply_added(reply):
    ticket = reply.ticket
    extra = {"author": str(reply.author), "excerpt": _excerpt(reply.body)}
    if is_technician(reply.author):
        if not reply.is_internal:
            _tell_requester(ticket, "ticket_reply_contact", extra)
    else:
        _tell_staff(ticket, "ticket_reply_staff", extra)


def ticket_resolved(ticket, *, by):
    if is_technician(by):
        _tell_requester(ticket, "ticket_resolved", {"author": str(by)})

"""`ticket_reply`: a public reply or an internal note, with files, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..core.permissions import is_technician
from ..core.sanitize import clean_html
from ..models import Activity, PortalSettings, Reply, StatusCategory
from ..tickets.transitions import first_status
from .attachments import (
    attachment_add,
    delete_stored_files_on_error,
    upload_limit_for,
    validate_uploads,
)
from .common import ensure_can_see, locked_ticket

BODY_MAX = 50_000


def _wakes_ticket(ticket, portal) -> bool:
    """A contact's reply puts a ticket that waits on them (pending) back to open, and reopens a
    resolved one when the portal says so."""
    category = ticket.status.category
    return category == StatusCategory.PENDING or (
        category == StatusCategory.RESOLVED and portal.reply_reopens_resolved
    )


def ticket_reply(
    *, ticket, user, body, files=(), is_internal=False, notify=True, touch_status=True
) -> Reply:
    """Add `user`'s reply to `ticket`. The ticket row is locked while the reply is written, so
    concurrent replies all persist, in order, and no status change is lost."""
    ensure_can_see(ticket, user)
    technician = is_technician(user)
    errors = {}
    if is_internal and not technician:
        errors["is_internal"] = [_("Only technicians can write internal notes.")]
    if touch_status and not technician and ticket.status.category == StatusCategory.CLOSED:
        errors["body"] = [_("This ticket is closed. Reopen it to reply.")]
    html = clean_html(body)
    if not html:
        errors.setdefault("body", [_("Write a message before publishing.")])
    elif len(html) > BODY_MAX:
        errors["body"] = [_("The message is too long.")]
    try:
        validate_uploads(files, max_bytes=upload_limit_for(ticket))
    except ValidationError as error:
        errors["files"] = error.messages
    if errors:
        raise ValidationError(errors)

    with delete_stored_files_on_error() as stored, transaction.atomic():
        locked = locked_ticket(ticket)
        now = timezone.now()
        reply = Reply.objects.create(
            ticket=locked, author=user, body=html, is_internal=is_internal, created_at=now
        )
        for upload in files:
            attachment_add(
                ticket=locked, reply=reply, uploaded_by=user, upload=upload, stored_files=stored
            )
        update_fields = ["updated_at"]
        portal = PortalSettings.for_site(locked.customer.portal)
        if touch_status and not technician and _wakes_ticket(locked, portal):
            opened = first_status(StatusCategory.OPEN)
            Activity.objects.create(
                ticket=locked,
                actor=user,
                field="status",
                old_value=locked.status.code,
                new_value=opened.code,
                created_at=now,
            )
            locked.status = opened
            locked.resolved_at = locked.closed_at = None
            update_fields += ["status", "resolved_at", "closed_at"]
        locked.updated_at = now
        locked.save(update_fields=update_fields)
        if notify:
            notifications.reply_added(reply)
    ticket.refresh_from_db()
    return reply

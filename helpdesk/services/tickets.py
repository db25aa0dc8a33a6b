"""Ticket writes: create, change fields, assign, close, reopen. Keyword-only and atomic."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..core.permissions import active_contact, is_technician
from ..core.sanitize import clean_html
from ..models import Activity, Status, StatusCategory, Ticket, TicketSource
from ..tickets.field_schema import LOOKUP_MODELS, field_schema_for
from ..tickets.transitions import allowed_status_codes, first_status, may_close, may_reopen
from .attachments import (
    attachment_add,
    delete_stored_files_on_error,
    upload_limit_for,
    validate_uploads,
)
from .common import ensure_can_see, locked_ticket, next_ticket_number
from .field_values import clean_field_values
from .replies import ticket_reply

TITLE_MAX = 200
DESCRIPTION_MAX = 50_000


def _clean_title(title):
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": [_("Give the ticket a title.")]})
    if len(title) > TITLE_MAX:
        raise ValidationError(
            {"title": [_("Keep the title to %(limit)d characters at most.") % {"limit": TITLE_MAX}]}
        )
    return title


def _clean_description(description):
    html = clean_html(description)
    if len(html) > DESCRIPTION_MAX:
        raise ValidationError({"description": [_("The description is too long.")]})
    return html


def _apply(ticket, cleaned: dict):
    """Set cleaned values on the ticket; returns {key: (old, new)} of what changed."""
    changes = {}
    for key, value in cleaned.items():
        if key in LOOKUP_MODELS:
            old = getattr(ticket, f"{key}_id")
            if old != value:
                setattr(ticket, f"{key}_id", value)
                changes[key] = (old, value)
        else:
            old = ticket.custom_values.get(key)
            if old != value:
                if value is None:
                    ticket.custom_values.pop(key, None)
                else:
                    ticket.custom_values[key] = value
                changes[key] = (old, value)
    return changes


def _lookup_code(key, value_id):
    if value_id is None:
        return None
    return LOOKUP_MODELS[key].objects.filter(pk=value_id).values_list("code", flat=True).first()


def _record(ticket, actor, changes, now):
    Activity.objects.bulk_create(
        Activity(
            ticket=ticket,
            actor=actor,
            field=key,
            old_value=_lookup_code(key, old) if key in LOOKUP_MODELS else old,
            new_value=_lookup_code(key, new) if key in LOOKUP_MODELS else new,
            created_at=now,
        )
        for key, (old, new) in changes.items()
    )


def _stamp_status(ticket, status, now):
    if status.category == StatusCategory.RESOLVED:
        ticket.resolved_at = now
    elif status.category == StatusCategory.CLOSED:
        ticket.closed_at = now
    else:
        ticket.resolved_at = ticket.closed_at = None


def ticket_create(
    *,
    user,
    title,
    description="",
    values=None,
    files=(),
    requester=None,
    source=TicketSource.PORTAL,
    idempotency_key=None,
) -> Ticket:
    """A new ticket of `requester` (default: `user`), with its files, in one transaction.

    Contacts file for themselves; technicians may file for a contact. The same
    `idempotency_key` from the same requester returns the first ticket instead of a second."""
    requester = requester or user
    if requester != user and not is_technician(user):
        raise ValidationError({"requester": [_("You can only open tickets for yourself.")]})
    contact = active_contact(requester)
    if contact is None:
        raise ValidationError({"requester": [_("This person has no portal access.")]})
    if idempotency_key:
        existing = Ticket.objects.filter(requester=requester, idempotency_key=idempotency_key)
        if existing.exists():
            return existing.get()

    schema = field_schema_for(user, customer=contact.customer)
    errors = {}
    try:
        title = _clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        description = _clean_description(description)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        cleaned = clean_field_values(schema=schema, values=values or {}, creating=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        validate_uploads(files, max_bytes=upload_limit_for(contact.customer))
    except ValidationError as error:
        errors["files"] = error.messages
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    try:
        with delete_stored_files_on_error() as stored, transaction.atomic():
            ticket = Ticket(
                number=next_ticket_number(),
                title=title,
                description=description,
                status=first_status(StatusCategory.OPEN),
                customer=contact.customer,
                requester=requester,
                source=source,
                idempotency_key=idempotency_key or None,
                created_at=now,
                updated_at=now,
                custom_values={},
            )
            _apply(ticket, {k: v for k, v in cleaned.items() if k != "status" or v})
            ticket.save()
            for upload in files:
                attachment_add(ticket=ticket, uploaded_by=user, upload=upload, stored_files=stored)
            notifications.ticket_created(ticket)
    except IntegrityError:
        # A concurrent request with the same idempotency key won the race.
        if idempotency_key:
            found = Ticket.objects.filter(requester=requester, idempotency_key=idempotency_key)
            if found.exists():
                return found.get()
        raise
    return ticket


def ticket_update_fields(*, ticket, user, values) -> dict:
    """Change the given fields (only those; others keep what a concurrent edit saved).

    Returns {key: (old, new)}. Raises ValidationError naming each refused field, with nothing
    saved."""
    ensure_can_see(ticket, user)
    schema = field_schema_for(user, customer=ticket.customer)
    cleaned = clean_field_values(schema=schema, values=values or {}, creating=False)
    with transaction.atomic():
        locked = locked_ticket(ticket)
        if "status" in cleaned:
            new_status = Status.objects.get(pk=cleaned["status"])
            if new_status.code not in allowed_status_codes(locked, user):
                raise ValidationError({"status": [_("This status change is not allowed.")]})
        changes = _apply(locked, cleaned)
        if not changes:
            return {}
        now = timezone.now()
        if "status" in changes:
            _stamp_status(locked, new_status, now)
        locked.updated_at = now
        fields = [f"{key}_id" if key in LOOKUP_MODELS else "custom_values" for key in changes]
        locked.save(update_fields=sorted({*fields, "updated_at", "resolved_at", "closed_at"}))
        _record(locked, user, changes, now)
        if "status" in changes and new_status.category == StatusCategory.RESOLVED:
            notifications.ticket_resolved(locked, by=user)
    ticket.refresh_from_db()
    return changes


def ticket_assign(*, ticket, user, assignee) -> None:
    if not is_technician(user):
        raise PermissionDenied
    if assignee is not None and not is_technician(assignee):
        raise ValidationError({"assignee": [_("Only technicians can be assigned.")]})
    with transaction.atomic():
        locked = locked_ticket(ticket)
        old = locked.assignee_id
        new = assignee.pk if assignee else None
        if old == new:
            return
        now = timezone.now()
        locked.assignee_id = new
        locked.updated_at = now
        locked.save(update_fields=["assignee", "updated_at"])
        Activity.objects.create(
            ticket=locked,
            actor=user,
            field="assignee",
            old_value=old,
            new_value=new,
            created_at=now,
        )
    ticket.refresh_from_db()


def _move_status(*, ticket, user, category, reason, allowed, refusal):
    ensure_can_see(ticket, user)
    with transaction.atomic():
        locked = locked_ticket(ticket)
        if not allowed(locked, user):
            raise ValidationError({"status": [refusal]})
        status = first_status(category)
        now = timezone.now()
        changes = {"status": (locked.status_id, status.pk)}
        locked.status = status
        _stamp_status(locked, status, now)
        locked.updated_at = now
        locked.save(update_fields=["status", "resolved_at", "closed_at", "updated_at"])
        _record(locked, user, changes, now)
        if reason and reason.strip():
            ticket_reply(ticket=locked, user=user, body=reason, notify=True, touch_status=False)
    ticket.refresh_from_db()


def ticket_close(*, ticket, user, reason="") -> None:
    _move_status(
        ticket=ticket,
        user=user,
        category=StatusCategory.CLOSED,
        reason=reason,
        allowed=may_close,
        refusal=_("This ticket cannot be closed."),
    )


def ticket_reopen(*, ticket, user, reason="") -> None:
    _move_status(
        ticket=ticket,
        user=user,
        category=StatusCategory.OPEN,
        reason=reason,
        allowed=may_reopen,
        refusal=_("This ticket cannot be reopened."),
    )

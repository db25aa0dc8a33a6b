"""Read-only pieces of the technician's ticket page: field values, conversation, activity.

Built here (not in templates) so the view's query count stays fixed: attachments and authors
are fetched once per ticket, not per reply."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..core.sanitize import clean_html
from ..models import CustomFieldType


def safe_html(html):
    """Stored ticket HTML, sanitised again with the nh3 allow-list right before display (it
    was sanitised on write too), so this mark_safe only ever sees allow-listed markup."""
    return mark_safe(clean_html(html))  # noqa: S308 - reviewed: nh3 allow-list output


def _yes_no(value):
    return _("Yes") if value else _("No")


def custom_value_display(spec, value):
    if value is None or value == "" or value == []:
        return _yes_no(False) if spec.type == CustomFieldType.CHECKBOX else ""
    if spec.type == CustomFieldType.CHECKBOX:
        return _yes_no(value)
    if spec.type == CustomFieldType.DROPDOWN:
        return spec.choice_label(value)
    if spec.type == CustomFieldType.MULTI_SELECT:
        return ", ".join(str(spec.choice_label(code)) for code in value)
    return str(value)


def field_rows(ticket, schema, language):
    """(label, display value, portal visibility) for every field of the schema."""
    rows = []
    for spec in schema.fields:
        if spec.is_custom:
            shown = custom_value_display(spec, ticket.custom_values.get(spec.key))
        else:
            lookup = getattr(ticket, spec.key)
            shown = lookup.label(language) if lookup else ""
        rows.append({"key": spec.key, "label": spec.label, "value": shown})
    return rows


@dataclass
class Entry:
    """One message of the conversation: the ticket's description or a reply."""

    author: object
    created_at: object
    body: str
    is_internal: bool = False
    is_description: bool = False
    attachments: list = field(default_factory=list)


def attachment_url(attachment):
    return reverse("helpdesk_attachment", args=[attachment.pk])


def conversation(ticket):
    """The description and every reply (internal notes included), oldest first, each with its
    attachments."""
    attachments = list(ticket.attachments.order_by("created_at", "id"))
    for attachment in attachments:
        attachment.url = attachment_url(attachment)
    by_reply = {}
    for attachment in attachments:
        by_reply.setdefault(attachment.reply_id, []).append(attachment)
    entries = [
        Entry(
            author=ticket.requester,
            created_at=ticket.created_at,
            body=safe_html(ticket.description),
            is_description=True,
            attachments=by_reply.get(None, []),
        )
    ]
    for reply in ticket.replies.select_related("author").order_by("created_at", "id"):
        entries.append(
            Entry(
                author=reply.author,
                created_at=reply.created_at,
                body=safe_html(reply.body),
                is_internal=reply.is_internal,
                attachments=by_reply.get(reply.pk, []),
            )
        )
    return entries


def _value_display(spec, key, value, users):
    if key == "assignee":
        return str(users.get(value, "")) if value else _("Unassigned")
    if spec is None:
        return "" if value is None else str(value)
    if spec.is_custom:
        return custom_value_display(spec, value)
    return spec.choice_label(value) if value else ""


def activity_rows(ticket, schema):
    """Every field change (technicians see hidden fields too), oldest first."""
    activities = list(ticket.activities.select_related("actor").order_by("created_at", "id"))
    user_ids = {
        value
        for activity in activities
        if activity.field == "assignee"
        for value in (activity.old_value, activity.new_value)
        if value
    }
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    rows = []
    for activity in activities:
        spec = schema.get(activity.field)
        if activity.field == "assignee":
            label = _("Technician")
        else:
            label = spec.label if spec else activity.field
        rows.append(
            {
                "actor": activity.actor,
                "created_at": activity.created_at,
                "label": label,
                "old": _value_display(spec, activity.field, activity.old_value, users),
                "new": _value_display(spec, activity.field, activity.new_value, users),
            }
        )
    return rows

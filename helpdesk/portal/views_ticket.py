"""The ticket page (SPEC §1.2) and attachment downloads.

`ticket_context` builds everything the page shows; the POST views (views_actions) reuse it to
re-render the page with errors next to the right input and the user's input kept."""

from logging import WARNING

from django.core.cache import cache
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from cms.core import etags
from cms.core.logs import security_event

from ..models import BuiltinField
from ..tickets.display import activity_value, field_display
from ..tickets.downloads import attachment_response
from ..tickets.selectors import activities_visible_to, attachment_visible_to, public_replies
from ..tickets.transitions import allowed_status_codes, may_close, may_reopen
from . import conditional
from .access import contact_required, schema_for, ticket_or_404
from .forms import FieldEditForm, ReasonForm, ReplyForm

BODY_CACHE_SECONDS = 300


class Property:
    """One field in "Ticket details" / "Ticket properties": label, shown value, edit form."""

    def __init__(self, spec, value, form=None, errors=()):
        self.spec, self.value, self.form, self.errors = spec, value, form, errors
        self.label = spec.label


def _properties(ticket, schema, user, edit_data=None, edit_errors=None):
    """(status property or None, other properties) per portal visibility; hidden fields are
    left out entirely. `edit_data`/`edit_errors` re-show a refused inline edit."""
    status, others = None, []
    for spec in schema.visible():
        form = None
        if spec.editable:
            codes = allowed_status_codes(ticket, user) if spec.key == BuiltinField.STATUS else None
            data = edit_data if edit_data and edit_data.get("field") == spec.param else None
            form = FieldEditForm(data, spec=spec, ticket=ticket, codes=codes)
        errors = (edit_errors or {}).get(spec.key, ())
        prop = Property(spec, field_display(spec, ticket), form, errors)
        if spec.key == BuiltinField.STATUS:
            status = prop
        else:
            others.append(prop)
    return status, others


def _timeline(ticket, schema):
    """Public replies and visible field changes, oldest first. Internal notes never appear."""
    replies = list(public_replies(ticket).prefetch_related("attachments"))
    entries = [{"kind": "reply", "at": r.created_at, "id": r.pk, "reply": r} for r in replies]
    for activity in activities_visible_to(ticket, schema):
        spec = schema.get(activity.field)
        entries.append(
            {
                "kind": "activity",
                "at": activity.created_at,
                "id": activity.pk,
                "activity": activity,
                "label": spec.label,
                "old": activity_value(spec, activity.old_value),
                "new": activity_value(spec, activity.new_value),
            }
        )
    entries.sort(key=lambda entry: (entry["at"], entry["kind"] == "activity", entry["id"]))
    return entries


def ticket_context(request, ticket, *, reply_form=None, edit_data=None, edit_errors=None,
                   reason_form=None):  # fmt: skip
    schema = schema_for(request)
    status, properties = _properties(ticket, schema, request.user, edit_data, edit_errors)
    closed = ticket.status.is_closed
    shown = {prop.spec.key for prop in [status, *properties] if prop is not None}
    return {
        "ticket": ticket,
        # Refusals of fields that have no place on the page (a hand-made POST).
        "edit_general_errors": [
            message
            for key, found in (edit_errors or {}).items()
            if key not in shown
            for message in found
        ],
        "status_property": status,
        "properties": properties,
        "description_files": list(ticket.attachments.filter(reply__isnull=True)),
        "timeline": _timeline(ticket, schema),
        "reply_form": reply_form or ReplyForm(),
        "reason_form": reason_form or ReasonForm(),
        "can_reply": not closed,
        "may_close": may_close(ticket, request.user),
        "may_reopen": may_reopen(ticket, request.user),
    }


@require_GET
@contact_required
def ticket_detail(request, number):
    etag = conditional.ticket_etag(request, number)
    if etag and etags.matches(request, etag):
        response = conditional.mark(HttpResponseNotModified(), etag)
        # The browser keeps the stored page with the policy (and style nonce) it came with.
        response._csp_exempt = True
        return response
    ticket = ticket_or_404(request, number)
    context = {"ticket": ticket, "ticket_body": _ticket_body(request, ticket, etag)}
    response = render(request, "helpdesk/tickets/detail.html", context)
    return conditional.mark(response, etag) if etag else response


def _ticket_body(request, ticket, etag):
    """The page below the title, cached under its ETag: the key already holds everything the
    body shows (ticket version, viewer, CSRF cookie, schema and settings versions), so a hit is
    exactly what rendering would produce. Without an ETag (a flash message waiting, no CSRF
    cookie yet) it is rendered every time."""
    key = f"ticket-body:{etag}" if etag and BODY_CACHE_SECONDS else None
    body = cache.get(key) if key else None
    if body is None:
        body = render_to_string(
            "helpdesk/tickets/_detail_body.html", ticket_context(request, ticket), request
        )
        if key:
            cache.set(key, body, BODY_CACHE_SECONDS)
    return mark_safe(body)  # noqa: S308 (our own template's output)


@require_GET
@contact_required
def attachment_download(request, number, attachment_id):
    """Through the one visibility check; a foreign or missing file is the same 404, whatever
    conditional headers the request carries (never a 304 for something you cannot see)."""
    attachment = attachment_visible_to(request.user, attachment_id)
    if attachment is None or attachment.ticket.number != number:
        security_event("object_refused", user=request.user, kind="attachment", level=WARNING)
        raise Http404
    security_event("attachment_downloaded", user=request.user, attachment_id=attachment.pk)
    return attachment_response(attachment, request)

"""POSTs on a ticket: reply, inline field edit, close, reopen. Post-redirect-get on success,
the page re-rendered with the errors and the user's input on failure. The services do every
check; these views only translate between HTTP and them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..services import ticket_close, ticket_reopen, ticket_reply, ticket_update_fields
from ..tickets.display import field_display
from .access import contact_required, schema_for, ticket_or_404
from .forms import (
    ReplyForm,
    kept_editor_value,
    key_of,
    submitted_html,
    submitted_values,
    unticked_params,
)
from .views_ticket import ticket_context


def _detail_url(ticket, anchor=""):
    return reverse("tickets:detail", args=[ticket.number]) + anchor


def _rerender(request, ticket, status=400, **kwargs):
    context = ticket_context(request, ticket, **kwargs)
    return render(request, "helpdesk/tickets/detail.html", context, status=status)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@contact_required
def ticket_reply_view(request, number):
    ticket = ticket_or_404(request, number)
    form = ReplyForm(request.POST, request.FILES)
    form.is_valid()  # only collects the files; the service judges everything
    try:
        ticket_reply(
            ticket=ticket,
            user=request.user,
            body=submitted_html(request.POST, "body"),
            files=form.cleaned_data.get("files", []),
        )
    except ValidationError as error:
        data = request.POST.copy()
        data["body"] = kept_editor_value(request.POST, "body")
        kept = ReplyForm(data)
        kept.is_valid()  # add_error needs a cleaned form
        for name, errors in error.message_dict.items():
            kept.add_error(name if name in kept.fields else None, errors)
        kept.files_dropped = bool(request.FILES)
        return _rerender(request, ticket, reply_form=kept)
    messages.success(request, _("Your reply was published."))
    return redirect(_detail_url(ticket, "#reply"))


@require_POST
@contact_required
def ticket_fields_view(request, number):
    """One inline edit (or several fields from a hand-made POST — all go to the service, which
    refuses hidden, view-only and unknown ones without saving anything)."""
    ticket = ticket_or_404(request, number)
    schema = schema_for(request)
    edited = request.POST.get("field", "")
    spec = schema.get(key_of(edited) or "")
    unticked = unticked_params([spec]) if spec is not None and spec.editable else ()
    values = submitted_values(request.POST, schema, unticked=unticked)
    if not values:
        raise Http404  # nothing that names a field: not a request this page makes
    try:
        changes = ticket_update_fields(ticket=ticket, user=request.user, values=values)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        errors = error.message_dict
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": errors}, status=400)
        return _rerender(request, ticket, edit_data=request.POST, edit_errors=errors)
    labels = ", ".join(schema.get(key).label for key in values if schema.get(key))
    message = _("Saved: %(fields)s.") % {"fields": labels} if changes else _("Nothing changed.")
    if _wants_json(request):
        shown = {key: field_display(schema.get(key), ticket) for key in values}
        return JsonResponse({"ok": True, "message": message, "values": shown})
    messages.success(request, message)
    return redirect(_detail_url(ticket, "#properties"))


def _move(request, number, service, done_message):
    ticket = ticket_or_404(request, number)
    reason = request.POST.get("reason", "")[:2000]  # plain text, like the no-JS editor
    try:
        service(
            ticket=ticket, user=request.user, reason=submitted_html({"reason": reason}, "reason")
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, done_message)
    return redirect(_detail_url(ticket))


@require_POST
@contact_required
def ticket_close_view(request, number):
    return _move(request, number, ticket_close, _("The ticket was closed."))


@require_POST
@contact_required
def ticket_reopen_view(request, number):
    return _move(request, number, ticket_reopen, _("The ticket was reopened."))

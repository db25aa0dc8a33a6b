"""New ticket (SPEC §1.4): title, the fields the contact may set, description, files.

The form carries an idempotency token made when it renders; posting it twice (a double
click, a resubmitted page) returns the first ticket instead of creating a second (R-02)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..services import ticket_create
from .access import contact_required, schema_for
from .forms import (
    NewTicketForm,
    kept_editor_value,
    submitted_html,
    submitted_values,
    unticked_params,
)

TOKEN_MAX = 100  # the model's idempotency_key length


@contact_required(explain=True)
def ticket_new(request):
    schema = schema_for(request)
    if request.method != "POST":
        return render(request, "helpdesk/tickets/new.html", {"form": NewTicketForm(schema=schema)})
    form = NewTicketForm(request.POST, request.FILES, schema=schema)
    form.is_valid()  # collects the files; the service judges every value
    token = (request.POST.get("idempotency_key") or "")[:TOKEN_MAX] or None
    # Every field-like name goes to the service: a hidden or view-only one is refused there.
    values = submitted_values(request.POST, schema, unticked=unticked_params(form.specs))
    try:
        ticket = ticket_create(
            user=request.user,
            title=request.POST.get("title", ""),
            description=submitted_html(request.POST, "description"),
            values=values,
            files=form.cleaned_data.get("files", []),
            idempotency_key=token,
        )
    except ValidationError as error:
        data = request.POST.copy()
        data["description"] = kept_editor_value(request.POST, "description")
        kept = NewTicketForm(data, schema=schema)
        kept.is_valid()  # add_error needs a cleaned form
        for name, found in error.message_dict.items():
            field = name if name in kept.fields else f"cf_{name}"
            kept.add_error(field if field in kept.fields else None, found)
        kept.files_dropped = bool(request.FILES)
        return render(request, "helpdesk/tickets/new.html", {"form": kept}, status=400)
    messages.success(
        request,
        _("Ticket %(number)s was created. We will get back to you here and by e-mail.")
        % {"number": ticket.display_number},
    )
    return redirect(reverse("tickets:detail", args=[ticket.number]))

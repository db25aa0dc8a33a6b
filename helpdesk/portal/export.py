"""CSV export of the current filters for main contacts (SPEC §1.6).

Streamed row by row from a server-side iterator, so 100,000 tickets need constant memory.
Columns are the fields the user may see, labelled in the page's language."""

import csv

from django.http import Http404, StreamingHttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..tickets.display import field_display
from ..tickets.lookup_rows import with_lookups
from ..tickets.query import DEFAULT_SORT, SORT_KEYS, QueryError, filter_tickets, order_tickets
from ..tickets.selectors import tickets_visible_to
from .access import TICKET_RELATED, contact_required, schema_for
from .views_list import render_query_error

# Rows fetched from the server-side cursor at a time. The fetched chunk (rows, then tickets
# with their requester and assignee) is what the export holds in memory; at 2,000 it was the
# whole difference between a 1,000-row and a 100,000-row export (2 MB against 7.4 MB peak).
CHUNK_SIZE = 200
# The columns the file shows (the description and whole user rows are never written).
EXPORT_COLUMNS = (
    "id",
    "number",
    "title",
    "status",
    "priority",
    "type",
    "impact",
    "product_family",
    "custom_values",
    "created_at",
    "updated_at",
    *(
        f"{person}__{name}"
        for person in TICKET_RELATED
        for name in ("first_name", "last_name", "email")
    ),
)
# A cell starting with one of these is a formula in spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """csv.writer writes into this and gets the line back, so rows can be yielded."""

    def write(self, value):
        return value


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _stamp(value):
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def _person(user):
    return (user.get_full_name() or user.email) if user else ""


def columns_for(schema):
    """[(label, value getter)] — fixed columns plus every field the user may see."""
    columns = [
        (_("Number"), lambda t: t.number),
        (_("Title"), lambda t: t.title),
    ]
    for spec in schema.visible():
        columns.append((spec.label, lambda t, spec=spec: field_display(spec, t)))
    columns += [
        (_("Requester"), lambda t: _person(t.requester)),
        (_("Technician"), lambda t: _person(t.assignee)),
        (_("Created"), lambda t: _stamp(t.created_at)),
        (_("Updated"), lambda t: _stamp(t.updated_at)),
    ]
    return columns


def _checked_sort(sort, schema):
    """The list's sort keys; one naming a hidden field is refused (its order would leak it)."""
    key = sort.lstrip("-")
    spec = schema.get(key)
    if key not in SORT_KEYS or (spec is not None and not spec.visible):
        raise QueryError({"sort": [_("This sort order is not available.")]})
    return sort


def _rows(tickets, columns):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte-order mark: spreadsheet programs then read the file as UTF-8
    yield writer.writerow([_cell(label) for label, _get in columns])
    for ticket in with_lookups(tickets.iterator(chunk_size=CHUNK_SIZE)):
        yield writer.writerow([_cell(get(ticket)) for _label, get in columns])


@require_GET
@contact_required
def ticket_export(request):
    """Main contacts only; anyone else gets the portal's 404 (the export does not exist for
    them, as a ticket they may not see does not)."""
    if not request.contact.is_main_contact:
        raise Http404
    schema = schema_for(request)
    params = request.GET
    try:
        tickets = filter_tickets(
            tickets_visible_to(request.user).select_related(*TICKET_RELATED).only(*EXPORT_COLUMNS),
            schema=schema,
            params=params,
            user=request.user,
        )
        sort = _checked_sort(params.get("sort") or DEFAULT_SORT, schema)
    except QueryError as error:
        return render_query_error(request, error)
    columns = columns_for(schema)
    response = StreamingHttpResponse(
        _rows(order_tickets(tickets, sort), columns), content_type="text/csv; charset=utf-8"
    )
    filename = f"tickets-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

"""The ticket list's rows: read as plain database rows, shown as dicts of display strings.

Why: the page's rows were model instances (ticket, requester, assignee) whose ~12 template
lookups, two {% url %} tags and two date filters each were most of the page's time. Plain rows
and values computed here render the same HTML in a fraction of it (the template only prints
them). What does not depend on the row — the detail URL's shape, the time zone, the date
format, the look-up tables — is looked up once per page."""

from django.urls import reverse
from django.utils import dateformat, formats, timezone

from ..models import Ticket, User
from ..tickets.lookup_rows import lookup_row, lookup_tables

PEOPLE = ("requester", "assignee")
# What a row shows and what the cursor reads (every sort key).
COLUMNS = (
    "id",
    "number",
    "title",
    "status_id",
    "priority_id",
    "created_at",
    "updated_at",
    "requester_id",
    "assignee_id",
    *(f"{person}__{name}" for person in PEOPLE for name in ("first_name", "last_name", "email")),
)
# A number no real ticket link contains twice: the detail URL is reversed once with it and the
# row's number put in its place.
_SENTINEL = "918273645"


def fetch_list_rows(tickets, limit):
    """`ticket_page`'s reader for the list: named rows (with the annotated priority order when
    that is the sort), not instances."""
    extra = ["priority_order"] if "priority_order" in tickets.query.annotations else []
    return list(tickets.values_list(*COLUMNS, *extra, named=True)[:limit])


def _detail_url_maker():
    parts = reverse("tickets:detail", args=[_SENTINEL]).split(_SENTINEL)
    if len(parts) != 2:  # the sentinel is also part of the prefix: reverse every row
        return lambda number: reverse("tickets:detail", args=[number])
    prefix, suffix = parts
    return lambda number: f"{prefix}{number}{suffix}"


def _person(row, person):
    """Full name, else e-mail address (as the template showed them), of a row's requester or
    assignee; None when there is none."""
    if getattr(row, f"{person}_id") is None:
        return None
    user = User(
        first_name=getattr(row, f"{person}__first_name"),
        last_name=getattr(row, f"{person}__last_name"),
        email=getattr(row, f"{person}__email"),
    )
    return user.get_full_name() or user.email


def _status(tables, pk):
    status = lookup_row(tables, "status", pk)
    return (status.category, status.label()) if status else ("", "")


def _priority(tables, pk):
    priority = lookup_row(tables, "priority", pk)
    return priority.label() if priority else ""


def list_rows(rows):
    """One dict of display strings per row of `fetch_list_rows`, in list order."""
    tables = lookup_tables()
    detail_url = _detail_url_maker()
    zone = timezone.get_current_timezone()
    updated_format = formats.get_format("SHORT_DATETIME_FORMAT")
    # A page has few distinct people, statuses and priorities: each is worked out once.
    names, statuses, priorities = {}, {}, {}
    result = []
    for row in rows:
        for person in PEOPLE:
            user_id = getattr(row, f"{person}_id")
            if user_id not in names:
                names[user_id] = _person(row, person)
        if row.status_id not in statuses:
            statuses[row.status_id] = _status(tables, row.status_id)
        if row.priority_id not in priorities:
            priorities[row.priority_id] = _priority(tables, row.priority_id)
        status_category, status_label = statuses[row.status_id]
        updated = row.updated_at.astimezone(zone)
        result.append(
            {
                "url": detail_url(row.number),
                "display_number": Ticket.display_number.fget(row),
                "title": row.title,
                "status_category": status_category,
                "status_label": status_label,
                "priority_label": priorities[row.priority_id],
                "requester": names[row.requester_id],
                "assignee": names[row.assignee_id],
                "updated_iso": updated.isoformat(),  # the date filter's "c"
                "updated": dateformat.format(updated, updated_format),
            }
        )
    return result

"""The ticket list's rows as plain dicts of display strings.

Why: resolving ~12 template lookups, two {% url %} tags and two date filters per row through
model instances was a third of the page's time; the same values computed here render the same
HTML in a fraction of it (the template only prints them). What does not depend on the row —
the detail URL's shape, the time zone, the date format — is looked up once per page."""

from django.urls import reverse
from django.utils import dateformat, formats, timezone

# A number no real ticket link contains twice: the detail URL is reversed once with it and the
# row's number put in its place.
_SENTINEL = "918273645"


def _detail_url_maker():
    parts = reverse("tickets:detail", args=[_SENTINEL]).split(_SENTINEL)
    if len(parts) != 2:  # the sentinel is also part of the prefix: reverse every row
        return lambda number: reverse("tickets:detail", args=[number])
    prefix, suffix = parts
    return lambda number: f"{prefix}{number}{suffix}"


def _person(user):
    return user.get_full_name() or user.email


def list_rows(tickets):
    """One dict a ticket (look-ups attached, requester and assignee joined), in list order."""
    detail_url = _detail_url_maker()
    zone = timezone.get_current_timezone()
    updated_format = formats.get_format("SHORT_DATETIME_FORMAT")
    rows = []
    for ticket in tickets:
        updated = ticket.updated_at.astimezone(zone)
        status, priority, assignee = ticket.status, ticket.priority, ticket.assignee
        rows.append(
            {
                "url": detail_url(ticket.number),
                "display_number": ticket.display_number,
                "title": ticket.title,
                "status_category": status.category if status else "",
                "status_label": status.label() if status else "",
                "priority_label": priority.label() if priority else "",
                "requester": _person(ticket.requester),
                "assignee": _person(assignee) if assignee else None,
                "updated_iso": dateformat.format(updated, "c"),
                "updated": dateformat.format(updated, updated_format),
            }
        )
    return rows

"""CSV export: the current filters, only visible columns, labels in the language, streamed."""

import csv
import io
import tracemalloc

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone

from helpdesk.models import Priority, Status, Ticket
from tests.factories import CustomFieldFactory, TicketFactory

from .conftest import body

pytestmark = pytest.mark.django_db


def rows_of(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_columns_are_the_visible_fields_with_their_labels(client, a_main, set_visibility):
    set_visibility("product_family", "hidden")
    set_visibility("impact", "view_only")
    CustomFieldFactory(key="seats", labels={"en": "Seats", "de": "Plätze"}, field_type="number")
    CustomFieldFactory(key="cost_centre", labels={"en": "Cost centre"}, visibility="hidden")
    TicketFactory(
        contact=a_main.contact, title="One", custom_values={"seats": 4, "cost_centre": "X"}
    )
    client.force_login(a_main)
    response = client.get("/en/tickets/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="tickets-')
    assert response["Cache-Control"] == "private, no-store"
    header, row = rows_of(response)
    assert header == ["Number", "Title", "Status", "Priority", "Type", "Impact", "Seats",
                      "Requester", "Technician", "Created", "Updated"]  # fmt: skip
    assert row[1:7] == ["One", "Open", "Medium", "Incident", "", "4"]
    assert "X" not in row


def test_labels_follow_the_language_of_the_page(client, a_main):
    CustomFieldFactory(key="seats", labels={"en": "Seats", "de": "Plätze"}, field_type="number")
    TicketFactory(contact=a_main.contact)
    client.force_login(a_main)
    header, row = rows_of(client.get("/de/tickets/export.csv"))
    assert "Plätze" in header
    assert "Mittel" in row  # the medium priority's German label


def test_export_honours_the_current_filters_and_sort(client, a_main, a1):
    high = Priority.objects.get(code="high")
    made = [TicketFactory(contact=a_main.contact, priority=high, number=7000 + i) for i in range(3)]
    TicketFactory(contact=a1.contact, priority=Priority.objects.get(code="low"))
    client.force_login(a_main)
    _header, *rows = rows_of(client.get("/en/tickets/export.csv?priority=high&sort=number"))
    assert [int(row[0]) for row in rows] == [t.number for t in made]
    _header, *rows = rows_of(client.get(f"/en/tickets/export.csv?requester={a1.pk}"))
    assert len(rows) == 1


def test_C07_export_refuses_hidden_filters_and_sorts(client, a_main, set_visibility):
    set_visibility("priority", "hidden")
    client.force_login(a_main)
    for query in ("priority=high", "sort=priority", "cf_secret=1"):
        response = client.get(f"/en/tickets/export.csv?{query}")
        assert response.status_code == 400, query
        assert "These filters cannot be used" in body(response)


def test_cells_that_look_like_formulas_are_defused(client, a_main):
    TicketFactory(contact=a_main.contact, title='=HYPERLINK("http://evil")')
    client.force_login(a_main)
    _header, row = rows_of(client.get("/en/tickets/export.csv"))
    assert row[1] == '\'=HYPERLINK("http://evil")'


def test_the_list_links_to_the_export_with_its_filters(client, a_main):
    client.force_login(a_main)
    for _ in range(26):
        TicketFactory(contact=a_main.contact, priority=Priority.objects.get(code="high"))
    first = body(client.get("/en/tickets/?priority=high&sort=number"))
    next_link = first.split('rel="next"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]
    html = body(client.get("/en/tickets/" + next_link.replace("&amp;", "&")))
    # The export takes the filters and sort, not the page position.
    assert 'href="/en/tickets/export.csv?priority=high&amp;sort=number"' in html


def _bulk_tickets(contact, count, start):
    now = timezone.now()
    status, priority = Status.objects.get(code="open"), Priority.objects.get(code="medium")
    Ticket.objects.bulk_create(
        Ticket(
            number=start + i,
            title=f"Bulk ticket {i} with a title of a usual length",
            description="A description the export never writes. " * 5,
            status=status,
            priority=priority,
            customer=contact.customer,
            requester=contact.user,
            created_at=now,
            updated_at=now,
        )
        for i in range(count)
    )


def _export_peak(client):
    b"".join(client.get("/en/tickets/export.csv").streaming_content)  # warm caches
    tracemalloc.start()
    try:
        response = client.get("/en/tickets/export.csv")
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        return lines, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_memory_does_not_grow_with_the_rows(client, a_main):
    """Issue 10: the file streams in constant memory (a few fetched chunks, never the rows)."""
    client.force_login(a_main)
    _bulk_tickets(a_main.contact, 400, 10_000)
    small_lines, small_peak = _export_peak(client)
    _bulk_tickets(a_main.contact, 2_000, 20_000)
    big_lines, big_peak = _export_peak(client)
    assert (small_lines, big_lines) == (401, 2_401)
    assert big_peak <= small_peak * 1.25 + 64 * 1024

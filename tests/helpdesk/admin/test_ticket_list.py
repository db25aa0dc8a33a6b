"""The admin ticket list: columns, filters, search, newest activity first, and no N+1."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helpdesk.models import Priority, Status, Ticket, TicketType
from tests.factories import ContactFactory, TechnicianFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/helpdesk/tickets/"


def add_tickets(count, *, start, customers, requesters, assignees):
    """Tickets in one INSERT, spread over several customers, requesters and assignees so
    that a missing select_related shows up as one query per row."""
    statuses = list(Status.objects.all())
    priorities = list(Priority.objects.all())
    types = list(TicketType.objects.all())
    base = timezone.now() - datetime.timedelta(days=30)
    Ticket.objects.bulk_create(
        Ticket(
            number=start + i,
            title=f"Ticket {start + i}",
            status=statuses[i % len(statuses)],
            priority=priorities[i % len(priorities)],
            type=types[i % len(types)],
            customer=customers[i % len(customers)],
            requester=requesters[i % len(requesters)],
            assignee=assignees[i % len(assignees)],
            created_at=base,
            updated_at=base + datetime.timedelta(minutes=start + i),
        )
        for i in range(count)
    )


@pytest.fixture
def people(acme, tech, other_tech):
    contacts = [ContactFactory(customer=acme), ContactFactory(), ContactFactory()]
    return {
        "customers": [c.customer for c in contacts],
        "requesters": [c.user for c in contacts],
        "assignees": [tech, other_tech, None],
    }


def list_queries(client, query=""):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL + query)
    assert response.status_code == 200
    return len(captured), response


def test_list_url_is_under_the_helpdesk_prefix():
    assert reverse("helpdesk_tickets:index") == LIST_URL


def test_query_count_is_the_same_at_10_and_1000_tickets(tech_client, people):
    add_tickets(10, start=10_000, **people)
    # The session's first request stores its timeout stamps: a one-off, not per row.
    tech_client.get(LIST_URL)
    small, response = list_queries(tech_client)
    assert len(response.context["object_list"]) == 10

    add_tickets(990, start=20_000, **people)
    large, response = list_queries(tech_client)
    assert Ticket.objects.count() == 1000
    assert len(response.context["object_list"]) == 50  # one full page

    assert small == large
    # The same holds with every filter and a search applied.
    query = "?status=1&priority=1&customer={}&q=Ticket".format(people["customers"][0].pk)
    assert list_queries(tech_client, query)[0] == list_queries(tech_client, query + "&p=2")[0]


def test_newest_activity_first_and_rows_link_to_the_ticket_page(tech_client, people):
    add_tickets(3, start=10_000, **people)
    _count, response = list_queries(tech_client)
    numbers = [t.number for t in response.context["object_list"]]
    assert numbers == [10_002, 10_001, 10_000]
    html = response.content.decode()
    assert reverse("helpdesk_ticket", args=[10_002]) in html
    for heading in ("Number", "Title", "Customer", "Requester", "Status", "Priority"):
        assert heading in html
    assert "/admin/helpdesk/tickets/edit/" not in html


def test_filters_by_status_customer_assignee_priority_and_type(tech_client, people, tech):
    add_tickets(12, start=10_000, **people)
    open_status = Status.objects.get(code="open")
    expected = set(
        Ticket.objects.filter(status=open_status, assignee=tech).values_list("number", flat=True)
    )
    query = f"?status={open_status.pk}&assignee={tech.pk}"
    _count, response = list_queries(tech_client, query)
    assert {t.number for t in response.context["object_list"]} == expected

    customer = people["customers"][1]
    priority = Priority.objects.get(code="high")
    ticket_type = TicketType.objects.get(code="problem")
    expected = set(
        Ticket.objects.filter(customer=customer, priority=priority, type=ticket_type).values_list(
            "number", flat=True
        )
    )
    query = f"?customer={customer.pk}&priority={priority.pk}&type={ticket_type.pk}"
    _count, response = list_queries(tech_client, query)
    assert {t.number for t in response.context["object_list"]} == expected


def test_search_by_number_or_title(tech_client, people):
    add_tickets(30, start=10_000, **people)
    Ticket.objects.filter(number=10_007).update(title="VPN drops every hour")

    _count, response = list_queries(tech_client, "?q=%2310012")  # "#10012"
    assert [t.number for t in response.context["object_list"]] == [10_012]

    _count, response = list_queries(tech_client, "?q=vpn")
    assert [t.number for t in response.context["object_list"]] == [10_007]


def test_no_generic_edit_or_add_view_for_tickets(tech_client, ticket):
    # Writes go through the services only: the generic model form is not routed.
    assert tech_client.get(f"/admin/helpdesk/tickets/edit/{ticket.pk}/").status_code == 404
    assert tech_client.get("/admin/helpdesk/tickets/new/").status_code == 404


def test_menu_shows_the_helpdesk_group(tech_client):
    html = tech_client.get("/admin/").content.decode()
    assert "Helpdesk" in html


def test_technician_factory_is_a_technician():
    from helpdesk.core.permissions import is_technician

    assert is_technician(TechnicianFactory())

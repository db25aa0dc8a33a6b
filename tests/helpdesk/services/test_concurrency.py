"""Concurrency is proven on PostgreSQL only: SQLite's test database shares one connection, so
threads there prove nothing (DESIGN rule 12)."""

import threading

import pytest
from django.db import connection, connections

from helpdesk.models import Reply, Ticket
from helpdesk.services import ticket_create, ticket_reply
from tests.factories import ContactFactory, CustomerFactory, TicketFactory

pytestmark = [
    # serialized_rollback: the flush after each test would drop migrated data (sites, lookups).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (real concurrent connections)"
    ),
]


def run_together(jobs):
    """Start every job at the same moment behind a barrier; collect errors."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def runner(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_twenty_tickets_created_at_once_get_twenty_distinct_numbers(portal):
    customer = CustomerFactory(portal=portal)
    users = [ContactFactory(customer=customer).user for _ in range(20)]
    errors = run_together([lambda u=u: ticket_create(user=u, title="Same moment") for u in users])
    assert errors == []
    numbers = list(Ticket.objects.values_list("number", flat=True))
    assert len(numbers) == 20 and len(set(numbers)) == 20


def test_R02_the_same_idempotency_key_at_once_gives_one_ticket(portal):
    user = ContactFactory(customer=CustomerFactory(portal=portal)).user
    errors = run_together(
        [
            lambda: ticket_create(user=user, title="Double click", idempotency_key="k")
            for _ in range(5)
        ]
    )
    assert errors == []
    assert Ticket.objects.count() == 1


def test_R03_twenty_concurrent_replies_all_persist(portal):
    customer = CustomerFactory(portal=portal)
    main = ContactFactory(customer=customer, is_main_contact=True).user
    ticket = TicketFactory(requester=main, customer=customer)
    users = [ContactFactory(customer=customer, is_main_contact=True).user for _ in range(20)]
    errors = run_together(
        [lambda u=u: ticket_reply(ticket=ticket, user=u, body=f"from {u.email}") for u in users]
    )
    assert errors == []
    assert Reply.objects.filter(ticket=ticket).count() == 20
    ticket.refresh_from_db()
    latest = Reply.objects.filter(ticket=ticket).order_by("-created_at").first()
    assert ticket.updated_at >= latest.created_at

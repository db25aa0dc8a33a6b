"""R-02 under real concurrency: two simultaneous creates with one Idempotency-Key make one
ticket. PostgreSQL only: SQLite's test database shares one connection, proving nothing."""

import threading

import pytest
from django.db import connection, connections

from helpdesk.models import Ticket

from .conftest import client_for

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency is proven on PostgreSQL only"
    ),
    # serialized_rollback: the flush after the test would drop migrated data (sites, lookups).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_R02_concurrent_creates_with_one_key_make_one_ticket(world):
    barrier = threading.Barrier(2)
    answers = []

    def create():
        try:
            client = client_for(world.A1)
            barrier.wait(timeout=10)
            answers.append(
                client.post(
                    "/api/v1/tickets/",
                    {"title": "Double click"},
                    format="json",
                    HTTP_IDEMPOTENCY_KEY="double-click-1",
                )
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(response.status_code for response in answers) in ([200, 201], [201, 201])
    assert len({response.json()["number"] for response in answers}) == 1
    assert Ticket.objects.filter(title="Double click").count() == 1

"""C-29: 50 parallel votes by one user on one article leave one row. PostgreSQL only: SQLite's
test database shares one connection, so threads there prove nothing (DESIGN rule 12)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from kb.models import ArticleRating

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (real concurrent connections)"
    ),
]

PARALLEL = 50


def test_C29_fifty_parallel_votes_leave_one_row(kb, globex_user):
    url = "/en/kb/network/vpn/connect-to-the-vpn/rating/"
    barrier = threading.Barrier(PARALLEL)
    statuses, errors = [], []

    def vote(n):
        client = Client()
        client.force_login(globex_user)
        try:
            barrier.wait()
            response = client.post(url, {"helpful": "yes" if n % 2 else "no"})
            statuses.append(response.status_code)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses == [302] * PARALLEL
    assert ArticleRating.objects.filter(user=globex_user).count() == 1

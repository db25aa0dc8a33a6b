"""SECURITY C-40: simultaneous writes on SQLite (the `make run` default) all succeed or get a
clean, retryable answer, and the database holds exactly what succeeded.

The in-process SQLite test database is one shared connection, so threads would prove nothing
there: this suite serves a copy of the migrated test database from a file with `runserver` in
its own process, exactly as `make run` does, and sends real parallel HTTP requests. The people
and tickets come from tests/security/live_sqlite_world.py; the assertions read the file with
Python's sqlite3. (PostgreSQL has the same scenarios in test_live_concurrency.py.)"""

import json

import pytest
import requests
from django.db import connection

from tests.live_sqlite import serve_a_copy

from .parallel import together

pytestmark = [
    pytest.mark.django_db,  # so that the test database exists to be copied
    pytest.mark.subprocess,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="SQLite's own suite (PostgreSQL: live_concurrency)"
    ),
]


@pytest.fixture(scope="module")
def live(django_db_setup, django_db_blocker, tmp_path_factory):
    server = serve_a_copy(django_db_blocker, tmp_path_factory.mktemp("sqlite-live"))
    yield server
    server.stop()


def split(results, success):
    """The successful responses; every other result must be a clean, retryable refusal."""
    succeeded = []
    for result in results:
        assert isinstance(result, requests.Response), result
        if result.status_code in success:
            succeeded.append(result)
            continue
        assert result.status_code == 503, (result.status_code, result.text[:300])
        assert result.headers["Retry-After"]
        assert result.json()["error"]["code"] == "service_unavailable"
    return succeeded


def test_C40_twenty_parallel_replies_all_persist(live):
    sessions = [live.session(token) for token in live.world["colleagues"]]
    url = f"{live.url}/api/v1/tickets/{live.world['replied']}/replies/"

    results = together(
        [
            lambda s=s, n=n: s.post(url, json={"body": f"parallel reply {n}"}, timeout=60)
            for n, s in enumerate(sessions)
        ]
    )

    saved = {r.json()["body"] for r in split(results, {201})}
    stored = live.rows(
        "SELECT body FROM helpdesk_reply WHERE ticket_id = ?", live.ticket_id(live.world["replied"])
    )
    assert {body for (body,) in stored} == saved
    assert len(stored) == len(saved) == 20  # with the lock queue, none even had to retry


def test_C40_parallel_edits_of_different_fields_lose_nothing(live):
    url = f"{live.url}/api/v1/tickets/{live.world['edited']}/"
    first = live.session(live.world["requester"])
    second = live.session(live.world["colleagues"][0])
    pk = live.ticket_id(live.world["edited"])

    def stored():
        ((priority, values),) = live.rows(
            "SELECT p.code, t.custom_values FROM helpdesk_ticket t"
            " JOIN helpdesk_priority p ON p.id = t.priority_id WHERE t.id = ?",
            pk,
        )
        return priority, json.loads(values).get("room")

    for round_, priority in enumerate(["high", "low", "critical", "medium", "high"]):
        room = f"Room {round_}"
        before = stored()
        results = together(
            [
                lambda p=priority: first.patch(url, json={"priority": p}, timeout=60),
                lambda r=room: second.patch(url, json={"custom_fields": {"room": r}}, timeout=60),
            ]
        )
        succeeded = split(results, {200, 409, 412})
        after = stored()
        # What was answered 200 is stored; a refused edit left its field as it was.
        edited = {i for i, r in enumerate(results) if r in succeeded and r.status_code == 200}
        assert after[0] == (priority if 0 in edited else before[0]), f"round {round_}"
        assert after[1] == (room if 1 in edited else before[1]), f"round {round_}"


def test_C40_parallel_closes_and_reopens_record_exactly_the_moves_answered(live):
    session = live.session(live.world["technician"])
    number = live.world["moved"]
    pk = live.ticket_id(number)
    ((initial,),) = live.rows(
        "SELECT s.code FROM helpdesk_ticket t JOIN helpdesk_status s ON s.id = t.status_id"
        " WHERE t.id = ?",
        pk,
    )
    moves = ["close", "reopen"] * 8

    results = together(
        [
            lambda m=m: session.post(f"{live.url}/api/v1/tickets/{number}/{m}/", timeout=60)
            for m in moves
        ]
    )

    moved = [r for r in split(results, {200, 400}) if r.status_code == 200]
    for refused in (r for r in results if r.status_code == 400):
        assert refused.json()["error"]["fields"]["status"]  # "cannot be closed/reopened"
    history = live.rows(
        "SELECT old_value, new_value FROM helpdesk_activity WHERE ticket_id = ? AND field = ?"
        " ORDER BY id",
        pk,
        "status",
    )
    assert len(history) == len(moved) >= 1
    # Each move started where the one before it ended (none acted on a stale status), and the
    # ticket stands where the last one left it.
    olds = [json.loads(old) for old, _ in history]
    news = [json.loads(new) for _, new in history]
    assert olds == [initial, *news[:-1]]
    ((final,),) = live.rows(
        "SELECT s.code FROM helpdesk_ticket t JOIN helpdesk_status s ON s.id = t.status_id"
        " WHERE t.id = ?",
        pk,
    )
    assert news[-1] == final


def test_C40_parallel_votes_leave_one_rating(live):
    token = live.world["colleagues"][1]
    sessions = [live.session(token) for _ in range(20)]
    url = f"{live.url}/api/v1/kb/articles/{live.world['article']}/rating/"

    results = together(
        [
            lambda s=s, n=n: s.post(url, json={"helpful": n % 2 == 0}, timeout=60)
            for n, s in enumerate(sessions)
        ]
    )

    assert len(split(results, {200})) == 20
    voter = live.user_of(token)
    assert len(live.rows("SELECT helpful FROM kb_articlerating WHERE user_id = ?", voter)) == 1


def test_C40_one_idempotency_key_in_parallel_opens_one_ticket(live):
    token = live.world["requester"]
    sessions = [live.session(token) for _ in range(10)]
    url = f"{live.url}/api/v1/tickets/"
    body = {"title": "Printer on fire", "description": "Smoke from tray 2."}
    headers = {"Idempotency-Key": "double-submit-1"}

    results = together(
        [lambda s=s: s.post(url, json=body, headers=headers, timeout=60) for s in sessions]
    )

    numbers = {r.json()["number"] for r in split(results, {200, 201})}
    stored = live.rows(
        "SELECT number FROM helpdesk_ticket WHERE requester_id = ? AND idempotency_key = ?",
        live.user_of(token),
        "double-submit-1",
    )
    assert len(numbers) == 1
    assert [str(number) for (number,) in stored] == [str(n) for n in numbers]

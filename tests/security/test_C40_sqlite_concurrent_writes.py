"""SECURITY C-40: simultaneous writes on SQLite (the `make run` default) all succeed or get a
clean, retryable answer, and the database holds exactly what succeeded.

The in-process SQLite test database is one shared connection, so threads would prove nothing
there: this suite serves a copy of the migrated test database from a file with `runserver` in
its own process, exactly as `make run` does, and sends real parallel HTTP requests. The people
and tickets come from tests/security/live_sqlite_world.py; the assertions read the file with
Python's sqlite3. (PostgreSQL has the same scenarios in test_live_concurrency.py.)"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from .parallel import together

pytestmark = [
    pytest.mark.django_db,  # so that the test database exists to be copied
    pytest.mark.subprocess,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="SQLite's own suite (PostgreSQL: live_concurrency)"
    ),
]

ROOT = Path(settings.BASE_DIR)
SERVE = ("--noreload", "--skip-checks")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveSQLite:
    """A `runserver` process on a SQLite file, the world written into it, and read access."""

    def __init__(self, folder, env):
        self.folder, self.env = folder, env
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(folder / "server.log", "w")  # noqa: SIM115 (closed in stop())
        self.world = json.loads(self._python("-m", "tests.security.live_sqlite_world"))
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", *SERVE],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "false"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_serving()

    def _python(self, *args):
        test_settings = {**self.env, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=test_settings, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def _wait_until_serving(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.folder / "server.log").read_text()
            try:
                requests.get(f"{self.url}/api/v1/", timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError("runserver did not answer within 60 s")

    def session(self, token):
        """A token session with its connection already open (runserver's listen backlog is
        10: twenty new connections at one moment would be refused, not answered)."""
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        assert session.get(f"{self.url}/api/v1/me/", timeout=60).status_code == 200
        return session

    def rows(self, sql, *params):
        with sqlite3.connect(f"file:{self.folder / 'db.sqlite3'}?mode=ro", uri=True) as db:
            return db.execute(sql, params).fetchall()

    def user_of(self, token):
        return self.world["users"][token]

    def ticket_id(self, number):
        ((pk,),) = self.rows("SELECT id FROM helpdesk_ticket WHERE number = ?", number)
        return pk

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def live(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite-live")
    with django_db_blocker.unblock():
        # The migrated test database, copied: migrating a new file would take half a minute.
        connection.ensure_connection()
        with sqlite3.connect(folder / "db.sqlite3") as target:
            connection.connection.backup(target)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CACHE_DIR": str(folder / "cache"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_STORAGE_ROOT": str(folder / "private"),
        # The world's process (test settings) and the server (dev settings) hash API keys alike.
        "SECRET_KEY": settings.SECRET_KEY,
    }
    server = LiveSQLite(folder, env)
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

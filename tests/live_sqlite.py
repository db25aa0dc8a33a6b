"""`make run`'s server, for tests: `runserver` as the Makefile starts it (dev settings, no
DEBUG, --insecure for static files) on a copy of the migrated SQLite test database, in its own
process. The in-process SQLite test database is one shared connection, so only a server of its
own shows what `make run` answers and does under parallel requests."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
# As `make run` serves (its --insecure: static files without DEBUG), without the reloader.
SERVE = ("--insecure", "--noreload", "--skip-checks")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveSQLite:
    """A `runserver` process on a SQLite file, the world written into it, and read access."""

    def __init__(self, folder, env, world=True):
        self.folder, self.env = folder, env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(folder / "server.log", "w")  # noqa: SIM115 (closed in stop())
        # The people and tickets of tests/security/live_sqlite_world.py, when asked for.
        self.world = (
            json.loads(self._python("-m", "tests.security.live_sqlite_world")) if world else {}
        )
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", *SERVE],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
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


def serve_a_copy(django_db_blocker, folder, world=True):
    """A LiveSQLite on a copy of the migrated test database in `folder`; stop() it."""
    with django_db_blocker.unblock():
        # The migrated test database, copied: migrating a new file would take half a minute.
        connection.ensure_connection()
        with sqlite3.connect(folder / "db.sqlite3") as target:
            connection.connection.backup(target)
    env = {
        **{key: value for key, value in os.environ.items() if key != "DEBUG"},
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CACHE_DIR": str(folder / "cache"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_STORAGE_ROOT": str(folder / "private"),
        # The world's process (test settings) and the server (dev settings) hash API keys alike.
        "SECRET_KEY": settings.SECRET_KEY,
    }
    return LiveSQLite(folder, env, world)

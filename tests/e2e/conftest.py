"""Browser tests: Playwright (sync API) drives Debian's Chromium against a live server on
127.0.0.1, on PostgreSQL, with the demo data seeded once for the whole package.

Without Chromium, Playwright or axe, or on SQLite, every test here is skipped with the reason;
with CI=true a missing tool fails the run instead. After the package the database is flushed
and the migrated data restored, so the rest of the suite never sees the demo data."""

import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection
from django.test.utils import override_settings, setup_databases, teardown_databases

from .browser import BrowserSession, missing_tools

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "var" / "screenshots"


def _in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _reason_to_stop():
    """(fail?, reason) when this package cannot run here, else None."""
    missing = missing_tools()
    if missing and _in_ci():
        return True, "CI=true but the browser tests cannot run: missing " + ", ".join(missing)
    if missing:
        return False, "browser tests need " + ", ".join(missing) + " (CI=true makes this fail)"
    if connection.vendor != "postgresql":
        return False, (
            f"browser tests run on PostgreSQL only (this run uses {connection.vendor}); "
            "set DATABASE_URL=postgres://…"
        )
    return None


def _ensure_test_database(blocker, keepdb):
    """pytest-django creates the test database only when some collected test asks for `db`;
    these tests never do (the seeded data must stay committed for the live server), so in a
    run of this package alone the database is created here. Never the developer's database."""
    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        return None
    with blocker.unblock():
        return setup_databases(
            verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS}, keepdb=keepdb
        )


def _restore(snapshot):
    """The database as `snapshot` has it. As TransactionTestCase does: sequences run on, so
    the restored rows (which keep their ids) never collide with later inserts."""
    # A warm content-type cache: objects loaded before their content type's row must not
    # insert that row themselves (a flush elsewhere may have left the cache cold).
    ContentType.objects.get_for_models(*apps.get_models())
    call_command(
        "flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True
    )
    connection.creation.deserialize_db_from_string(snapshot)
    ContentType.objects.clear_cache()  # the restored rows may have other ids


def _end_other_sessions():
    """The live server's request threads may still hold connections; the drop needs none."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connection.close()


@pytest.fixture(scope="package")
def _e2e_database(request):
    stop = _reason_to_stop()
    if stop:
        fail, reason = stop
        (pytest.fail if fail else pytest.skip)(reason)
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    keepdb = bool(request.config.getvalue("reuse_db"))
    own_test_database = _ensure_test_database(blocker, keepdb)
    media_root = tempfile.mkdtemp(prefix="portal-e2e-media-")
    # Files on disk, so the live server can serve images (logos) like a real deployment.
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media_root},
        },
    }
    previous_async_flag = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # The sync Playwright API keeps an event loop in this thread; the ORM calls that the
    # tests make between browser steps are plain synchronous code all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with (
        override_settings(STORAGES=storages, MEDIA_ROOT=media_root),
        blocker.unblock(),
    ):
        snapshot = getattr(connection, "_test_serialized_contents", None)
        if snapshot is None:
            snapshot = connection.creation.serialize_db_to_string()
        else:
            # Shared with the suite: a transactional test without serialized_rollback may have
            # flushed the migrated rows (sites, locales, groups) that seed_demo builds on.
            _restore(snapshot)
        call_command("seed_demo", stdout=io.StringIO())
        try:
            yield
        finally:
            shutil.rmtree(media_root, ignore_errors=True)
            if own_test_database is not None and not keepdb:
                _end_other_sessions()
                teardown_databases(own_test_database, verbosity=0)
            else:  # shared with the rest of the suite (or kept): back to the migrated data
                _restore(snapshot)
            if previous_async_flag is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous_async_flag


@pytest.fixture(scope="package")
def live_portal(_e2e_database):
    """The portal served on 127.0.0.1 (a port of its own) to the browser."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1:0")
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser(_e2e_database):
    from .browser import launch_chromium

    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def orm(django_db_blocker, _e2e_database):
    """Database access for a test's set-up and checks (committed at once: no transaction)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def ui(live_portal, browser, orm, request):
    """A fresh browser context (no cookies) on the live portal; closed after the test."""
    session = BrowserSession(browser, live_portal.url, SCREENSHOT_DIR, request.node.name)
    yield session
    session.close()

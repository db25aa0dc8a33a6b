"""An instance upgraded across the move to layers (December 2026) keeps working with what it
stored under the old dotted paths: sessions stay logged in, task rows queued for the database
worker still run. (Cached entries of moved classes: tests/cms/core/test_versioned_cache.py.)"""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from helpdesk.models import OutboxMessage, OutboxStatus
from helpdesk.notifications.tasks import deliver_outbox

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes the connection between tasks (as in production): its own transactions.
# serialized_rollback: the flush after the test would drop migrated data (sites, lookups).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_delivery_queued_under_the_old_task_path_still_runs():
    message = OutboxMessage.objects.create(
        recipient="alice@acme.example",
        language="en",
        template="ticket_resolved",
        context={"number": 1042, "title": "Printer jams", "author": "Tess", "url": "http://x/"},
    )
    deliver_outbox.enqueue()
    # What the code before the move to layers wrote into the queue.
    DBTaskResult.objects.update(task_path="helpdesk.tasks.deliver_outbox")

    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)

    row = DBTaskResult.objects.get()
    assert row.status == "SUCCESSFUL", row.exception_class_path
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [["alice@acme.example"]]


def test_a_session_from_before_the_move_stays_logged_in(client, contact):
    client.force_login(contact.user, backend="helpdesk.accounts.backends.EmailBackend")
    session = client.session
    # What the code before the move to layers stored for this login.
    session[BACKEND_SESSION_KEY] = "helpdesk.auth_backends.EmailBackend"
    session.save()

    response = client.get("/en/account/profile/")

    assert response.status_code == 200
    assert contact.user.email in response.content.decode()
    stored = SessionStore(session_key=session.session_key).load()
    assert stored[BACKEND_SESSION_KEY] == "helpdesk.accounts.backends.EmailBackend"
    assert stored[SESSION_KEY] == str(contact.user.pk)


def test_an_unknown_backend_path_still_ends_the_session(client, contact):
    """Only the one moved path is carried over; anything else is refused as before."""
    client.force_login(contact.user, backend="helpdesk.accounts.backends.EmailBackend")
    session = client.session
    session[BACKEND_SESSION_KEY] = "helpdesk.elsewhere.EmailBackend"
    session.save()

    response = client.get("/en/account/profile/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]

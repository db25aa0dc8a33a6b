"""C-10: once an e-mail carrying a one-time secret is settled (sent, or given up), its outbox
row no longer holds the code or the link; while it may still be retried, it keeps them."""

import pytest
from django.core import mail

from helpdesk.accounts import email_change, reset, welcome
from helpdesk.models import OutboxMessage, OutboxStatus
from helpdesk.notifications.delivery import MAX_ATTEMPTS, SECRET_TEMPLATES, deliver_due
from helpdesk.notifications.outbox import queue_email
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP is down")


def queue_secret_emails():
    contact = ContactFactory(user__email="alice@acme.example")
    reset.request_code(email=contact.user.email)
    welcome.contact_send_welcome(contact=contact)
    email_change.email_change_request(user=contact.user, new_email="alice.new@acme.example")
    rows = list(OutboxMessage.objects.filter(template__in=SECRET_TEMPLATES).order_by("id"))
    assert {row.template for row in rows} == SECRET_TEMPLATES
    return rows


def secrets_of(row):
    """The code or link the row was queued with (what must not stay in the table)."""
    key = {"password_reset_code": "code", "welcome": "welcome_url"}.get(row.template, "confirm_url")
    return row.context[key]


def stored_text(row):
    row.refresh_from_db()
    return str(row.context) + row.last_error


def test_C10_sent_emails_no_longer_hold_their_code_or_link(configured_portal):
    rows = queue_secret_emails()
    secrets = [secrets_of(row) for row in rows]
    assert deliver_due()["sent"] == OutboxMessage.objects.count()  # with the notices
    bodies = " ".join(email.body for email in mail.outbox)
    for row, secret in zip(rows, secrets, strict=True):
        assert secret in bodies  # the person got it ...
        assert secret not in stored_text(row)  # ... the database did not keep it
        assert row.status == OutboxStatus.SENT


def test_C10_a_retried_email_keeps_its_link_until_it_is_given_up(configured_portal, settings):
    settings.EMAIL_BACKEND = "tests.helpdesk.accounts.test_outbox_secrets.FailingBackend"
    rows = queue_secret_emails()
    secrets = [secrets_of(row) for row in rows]
    deliver_due()
    for row, secret in zip(rows, secrets, strict=True):
        assert secret in stored_text(row)  # still needed for the next attempt
    OutboxMessage.objects.update(attempts=MAX_ATTEMPTS - 1)
    later = max(r.next_attempt_at for r in OutboxMessage.objects.all())
    assert deliver_due(now=later)["failed"] == OutboxMessage.objects.count()
    for row, secret in zip(rows, secrets, strict=True):
        assert secret not in stored_text(row)
        assert row.status == OutboxStatus.FAILED


def test_emails_without_a_secret_keep_their_context(configured_portal):
    contact = ContactFactory()
    message = queue_email(
        to=contact.user, template="password_changed", context={"reset_url": "https://x/"}
    )
    deliver_due()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.context == {"reset_url": "https://x/"}

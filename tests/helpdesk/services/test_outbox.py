from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from helpdesk.models import OutboxMessage, OutboxStatus
from helpdesk.notifications.delivery import MAX_ATTEMPTS, deliver_due
from helpdesk.notifications.outbox import queue_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTEXT = {
    "number": 1042,
    "title": "Printer on fire",
    "customer": "Acme Corp",
    "requester": "Alice",
    "author": "Tom Tech",
    "excerpt": "We are on it.",
    "url": "https://help.example.com/de/tickets/1042/",
}


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP is down")


def queued(language="en", **extra):
    user = UserFactory(language=language)
    return queue_email(to=user, template="ticket_reply_contact", context={**CONTEXT, **extra})


def test_a_queued_email_is_sent_in_the_recipients_language():
    message = queued(language="de")
    counts = deliver_due()
    assert counts == {"sent": 1, "retrying": 0, "failed": 0}
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.sent_at is not None
    sent = mail.outbox[-1]
    assert sent.to == [message.recipient]
    assert "Ticket #1042" in sent.subject or "#1042" in sent.subject
    assert "https://help.example.com/de/tickets/1042/" in sent.body
    assert sent.alternatives[0][1] == "text/html"


def test_R05_a_mail_outage_keeps_the_row_and_the_next_run_delivers_it(settings):
    message = queued()
    settings.EMAIL_BACKEND = "tests.helpdesk.services.test_outbox.FailingBackend"
    assert deliver_due() == {"sent": 0, "retrying": 1, "failed": 0}
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1 and "SMTP is down" in message.last_error
    assert message.next_attempt_at > timezone.now()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_due() == {"sent": 0, "retrying": 0, "failed": 0}  # not due yet
    assert deliver_due(now=message.next_attempt_at + timedelta(seconds=1))["sent"] == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2


def test_retries_back_off_and_give_up_after_the_last_attempt(settings):
    message = queued()
    settings.EMAIL_BACKEND = "tests.helpdesk.services.test_outbox.FailingBackend"
    waits = []
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        deliver_due(now=now)
        message.refresh_from_db()
        waits.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert message.status == OutboxStatus.FAILED and message.attempts == MAX_ATTEMPTS
    assert waits[1] > waits[0]  # exponential back-off


def test_C24_a_newline_in_the_title_cannot_add_headers():
    queued(title="Hello\r\nBcc: x@evil.example")
    assert deliver_due()["sent"] == 1
    sent = mail.outbox[-1]
    assert "\n" not in sent.subject and "\r" not in sent.subject
    assert sent.recipients() == [OutboxMessage.objects.get().recipient]
    assert "Bcc" not in sent.message().as_string().split("\n\n", 1)[0].replace(sent.subject, "")


def test_C24_html_in_names_is_escaped_in_the_html_part():
    queued(author='Bob <a href="https://evil.example">Reset here</a>')
    deliver_due()
    html = mail.outbox[-1].alternatives[0][0]
    assert '<a href="https://evil.example">' not in html
    assert "&lt;a href=" in html


def test_the_outbox_command_reports_its_counts():
    from io import StringIO

    from django.core.management import call_command

    queued()
    out = StringIO()
    call_command("deliver_outbox", stdout=out)
    assert "Sent 1" in out.getvalue()

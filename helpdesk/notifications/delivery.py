"""Delivering the outbox (DESIGN rule 7): `deliver_due` sends what is due, one row at a time,
and on failure keeps the row with an exponential back-off. Nothing is lost when the mail server
is down. The last link of the one-way chain outbox (queue) -> tasks (the task) -> delivery."""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from prometheus_client import Counter

from ..models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)
# Scraped at /metrics (cms.core.ops): e-mail attempts by outcome (sent, retrying, failed).
MAILS = Counter("portal_mails_total", "E-mail delivery attempts by outcome.", ["result"])

MAX_ATTEMPTS = 8
# E-mails whose context carries a one-time secret (a reset code, a link with a token). Once the
# row is settled (sent, or given up) its context is dropped, so the table never keeps them.
SECRET_TEMPLATES = frozenset({"password_reset_code", "welcome", "email_change_confirm"})
REDACTED = {"redacted": True}
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


def render_email(message: OutboxMessage) -> EmailMultiAlternatives:
    with translation.override(message.language):
        context = {**message.context, "language": message.language}
        subject = render_to_string(f"emails/{message.template}_subject.txt", context)
        text = render_to_string(f"emails/{message.template}.txt", context)
        html = render_to_string(f"emails/{message.template}.html", context)
    # One line: a newline in a subject would be a header injection (Django refuses it anyway).
    subject = " ".join(subject.split())
    email = EmailMultiAlternatives(subject=subject, body=text, to=[message.recipient])
    email.attach_alternative(html, "text/html")
    return email


def backoff(attempts: int) -> timedelta:
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def deliver_due(*, now=None, limit=100) -> dict:
    """Send due outbox rows; returns counts {"sent", "retrying", "failed"}."""
    now = now or timezone.now()
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    due = OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
    for message_id in list(
        due.order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit]
    ):
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id, status=OutboxStatus.PENDING)
                .first()
            )
            if message is None:
                continue  # another worker has it
            message.attempts += 1
            try:
                render_email(message).send()
            except Exception as error:  # any failure: keep the row and try again later
                logger.warning(
                    "E-mail %s to outbox row %s failed: %s", message.template, message.pk, error
                )
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxStatus.FAILED
                    counts["failed"] += 1
                else:
                    message.next_attempt_at = now + backoff(message.attempts)
                    counts["retrying"] += 1
            else:
                message.status = OutboxStatus.SENT
                message.sent_at = now
                message.last_error = ""
                counts["sent"] += 1
            if message.status != OutboxStatus.PENDING and message.template in SECRET_TEMPLATES:
                message.context = REDACTED
            message.save()
    for result, count in counts.items():
        MAILS.labels(result).inc(count)
    return counts

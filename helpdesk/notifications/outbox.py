"""Writing e-mails to the outbox (DESIGN rule 7): `queue_email` writes a row in the caller's
transaction and asks for delivery once it commits (the task, helpdesk.notifications.tasks, runs
helpdesk.notifications.delivery). The first link of that one-way chain."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import OutboxMessage, OutboxStatus
from .tasks import deliver_outbox


def queue_email(*, to, template: str, context: dict, language: str | None = None):
    """An outbox row for user `to`, in their language. Call inside the transaction that made
    the news, so the e-mail exists exactly when the ticket or reply does."""
    message = OutboxMessage.objects.create(
        recipient=to.email,
        language=language or getattr(to, "language", None) or settings.LANGUAGE_CODE,
        template=template,
        context=context,
    )
    transaction.on_commit(deliver_outbox.enqueue)
    return message


def prune(*, now=None, sent_days=30, failed_days=90) -> int:
    """Delete sent rows after `sent_days` and given-up rows after `failed_days` (the scheduled
    clean-up): the outbox is a queue, not an archive; failures stay longer to be looked into."""
    now = now or timezone.now()
    sent = OutboxMessage.objects.filter(
        status=OutboxStatus.SENT, created_at__lt=now - timedelta(days=sent_days)
    )
    failed = OutboxMessage.objects.filter(
        status=OutboxStatus.FAILED, created_at__lt=now - timedelta(days=failed_days)
    )
    return sent.delete()[0] + failed.delete()[0]

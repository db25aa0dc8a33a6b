"""Writing e-mails to the outbox (DESIGN rule 7): `queue_email` writes a row in the caller's
transaction and asks for delivery once it commits (the task, helpdesk.notifications.tasks, runs
helpdesk.notifications.delivery). The first link of that one-way chain."""

from django.conf import settings
from django.db import transaction

from ..models import OutboxMessage
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

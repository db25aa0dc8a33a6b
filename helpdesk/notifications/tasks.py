"""The outbox's background task (django_tasks: immediate in dev/test, the database worker in
production). Queued task rows store this module's path: see HelpdeskConfig.ready() for the path
it had before the move to layers."""

from django.utils import timezone
from django_tasks import task

from ..models import OutboxMessage, OutboxStatus
from .delivery import deliver_due


@task()
def deliver_outbox():
    counts = deliver_due()
    _schedule_retry()
    return counts


def _schedule_retry():
    """Where the backend can defer (the database worker), come back when the next retry is
    due; elsewhere `manage.py deliver_outbox` (cron) or the next queued e-mail picks it up."""
    if not deliver_outbox.get_backend().supports_defer:
        return
    next_due = (
        OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, next_attempt_at__gt=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if next_due:
        deliver_outbox.using(run_after=next_due).enqueue()

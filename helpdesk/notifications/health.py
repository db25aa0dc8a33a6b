"""The outbox's readiness probe (registered with cms.core.ops): e-mails due for longer than
`max_age` mean the worker and the scheduler are both down, or the mail server refuses us. A
warning (`/readyz` says `degraded`), not a failure: the portal still serves."""

import dataclasses
from datetime import timedelta

from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceWarning

from ..models import OutboxMessage, OutboxStatus


@dataclasses.dataclass
class OutboxBacklog(HealthCheck):
    max_age: timedelta = timedelta(minutes=30)

    def run(self):
        late = OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, next_attempt_at__lt=timezone.now() - self.max_age
        ).count()
        if late:
            raise ServiceWarning(f"e-mails overdue by more than {self.max_age}: {late}")


def _pending():
    return OutboxMessage.objects.filter(status=OutboxStatus.PENDING)


def _oldest_pending_age() -> float:
    oldest = _pending().order_by("created_at").values_list("created_at", flat=True).first()
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0


# Gauges read when /metrics is scraped (cms.core.ops.register_gauge).
OUTBOX_PENDING = (
    "portal_outbox_pending",
    "E-mails waiting in the outbox.",
    lambda: _pending().count(),
)
OUTBOX_OLDEST = (
    "portal_outbox_oldest_pending_age_seconds",
    "Age of the oldest e-mail waiting in the outbox.",
    _oldest_pending_age,
)

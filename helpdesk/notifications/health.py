"""The outbox's readiness probe (registered with cms.core.health): e-mails due for longer than
`max_age` mean the worker and the scheduler are both down, or the mail server refuses us."""

import dataclasses
from datetime import timedelta

from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from ..models import OutboxMessage, OutboxStatus


@dataclasses.dataclass
class OutboxBacklog(HealthCheck):
    max_age: timedelta = timedelta(minutes=30)

    def run(self):
        late = OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, next_attempt_at__lt=timezone.now() - self.max_age
        ).count()
        if late:
            raise ServiceUnavailable(f"e-mails overdue by more than {self.max_age}: {late}")

"""One tick of the schedule: every job whose interval has come round runs once.

"Once" holds across processes and machines: a job runs in the interval slot whose key the
tick adds to the shared cache first (file cache or Redis, as configured), so two schedulers,
or a restarted one, never run a job twice in one interval. A failing job is logged and the
others still run; it is tried again in its next slot."""

import logging
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from .registry import Job, jobs

logger = logging.getLogger("portal.schedule")


def _claim(job: Job, now: datetime) -> bool:
    seconds = job.every.total_seconds()
    slot = int(now.timestamp() // seconds)
    return cache.add(f"schedule:{job.name}:{slot}", now.isoformat(), timeout=int(seconds * 2))


def tick(now: datetime | None = None) -> dict[str, str]:
    """Run the jobs that are due; returns {name: "ran" | "failed"} for those that were."""
    now = now or timezone.now()
    outcome = {}
    for job in jobs():
        if not _claim(job, now):
            continue
        try:
            job.run()
        except Exception:
            logger.exception("Scheduled job failed", extra={"job": job.name})
            outcome[job.name] = "failed"
        else:
            logger.info("Scheduled job ran", extra={"job": job.name})
            outcome[job.name] = "ran"
    return outcome

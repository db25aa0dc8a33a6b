"""Readiness probes beyond django-health-check's database, cache and storage checks."""

import dataclasses
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable, ServiceWarning

from .registry import register, register_gauge


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    """A server started before `migrate` finished would answer with columns that do not exist."""

    def run(self):
        executor = MigrationExecutor(connection)
        missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if missing:
            raise ServiceUnavailable(f"migrations not applied: {len(missing)}")


@dataclasses.dataclass
class TaskBacklog(HealthCheck):
    """Background tasks (e-mails, search indexing) waiting longer than `max_age`: the worker
    is down or cannot keep up (a warning: the portal still serves). Only the database task
    backend (production) has a queue."""

    max_age: timedelta = timedelta(minutes=15)

    def run(self):
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            return
        waiting = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, run_after__lt=timezone.now() - self.max_age
        ).count()
        if waiting:
            raise ServiceWarning(f"tasks waiting longer than {self.max_age}: {waiting}")


def register_core_probes():
    register("database", Database())
    register("cache", Cache())
    register("private_storage", Storage(alias="private"))
    register("migrations", MigrationsApplied())
    register("tasks", TaskBacklog())
    register_gauge(
        "portal_task_queue_depth",
        "Background tasks waiting to run (database task backend; 0 with the immediate one).",
        lambda: DBTaskResult.objects.filter(status=TaskResultStatus.READY).count(),
    )

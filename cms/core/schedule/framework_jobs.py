"""The jobs of the frameworks under the portal (Wagtail, Django, django-tasks), which nothing
ran before: an editor's scheduled publication happened only if someone ran a command."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command

from .registry import register


def _prune_task_results():
    # Only the database backend (production) keeps results; the immediate one keeps none.
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        call_command("prune_db_task_results", min_age_days=14, verbosity=0)


def register_framework_jobs():
    register(
        "publish_scheduled",
        timedelta(minutes=1),
        "Publish and unpublish the pages editors scheduled (Wagtail).",
        lambda: call_command("publish_scheduled", verbosity=0),
    )
    register(
        "clear_sessions",
        timedelta(days=1),
        "Delete expired sessions (Django).",
        lambda: call_command("clearsessions", verbosity=0),
    )
    register(
        "prune_task_results",
        timedelta(days=1),
        "Delete finished background-task results older than 14 days (django-tasks).",
        _prune_task_results,
    )

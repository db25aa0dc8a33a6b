import sys
from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Modules that moved with the layered layout (December 2026) whose dotted path lives on outside
# the code: task rows queued by django_tasks_db name their task's module. The old name stays an
# alias of the new module for one more release, so a task queued before the upgrade still runs.
MOVED_MODULES = {"helpdesk.tasks": "helpdesk.notifications.tasks"}


class HelpdeskConfig(AppConfig):
    name = "helpdesk"
    verbose_name = _("Helpdesk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import models, which an app module may not.
        from django.db.models.signals import post_migrate

        from cms.core import ops

        from .accounts import auto_welcome
        from .core.groups import ensure_groups
        from .jobs import register_helpdesk_jobs
        from .models import versions
        from .notifications.health import OUTBOX_OLDEST, OUTBOX_PENDING, OutboxBacklog

        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="helpdesk-groups")
        versions.connect()  # what the cached portal pages, API answers and ETags depend on
        auto_welcome.connect()  # the welcome e-mail when a contact gets portal access
        register_helpdesk_jobs()  # run by `manage.py run_schedule` (cms.core.schedule)
        ops.register("outbox", OutboxBacklog())  # asked by /readyz
        ops.register_gauge(*OUTBOX_PENDING)  # shown at /metrics
        ops.register_gauge(*OUTBOX_OLDEST)
        for old, new in MOVED_MODULES.items():
            sys.modules.setdefault(old, import_module(new))

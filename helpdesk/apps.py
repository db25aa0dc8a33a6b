from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "helpdesk"
    verbose_name = _("Helpdesk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the signals that drop the cached field schema.
        from django.db.models.signals import post_migrate

        from . import field_schema  # noqa: F401
        from .accounts import auto_welcome
        from .groups import ensure_groups

        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="helpdesk-groups")
        auto_welcome.connect()  # the welcome e-mail when a contact gets portal access

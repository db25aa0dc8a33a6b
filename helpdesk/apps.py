from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "helpdesk"
    verbose_name = _("Helpdesk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import models, which an app module may not.
        from django.db.models.signals import post_migrate

        from .accounts import auto_welcome
        from .groups import ensure_groups
        from .models import versions

        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="helpdesk-groups")
        versions.connect()  # what the cached portal pages, API answers and ETags depend on
        auto_welcome.connect()  # the welcome e-mail when a contact gets portal access

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    """The knowledge base (page tree, restrictions, ratings, search) — built in its own issue."""

    name = "kb"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: kb.signals imports models, which an app module may not.
        from .signals import connect_cache_invalidation

        connect_cache_invalidation()

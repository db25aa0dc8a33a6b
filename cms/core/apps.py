from django.apps import AppConfig
from django.urls import register_converter

from . import params


class CoreConfig(AppConfig):
    """The domain-free bottom layer (caches, site cache, private storage, per-language text,
    locale sync). An app only so that its `ready()` connects its own receiver; it has no models."""

    name = "cms.core"
    label = "portal_core"

    def ready(self):
        from . import site_cache  # the Site model is importable only once apps are loaded

        site_cache.connect()
        # `<dbid:…>` for the URL modules, registered once before any of them is imported.
        register_converter(params.DatabaseIdConverter, "dbid")
        from .logs import auth_events
        from .ops.probes import register_core_probes
        from .schedule.framework_jobs import register_framework_jobs

        register_framework_jobs()  # run by `manage.py run_schedule`
        register_core_probes()  # asked by /readyz
        auth_events.connect()  # sign-ins and lockouts as security log lines

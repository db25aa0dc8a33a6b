"""What an operator needs: probes, logs and error reports. Imported by base.py."""

import environ

env = environ.Env()

# Who sees readiness details (and scrapes metrics): these networks, or `Bearer OPS_TOKEN`.
OPS_ALLOWED_IPS = env.list("OPS_ALLOWED_IPS", default=["127.0.0.1/32", "::1/128"])
OPS_TOKEN = env.str("OPS_TOKEN", default="")
# The database engines as django-prometheus wraps them (query counts and durations).
METERED_ENGINES = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
}
# The default cache's backends with their operations timed (cms.core.ops.cache_metrics).
METERED_CACHES = {
    f"{module}.{name}": f"cms.core.ops.cache_metrics.Metered{name}"
    for module, name in [
        ("django.core.cache.backends.redis", "RedisCache"),
        ("django.core.cache.backends.locmem", "LocMemCache"),
        ("django.core.cache.backends.filebased", "FileBasedCache"),
        ("django.core.cache.backends.db", "DatabaseCache"),
        ("django.core.cache.backends.memcached", "PyMemcacheCache"),
        ("cms.core.file_cache", "SharedFileCache"),
    ]
}

# Logs: one line per record on stderr, JSON in production (LOG_FORMAT=json), readable text in
# development; both carry the request id (also sent back as X-Request-ID), user id and portal.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "cms.core.logs.fields.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "cms.core.logs.fields.PortalJsonFormatter"},
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] "
            "%(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_context"],
        },
        # Errors by e-mail to ADMINS when no error reporter (SENTRY_DSN) is configured.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_context"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Task and page-event chatter would drown the console e-mails in development.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "portal.security": {"level": "INFO"},
    },
}

# Who hears of a server error: Sentry (or any Sentry-protocol service such as GlitchTip) when
# SENTRY_DSN is set (pip install ".[sentry]"), else the ADMINS by e-mail, e.g.
# ADMINS="Ops <ops@example.com>,Ann <ann@example.com>".
SENTRY_DSN = env.str("SENTRY_DSN", default="")
ADMINS = [
    (name.strip(), address.strip(" >"))
    for name, _, address in (entry.partition("<") for entry in env.list("ADMINS", default=[]))
]
if ADMINS and not SENTRY_DSN:
    LOGGING["loggers"]["django.request"]["handlers"] = ["console", "mail_admins"]
    LOGGING["loggers"]["django.request"]["propagate"] = False
if SENTRY_DSN:
    from importlib.metadata import version

    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured('SENTRY_DSN is set: pip install ".[sentry]"') from missing
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        release=env.str("APP_VERSION", default="") or version("service-portal"),
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        # No personal data: no user e-mail or IP address, no cookies, no request bodies
        # (a form may hold a password or a code); the user id and request id are tags.
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

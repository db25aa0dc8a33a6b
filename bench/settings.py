"""Production settings as the benchmark serves them: plain HTTP on 127.0.0.1, one extra URL
(the bare view every figure is compared with), and throttles out of the way of the load.

Everything else — middleware, DEBUG off, the database task backend, the cache and session
configuration from the environment — is exactly production's."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,.bench.localhost")
os.environ.setdefault("EMAIL_URL", "consolemail://")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("API_THROTTLE_USER", "1000000/minute")
os.environ.setdefault("API_THROTTLE_ANON", "1000000/minute")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from cms.settings.production import *  # noqa: F403
from cms.settings.production import WAGTAILSEARCH_BACKENDS, env

ROOT_URLCONF = "bench.urls"
# The load runs over plain HTTP (nginx terminates nothing here): cookies without Secure.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# No collectstatic step in the benchmark; nginx serves nothing static either.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The seeding builds 11,000 KB pages and indexes them once at the end (update_index).
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = env.bool("BENCH_SEARCH_AUTO_UPDATE", True)

"""pytest: fast hashing, in-memory mail and cache, tasks run at once."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import METERED_CACHES, REST_FRAMEWORK, VAR_DIR, env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", ".localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# In process memory, metered as production's default cache is (cms.core.ops.cache_metrics).
CACHES = {"default": {"BACKEND": METERED_CACHES["django.core.cache.backends.locmem.LocMemCache"]}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "test-media")
# A fresh folder per test process: parallel runs never see each other's uploads.
PRIVATE_STORAGE_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-private-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "cms.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_ROOT)},
    },
}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "1000/minute", "user": "1000/minute", "auth": "1000/minute"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

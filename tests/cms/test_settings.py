"""Each settings module loads in a process of its own, as it would on a server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "k3y-" + "x9Q!vR7#mP2$wL5^zT8&" * 3,
    "ALLOWED_HOSTS": "support.example.com",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
    "CACHE_URL": "redis://cache.internal:6379/1",
}

pytestmark = pytest.mark.subprocess


def run_django(settings_module, *args, env=None):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL", "DATABASE_URL", "CACHE_URL", "DEBUG"}
    }
    environment.update(env or {}, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


LOAD = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], "
    "settings.TASKS['default']['BACKEND'], settings.EMAIL_BACKEND)"
)


@pytest.mark.parametrize(
    ("module", "env", "expected"),
    [
        # django-prometheus's engines: Django's, with query counts and durations for /metrics.
        # make run: the portal's own error pages; DEBUG=true brings Django's debug pages.
        (
            "cms.settings.dev",
            {},
            "False django_prometheus.db.backends.sqlite3 django_tasks.backends.immediate",
        ),
        (
            "cms.settings.dev",
            {"DEBUG": "true"},
            "True django_prometheus.db.backends.sqlite3 django_tasks.backends.immediate",
        ),
        (
            "cms.settings.test",
            {},
            "False django_prometheus.db.backends.sqlite3 django_tasks.backends.immediate",
        ),
        (
            "cms.settings.production",
            PRODUCTION_ENV,
            "False django_prometheus.db.backends.postgresql django_tasks_db.DatabaseBackend",
        ),
    ],
)
def test_settings_load_in_every_mode(module, env, expected):
    result = run_django(module, "-c", LOAD, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(expected)


def test_dev_prints_mail_to_the_console_and_production_sends_smtp():
    dev = run_django("cms.settings.dev", "-c", LOAD)
    production = run_django("cms.settings.production", "-c", LOAD, env=PRODUCTION_ENV)
    assert dev.stdout.split()[-1] == "django.core.mail.backends.console.EmailBackend"
    assert production.stdout.split()[-1] == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"])
def test_production_refuses_to_start_without_required_setting(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_django("cms.settings.production", "-c", LOAD, env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_passes_the_deploy_check_without_warnings():
    result = run_django(
        "cms.settings.production",
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_redis_cache_url_selects_djangos_redis_backend_metered():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.cache import caches; "
        "from django.core.cache.backends.redis import RedisCache; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], "
        "isinstance(caches['default'], RedisCache))"
    )
    result = run_django("cms.settings.production", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    # Django's own Redis backend, with its operations timed for /metrics.
    assert result.stdout.split() == [
        "cms.core.ops.cache_metrics.MeteredRedisCache",
        "redis://cache.internal:6379/1",
        "True",
    ]

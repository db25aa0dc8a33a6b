"""Liveness and readiness probes (cms.core.ops): answered before host checks and the HTTPS
redirect, JSON, never cached; a failing part is named to everyone, and explained only to
operators (OPS_ALLOWED_IPS or the OPS_TOKEN bearer)."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone
from health_check.exceptions import ServiceUnavailable

from cms.core.ops.probes import MigrationsApplied
from helpdesk.models import OutboxMessage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
OUTSIDE = "203.0.113.9"
PARTS = {"database", "cache", "private_storage", "migrations", "tasks", "outbox"}


def test_liveness_needs_no_allowed_host_and_no_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_names_every_part(client):
    response = client.get("/readyz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": dict.fromkeys(PARTS, "ok")}


def test_a_late_outbox_degrades_readiness_and_says_why_to_operators_only(client, settings):
    """A backlog is a warning: the server still serves (200), the status says `degraded`."""
    OutboxMessage.objects.create(
        recipient="bob@acme.example",
        language="en",
        template="ticket_reply",
        next_attempt_at=timezone.now() - timedelta(hours=2),
    )
    settings.OPS_TOKEN = "s3cret-probe-token"
    answer = client.get("/readyz", REMOTE_ADDR=OUTSIDE)
    assert answer.status_code == 200
    outsider = answer.json()
    assert outsider["status"] == "degraded"
    assert outsider["checks"]["outbox"] == "warning" and outsider["checks"]["database"] == "ok"

    with_token = client.get(
        "/readyz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer s3cret-probe-token"
    )
    assert with_token.status_code == 200
    assert (
        with_token.json()["checks"]["outbox"] == "Warning: e-mails overdue by more than 0:30:00: 1"
    )
    wrong = client.get("/readyz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.json()["checks"]["outbox"] == "warning"


def test_an_unready_server_is_not_reported_as_a_server_error(client, caplog):
    """Load balancers ask every few seconds: a 503 of /readyz is logged as the failing probe
    (a warning), never as a server error (django.request), which ADMINS get by e-mail."""
    with mock.patch.object(MigrationsApplied, "run", side_effect=ServiceUnavailable("behind")):
        assert client.get("/readyz").status_code == 503
    assert [r.levelname for r in caplog.records if r.name == "django.request"] == []
    assert any(r.name == "portal.health" and r.levelname == "WARNING" for r in caplog.records)


def test_with_the_database_down_ready_answers_503_naming_it():
    """A real outage: a process whose database address answers nothing."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/readyz', REMOTE_ADDR='203.0.113.9');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": "postgres://nobody:none@127.0.0.1:9/none?connect_timeout=2",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["status"] == "unavailable"
    assert answer["body"]["checks"]["database"] == "failing"
    assert answer["body"]["checks"]["cache"] == "ok"  # the parts that work say so
    assert "nobody" not in done.stdout and "127.0.0.1" not in done.stdout

"""`/metrics` (cms.core.ops.metrics): Prometheus text for operators only — requests by view and
status, latency and database query histograms, security events, e-mail outcomes, and the outbox
and task queues read at scrape time."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from helpdesk.models import OutboxMessage
from helpdesk.notifications.delivery import deliver_due

pytestmark = pytest.mark.django_db

OUTSIDE = "203.0.113.9"


def scrape(client, **extra):
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def value(text, metric, **labels):
    """The sample `metric{labels}`'s value (labels in any order; others allowed)."""
    for line in text.splitlines():
        if line.startswith("#") or re.match(r"[\w:]+", line).group() != metric:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.rpartition("}")[0]))
        if all(found.get(key) == str(want) for key, want in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_are_refused_to_an_anonymous_outside_address(client, settings):
    settings.OPS_TOKEN = "scrape-token-7"
    refused = client.get("/metrics", REMOTE_ADDR=OUTSIDE)
    assert refused.status_code == 403
    assert b"django_http" not in refused.content and b"portal_" not in refused.content
    wrong = client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.status_code == 403
    assert "portal_outbox_pending" in scrape(
        client, REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer scrape-token-7"
    )


def test_requests_latency_and_queries_are_counted_by_view(client, portal):
    before = scrape(client)
    for _ in range(3):
        assert client.get("/en/account/login/").status_code == 200
    after = scrape(client)
    view = {"view": "account:login", "method": "GET"}
    name = "django_http_requests_total_by_view_transport_method_total"
    assert value(after, name, **view) - value(before, name, **view) == 3
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    assert value(after, latency, **view) - value(before, latency, **view) == 3
    assert value(after, "django_db_query_duration_seconds_count", alias="default") > 0


def test_security_events_and_mail_outcomes_are_counted(client, contact):
    before = scrape(client)
    client.post("/en/account/login/", {"username": contact.user.email, "password": "nope-12345"})
    OutboxMessage.objects.create(
        recipient="bob@acme.example",
        language="en",
        template="password_changed",
        context={"links": {}},
    )
    mail.outbox.clear()
    deliver_due()
    after = scrape(client)
    failed = "portal_security_events_total"
    assert (
        value(after, failed, event="login_failed") - value(before, failed, event="login_failed")
        == 1
    )
    sent = value(after, "portal_mails_total", result="sent") - value(
        before, "portal_mails_total", result="sent"
    )
    assert sent == len(mail.outbox) == 1


def test_the_outbox_is_read_when_scraped(client):
    OutboxMessage.objects.create(
        recipient="x@example.com",
        language="en",
        template="t",
        created_at=timezone.now() - timedelta(minutes=10),
        next_attempt_at=timezone.now() + timedelta(hours=1),
    )
    text = scrape(client)
    assert value(text, "portal_outbox_pending") == 1
    assert 590 <= value(text, "portal_outbox_oldest_pending_age_seconds") <= 900
    assert "portal_task_queue_depth 0.0" in text

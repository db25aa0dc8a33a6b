"""`/metrics` (cms.core.ops.metrics): Prometheus text for operators only — requests by view and
status, latency and database query histograms, security events, e-mail outcomes, and the outbox
and task queues read at scrape time."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import caches
from django.utils import timezone
from prometheus_client import REGISTRY

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


def test_cache_operations_are_timed_and_reads_counted_as_hits_or_misses(client):
    cache = caches["default"]
    seconds = "portal_cache_operation_seconds_count"
    before = scrape(client)
    gets = value(before, seconds, operation="get")
    hits, misses = (value(before, "portal_cache_gets_total", result=r) for r in ("hit", "miss"))

    assert cache.get("metrics-test-absent", "fallback") == "fallback"
    cache.set("metrics-test-none", None)
    assert cache.get("metrics-test-none", "fallback") is None  # a stored None is a hit
    cache.set_many({"metrics-test-a": 1, "metrics-test-b": 2})

    after = scrape(client)  # the scrape's own request reads the cache too: counted from here
    assert value(after, seconds, operation="get") - gets >= 2
    assert value(after, "portal_cache_gets_total", result="miss") - misses >= 1
    assert value(after, "portal_cache_gets_total", result="hit") - hits >= 1
    assert value(after, seconds, operation="set") >= 1
    assert value(after, seconds, operation="set_many") >= 1
    assert 'portal_cache_operation_seconds_bucket{le="0.001",operation="get"}' in after


def test_the_reads_of_a_known_sequence_are_counted_exactly():
    """No request in between: the counters move by exactly what the code did."""
    cache = caches["default"]
    samples = [
        ("portal_cache_gets_total", {"result": "hit"}),
        ("portal_cache_gets_total", {"result": "miss"}),
        ("portal_cache_operation_seconds_count", {"operation": "get"}),
        ("portal_cache_operation_seconds_count", {"operation": "add"}),
    ]

    def read():
        return [REGISTRY.get_sample_value(name, labels) or 0 for name, labels in samples]

    before = read()
    cache.get("sequence-missing")
    cache.add("sequence-key", "v")
    cache.get("sequence-key")
    cache.get("sequence-key")
    assert [a - b for a, b in zip(read(), before, strict=True)] == [2, 1, 3, 1]

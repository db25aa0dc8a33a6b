"""The API's per-user and anonymous rates (helpdesk.api.throttling): the limit holds, the
answer says when to retry, each caller has an allowance of their own, a new window starts
fresh, and what the cache keeps per caller stays one number however busy the caller is."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from helpdesk.api.throttling import AnonThrottle, FixedWindowThrottle, UserThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(monkeypatch):
    cache.clear()
    monkeypatch.setattr(UserThrottle, "rate", "3/minute", raising=False)
    monkeypatch.setattr(AnonThrottle, "rate", "2/minute", raising=False)
    now = [6000.0]  # the start of a minute
    monkeypatch.setattr(FixedWindowThrottle, "timer", lambda self: now[0])
    return now


def codes(client, path, times):
    return [client.get(path).status_code for _ in range(times)]


def test_a_user_gets_their_allowance_then_429_with_retry_after(world, rates):
    client = world.client("A1")
    assert codes(client, "/api/v1/me/", 3) == [200, 200, 200]
    rates[0] += 20
    refused = client.get("/api/v1/me/")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert refused["Retry-After"] == "40"
    # Another user still has a whole allowance.
    assert codes(world.client("A2"), "/api/v1/me/", 3) == [200, 200, 200]


def test_anonymous_callers_are_counted_by_address(rates):
    """Every endpoint but the token one (which has its own rate) refuses anonymous callers
    before any throttle runs; the anonymous rate guards any that would not."""
    factory = APIRequestFactory()

    def allowed(address):
        request = Request(factory.get("/api/v1/", REMOTE_ADDR=address))
        request.user = AnonymousUser()
        return AnonThrottle().allow_request(request, view=None)

    assert [allowed("192.0.2.1") for _ in range(3)] == [True, True, False]
    assert allowed("192.0.2.2") is True


def test_the_next_window_starts_fresh(world, rates):
    client = world.client("A1")
    assert codes(client, "/api/v1/me/", 4) == [200, 200, 200, 429]
    rates[0] += 60
    assert codes(client, "/api/v1/me/", 4) == [200, 200, 200, 429]


def test_the_cache_keeps_one_number_per_caller_and_window(world, rates, monkeypatch):
    monkeypatch.setattr(UserThrottle, "rate", "1000/minute", raising=False)
    client = world.client("A1")
    assert set(codes(client, "/api/v1/me/", 30)) == {200}
    throttle_entries = {key: value for key, value in cache._cache.items() if "throttle_user" in key}
    assert len(throttle_entries) == 1
    (key,) = throttle_entries
    assert cache.get(key.split(":", 2)[2]) == 30

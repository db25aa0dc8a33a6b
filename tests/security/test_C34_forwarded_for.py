"""C-34: one notion of the client's address for every limit. The API's login throttle (and the
anonymous rate) counted DRF's raw X-Forwarded-For, so a caller who wrote a new header on each
request was never throttled. Now every throttle counts `cms.core.client_address.client_ip`:
the header is ignored without trusted proxies, and behind N proxies only the hop the outermost
one appended counts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from helpdesk.api.throttling import AnonThrottle, AuthThrottle, FixedWindowThrottle

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
WRONG = {"email": "nobody@example.com", "password": "not-the-password"}


@pytest.fixture
def login_rate(monkeypatch):
    monkeypatch.setattr(AuthThrottle, "THROTTLE_RATES", {"auth": "10/minute"})


def attempts(forwarded_for, remote="198.51.100.4", times=12):
    """Status codes of `times` wrong logins, the n-th with header `forwarded_for(n)`."""
    client = APIClient()
    return [
        client.post(
            TOKEN, WRONG, format="json", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for(n)
        ).status_code
        for n in range(times)
    ]


def test_C34_a_new_forwarded_header_per_request_does_not_escape_the_login_throttle(login_rate):
    codes = attempts(lambda n: f"203.0.113.{n}")
    assert codes[:10] == [400] * 10
    assert codes[10:] == [429, 429]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_C34_behind_a_proxy_only_the_hop_it_appended_counts(login_rate):
    # The client writes the first entries; our one proxy appends the address it saw.
    codes = attempts(lambda n: f"203.0.113.{n}, 192.0.2.77", remote="10.0.0.1")
    assert codes[10:] == [429, 429]
    # Another client behind the same proxy has an allowance of its own.
    other = APIClient().post(
        TOKEN, WRONG, format="json", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.78"
    )
    assert other.status_code == 400


def test_C34_the_anonymous_rate_counts_the_client_address(monkeypatch):
    """Endpoints refuse anonymous callers before throttles run; the rate guards any that would
    not, and a rotating header does not reset it either."""
    monkeypatch.setattr(AnonThrottle, "rate", "2/minute", raising=False)
    monkeypatch.setattr(FixedWindowThrottle, "timer", lambda self: 6000.0)
    factory = APIRequestFactory()

    def allowed(n):
        forwarded = f"203.0.113.{n}"
        request = Request(
            factory.get("/api/v1/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR=forwarded)
        )
        request.user = AnonymousUser()
        return AnonThrottle().allow_request(request, view=None)

    assert [allowed(n) for n in range(3)] == [True, True, False]

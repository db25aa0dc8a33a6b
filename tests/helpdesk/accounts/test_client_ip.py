"""C-12 / C-17 behind a reverse proxy: the per-IP reset limit and the axes lockout count the
client IP, taken from X-Forwarded-For only as far as `TRUSTED_PROXY_COUNT` trusts it."""

import pytest
from django.test import Client, RequestFactory, override_settings

from cms.core.client_address import client_ip
from helpdesk.models import OutboxMessage
from tests.factories import ContactFactory
from tests.factories.helpdesk import PASSWORD

PROXY = "10.0.0.1"
RESET = "/en/account/password-reset/"
LOGIN = "/en/account/login/"


def ip_of(forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


def test_C12_a_forged_x_forwarded_for_is_ignored_by_default():
    assert ip_of("203.0.113.9") == PROXY
    assert ip_of("203.0.113.9, 198.51.100.7") == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_C12_one_trusted_proxy_takes_the_address_it_appended():
    # The client forged the first entry; our proxy appended the address it really saw.
    assert ip_of("6.6.6.6, 198.51.100.7") == "198.51.100.7"
    assert ip_of("198.51.100.7") == "198.51.100.7"
    assert ip_of(" 2001:db8::1 ") == "2001:db8::1"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_C12_two_trusted_proxies_skip_the_inner_ones_entry():
    assert ip_of("6.6.6.6, 198.51.100.7, 10.0.0.2") == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
@pytest.mark.parametrize("forwarded", [None, "", "198.51.100.7", "not-an-ip, 10.0.0.2"])
def test_C12_a_short_or_malformed_header_falls_back_to_remote_addr(forwarded):
    assert ip_of(forwarded) == PROXY


def request_reset(email, **extra):
    return Client().post(RESET, {"email": email}, **extra)


def codes_sent():
    return OutboxMessage.objects.filter(template="password_reset_code").count()


@pytest.mark.django_db
@override_settings(PASSWORD_RESET_REQUESTS_PER_IP=3)
def test_C12_forged_headers_do_not_escape_the_per_ip_reset_limit(portal):
    users = [ContactFactory().user for _ in range(5)]
    for number, user in enumerate(users):
        request_reset(user.email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert codes_sent() == 3


@pytest.mark.django_db
@override_settings(PASSWORD_RESET_REQUESTS_PER_IP=3, TRUSTED_PROXY_COUNT=1)
def test_C12_behind_a_proxy_the_limit_is_per_client_not_per_proxy(portal):
    users = [ContactFactory().user for _ in range(5)]
    for number, user in enumerate(users):
        # Each request forges a fresh first entry; the proxy's entry is the same client.
        forwarded = f"203.0.113.{number}, 198.51.100.7"
        request_reset(user.email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert codes_sent() == 3
    request_reset(users[-1].email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert codes_sent() == 4  # another client behind the same proxy is not blocked


def login(email, password, **extra):
    return Client().post(LOGIN, {"username": email, "password": password}, **extra)


@pytest.mark.django_db
def test_C17_varying_a_forged_header_does_not_dodge_the_lockout(portal):
    ContactFactory(user__email="alice@acme.example")
    for number in range(5):
        forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"203.0.113.{number}"}
        assert login("alice@acme.example", "wrong-password", **forged).status_code == 200
    right = login("alice@acme.example", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert right.status_code == 200  # locked: the form again, not a redirect


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_C17_behind_a_proxy_the_lock_is_per_client(portal):
    ContactFactory(user__email="alice@acme.example")
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(5):
        assert login("alice@acme.example", "wrong-password", **attacker).status_code == 200
    assert login("alice@acme.example", PASSWORD, **attacker).status_code == 200  # locked
    alice = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert login("alice@acme.example", PASSWORD, **alice).status_code == 302

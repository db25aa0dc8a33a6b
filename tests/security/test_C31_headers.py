"""SECURITY C-31: the headers every response carries (the deploy check is in tests/cms)."""

import re

import pytest

from tests.factories import ContactFactory, TechnicianFactory

pytestmark = pytest.mark.django_db


def policy(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.parametrize("path", ["/en/", "/en/account/login/", "/en/no-such-page/"])
def test_C31_portal_pages_have_a_strict_csp(client, portal, path):
    response = client.get(path)
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    # The one inline style (the brand colour) carries the nonce of this response.
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_C31_the_nonce_changes_with_every_response(client, portal):
    first = client.get("/en/")["Content-Security-Policy"]
    second = client.get("/en/")["Content-Security-Policy"]
    assert first != second


def test_C31_logged_in_pages_too(client, portal):
    client.force_login(ContactFactory().user)
    assert policy(client.get("/en/tickets/"))["script-src"] == ["'self'"]


def test_C31_the_admin_has_its_own_policy(client, portal):
    client.force_login(TechnicianFactory())
    directives = policy(client.get("/admin/"))
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" in directives["script-src"]  # Wagtail's templates need it


def test_C31_common_security_headers(client, portal):
    response = client.get("/en/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_C31_no_gravatar_requests_from_the_admin(client, portal):
    client.force_login(TechnicianFactory())
    assert "gravatar.com" not in client.get("/admin/").content.decode()

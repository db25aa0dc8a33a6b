"""The whole-page cache for anonymous KB readers (kb.anonymous_cache): a stored page is served
without a query, never to a logged-in reader, never after the page became restricted or was
unpublished, and always with the current request's CSP nonce."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.models import KBArticlePage, KBRestriction, KBSettings

pytestmark = pytest.mark.django_db

OPEN_URL = "/en/kb/network/vpn/connect-to-the-vpn/"


@pytest.fixture
def anonymous_kb(kb, portal):
    row = KBSettings.for_site(portal)
    row.anonymous_access = True
    row.save()
    return kb


def style_nonce(response):
    return re.search(r'<style nonce="([^"]+)"', response.content.decode()).group(1)


def test_a_stored_page_is_served_without_a_query_and_with_a_fresh_nonce(
    client, anonymous_kb, django_assert_num_queries
):
    first = client.get(OPEN_URL)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(OPEN_URL)
    assert second.status_code == 200
    assert "Connect to the VPN" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    assert "private" in second["Cache-Control"]
    assert second["X-Frame-Options"] == "DENY"
    nonce = style_nonce(second)
    assert nonce != style_nonce(first)
    assert f"'nonce-{nonce}'" in second["Content-Security-Policy"]
    assert not second.cookies


def test_a_page_that_becomes_restricted_is_not_served_from_the_store(client, anonymous_kb, acme):
    assert client.get(OPEN_URL).status_code == 200
    KBRestriction.set_for(anonymous_kb.section.translation_key, [acme])
    response = client.get(OPEN_URL)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert "Connect to the VPN" not in response.content.decode()


def test_an_unpublished_page_is_not_served_from_the_store(client, anonymous_kb):
    assert client.get(OPEN_URL).status_code == 200
    KBArticlePage.objects.get(pk=anonymous_kb.article.pk).unpublish()
    # Not the stored page: the answer for any KB page an anonymous visitor cannot read (C-39).
    response = client.get(OPEN_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_a_logged_in_reader_gets_a_page_of_their_own(client, anonymous_kb, acme_user):
    client.get(OPEN_URL)  # stored for anonymous readers
    client.force_login(acme_user)
    html = client.get(OPEN_URL).content.decode()
    assert "Log out" in html
    assert 'name="helpful"' in html  # the vote form only a logged-in reader gets
    assert "Log in to vote" not in html


def test_urls_with_a_query_string_are_rendered_every_time(client, anonymous_kb):
    client.get(OPEN_URL + "?utm=1")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(OPEN_URL + "?utm=1")
    assert response.status_code == 200
    assert len(queries) > 0


def test_without_anonymous_access_nothing_is_stored(client, kb):
    assert client.get(OPEN_URL).status_code == 302
    assert client.get(OPEN_URL).status_code == 302
    kb_settings = KBSettings.objects.get()
    kb_settings.anonymous_access = True
    kb_settings.save()
    assert client.get(OPEN_URL).status_code == 200

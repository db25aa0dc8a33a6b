"""KB routing from the cache (kb.route_cache): a KB URL loads the page remembered for it
instead of walking the tree, and every change to the tree, a restriction or Wagtail's own
privacy settings still holds on the very next request."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from kb.models import KBSettings

from .builders import article

pytestmark = pytest.mark.django_db

OPEN_URL = "/en/kb/network/vpn/connect-to-the-vpn/"
SECRET_URL = "/en/kb/network/acme-gateways/acme-gateway-addresses/"


def tree_queries(client, url):
    """The queries that read pages themselves (the vote look-up only joins them)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    reads = ('FROM "wagtailcore_page"', 'FROM "kb_kbarticlepage"', 'FROM "wagtailcore_locale"')
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split(" WHERE")[0].endswith(reads) or any(r + " " in q["sql"] for r in reads)
    ]


def route_keys():
    return [key for key in cache._cache if ":kb:route:" in key]


def test_a_second_visit_reads_the_page_from_the_cache(client, kb, acme_user):
    client.force_login(acme_user)
    first = tree_queries(client, OPEN_URL)
    second = tree_queries(client, OPEN_URL)
    # The walk: the locale, home, its translation, the KB root, the path look-up and the
    # article, plus the breadcrumbs. From the cache: none (the page as loaded and the
    # breadcrumbs are kept per KB generation).
    assert second == []
    assert len(first) >= 6
    assert "Connect to the VPN" in client.get(OPEN_URL).content.decode()


def test_the_cached_route_never_lets_another_customer_read_a_restricted_article(
    client, kb, acme_user, globex_user
):
    client.force_login(acme_user)
    assert client.get(SECRET_URL).status_code == 200
    assert route_keys()
    client.force_login(globex_user)
    response = client.get(SECRET_URL)
    assert response.status_code == 404
    assert "Acme gateway addresses" not in response.content.decode()


def test_unpublishing_moving_and_renaming_are_seen_at_once(client, kb, acme_user):
    # English only (made after the trees were synced): no other language's copy answers
    # the old URL in its place (kb.fallback).
    page = article(kb.section, "VPN on a phone")
    client.force_login(acme_user)
    assert client.get("/en/kb/network/vpn/vpn-on-a-phone/").status_code == 200
    page.slug = "vpn-client"
    page.save_revision().publish()
    assert client.get("/en/kb/network/vpn/vpn-on-a-phone/").status_code == 404
    assert client.get("/en/kb/network/vpn/vpn-client/").status_code == 200

    page.refresh_from_db()
    page.move(kb.private_section, pos="last-child")
    moved_away = client.get("/en/kb/network/vpn/vpn-client/")  # Wagtail's automatic redirect
    assert moved_away.status_code == 301
    assert moved_away["Location"] == "/en/kb/network/acme-gateways/vpn-client/"
    assert client.get("/en/kb/network/acme-gateways/vpn-client/").status_code == 200

    page.refresh_from_db()
    page.unpublish()
    assert client.get("/en/kb/network/acme-gateways/vpn-client/").status_code == 404


def test_urls_with_arguments_are_not_stored(client, kb, acme_user):
    """Keyword pages take any slug: storing them would let visitors fill the cache."""
    client.force_login(acme_user)
    for word in ("alpha", "beta", "gamma"):
        client.get(f"/en/kb/keywords/{word}/")
    assert route_keys() == []
    client.get("/en/kb/search/?q=vpn")
    assert len(route_keys()) == 1  # the search route itself, whatever is searched


def test_wagtail_privacy_set_after_a_cached_visit_applies(client, kb, portal):
    settings_row = KBSettings.for_site(portal)
    settings_row.anonymous_access = True
    settings_row.save()
    assert client.get(OPEN_URL, HTTP_COOKIE="messages=x").status_code == 200
    # An editor makes the section private (Wagtail's "Privacy": a group only).
    restriction = PageViewRestriction.objects.create(
        page=kb.section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="VPN readers"))
    response = client.get(OPEN_URL, HTTP_COOKIE="messages=x")
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get(OPEN_URL, HTTP_COOKIE="messages=x").status_code == 200

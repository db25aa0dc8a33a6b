"""KB caching (issue 10, item 5): the article body is a cached fragment that a restricted
article never shares between customers, anonymous readers share one rendering, and a
revalidating browser gets 304 Not Modified in at most three queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.models import KBArticlePage, KBRestriction, KBSettings

pytestmark = pytest.mark.django_db

OPEN_URL = "/en/kb/network/vpn/connect-to-the-vpn/"
SECRET_URL = "/en/kb/network/acme-gateways/acme-gateway-addresses/"


@pytest.fixture(autouse=True)
def _no_cached_route(monkeypatch):
    """These tests change stored rows behind the caches to see which body fragment is served;
    the routed page, cached as loaded (kb.route_cache), would hide the change itself."""
    monkeypatch.setattr("kb.route_cache.TIMEOUT", 0)


def set_body_behind_the_cache(page, text):
    """Change the stored body without a publish (no signal, same revision): only a reader
    whose fragment is not cached sees the new text."""
    body = json.dumps([{"type": "heading", "value": text}])
    KBArticlePage.objects.filter(pk=page.pk).update(body=body)


def test_two_customers_never_share_a_cached_restricted_body(
    client, kb, acme, globex, acme_user, globex_user
):
    KBRestriction.set_for(kb.private_section.translation_key, [acme, globex])
    set_body_behind_the_cache(kb.secret, "Acme's body")
    client.force_login(acme_user)
    assert "Acme&#x27;s body" in client.get(SECRET_URL).content.decode()

    set_body_behind_the_cache(kb.secret, "Globex's body")
    client.force_login(globex_user)
    assert "Globex&#x27;s body" in client.get(SECRET_URL).content.decode()
    client.force_login(acme_user)
    html = client.get(SECRET_URL).content.decode()
    assert "Acme&#x27;s body" in html  # Acme's own fragment, still cached
    assert "Globex" not in html


def test_an_open_article_body_is_shared_and_a_publish_renews_it(client, kb, acme_user, globex_user):
    set_body_behind_the_cache(kb.article, "First body")
    client.force_login(acme_user)
    assert "First body" in client.get(OPEN_URL).content.decode()
    set_body_behind_the_cache(kb.article, "Second body")
    client.force_login(globex_user)
    assert "First body" in client.get(OPEN_URL).content.decode()  # the shared fragment
    page = KBArticlePage.objects.get(pk=kb.article.pk)
    page.save_revision().publish()
    assert "Second body" in client.get(OPEN_URL).content.decode()


def test_anonymous_visitors_share_a_rendering_of_open_articles_only(client, kb, portal):
    settings_row = KBSettings.for_site(portal)
    settings_row.anonymous_access = True
    settings_row.save()
    set_body_behind_the_cache(kb.article, "Anonymous body")
    assert "Anonymous body" in client.get(OPEN_URL).content.decode()
    set_body_behind_the_cache(kb.article, "Changed body")
    assert "Anonymous body" in client.get(OPEN_URL).content.decode()
    assert client.get(SECRET_URL).status_code == 302


def test_revalidation_answers_304_in_three_queries(
    client, kb, acme_user, django_assert_max_num_queries
):
    client.force_login(acme_user)
    response = client.get(SECRET_URL)
    etag = response["ETag"]
    with django_assert_max_num_queries(3):
        response = client.get(SECRET_URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert "private" in response["Cache-Control"]


def test_an_etag_is_good_only_for_its_viewer_and_generation(client, kb, acme_user, globex_user):
    client.force_login(acme_user)
    etag = client.get(SECRET_URL)["ETag"]
    client.force_login(globex_user)
    assert client.get(SECRET_URL, headers={"If-None-Match": etag}).status_code == 404
    client.force_login(acme_user)
    assert client.get(SECRET_URL, headers={"If-None-Match": etag}).status_code == 304
    KBRestriction.set_for(kb.private_section.translation_key, [])  # any KB change
    response = client.get(SECRET_URL, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_an_etag_is_not_reused_after_the_viewer_loses_access(client, kb, acme, acme_user):
    client.force_login(acme_user)
    etag = client.get(SECRET_URL)["ETag"]
    contact = acme_user.contact
    contact.portal_access = False
    contact.save()
    # No 304 and no page: the withdrawn reader is signed out (C-37), so sent to the login.
    response = client.get(SECRET_URL, headers={"If-None-Match": etag})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_related_articles_are_cached_per_customer(client, kb, acme_user, globex_user):
    """The related list is a cached fragment too: what Acme's reader was shown (an Acme-only
    article) never comes out of the cache for a Globex reader, and an Acme reader's second
    visit is answered from it."""
    from kb.models import KBRelatedArticle

    KBRelatedArticle.objects.create(page=kb.article, article=kb.secret)
    client.force_login(acme_user)
    assert "Acme gateway addresses" in client.get(OPEN_URL).content.decode()
    client.force_login(globex_user)
    html = client.get(OPEN_URL).content.decode()
    assert "Acme gateway" not in html
    assert "Related articles" not in html  # the only chosen one is unreadable; no sibling
    client.force_login(acme_user)
    with CaptureQueriesContext(connection) as queries:
        assert "Acme gateway addresses" in client.get(OPEN_URL).content.decode()
    assert not [q for q in queries if "kb_kbrelatedarticle" in q["sql"]]


def test_a_restricted_article_reads_each_cache_version_once(client, kb, acme_user, monkeypatch):
    """The KB generation is part of every KB key: read once per request, not once per key."""
    from collections import Counter

    from django.core.cache import caches

    client.force_login(acme_user)
    client.get(SECRET_URL)  # warm: the fragments and lookups are stored
    store, reads = caches["default"], Counter()
    get = store.get

    def counted_get(key, *args, **kwargs):
        reads[key] += 1
        return get(key, *args, **kwargs)

    monkeypatch.setattr(store, "get", counted_get)
    assert client.get(SECRET_URL).status_code == 200
    versions = {key: n for key, n in reads.items() if key.endswith((":version", ":generation"))}
    assert reads["kb:generation"] == 1
    assert len(versions) >= 4 and set(versions.values()) == {1}, versions
    assert set(reads.values()) == {1}, reads  # nor any other key twice
    # The KB's own lookups are keyed by the generation alone: no namespace version besides it.
    assert not [key for key in versions if key.startswith("vc:kb")], versions


def test_a_publish_within_a_request_is_seen_by_the_rest_of_it(kb):
    """A bump forgets the generation the request read, so what the request renders after its
    own change is not keyed (and cached) under the old generation."""
    from cms.core.versioned_cache import VersionsReadOnceMiddleware
    from kb.conditional import bump_generation, generation

    seen = []

    def view(request):
        seen.append(generation())
        seen.append(generation())
        bump_generation()
        seen.append(generation())

    VersionsReadOnceMiddleware(view)(None)
    assert seen[0] == seen[1] != seen[2]

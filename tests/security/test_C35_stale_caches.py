"""C-35: a cache never keeps what the rows said before a change (security round 2, finding 10).

The receivers that move cache versions on run inside the transaction of the save. A request from
another connection between the save and the commit still reads the old rows and stored them
under the version just moved on, for up to 300 s (a day for KB routes): a page that had just
been restricted went on being served. Versions now move again once the transaction commits.
KB ETags and the KB's page and route caches carry the release like the ticket ETag does, and
ETags compare weakly (a compressing proxy turns them into W/"…")."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from kb.models import KBRestriction, KBSettings
from tests.factories import ContactFactory, CustomerFactory
from tests.kb.builders import article, category, kb_root, section


def _kb_article(portal):
    return article(section(category(kb_root(portal), "Network"), "VPN"), "Connect", slug="connect")


def _in_another_connection(request):
    """`request()` in a thread of its own, so on a connection of its own."""
    result = {}

    def run():
        try:
            result["value"] = request()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result["value"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a second connection that does not see the open transaction (PostgreSQL)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_C35_a_page_read_before_the_commit_is_not_served_after_it(portal):
    acme = CustomerFactory(name="Acme Corp", portal=portal)
    globex_contact = ContactFactory(customer=CustomerFactory(name="Globex Ltd", portal=portal))
    page = _kb_article(portal)
    client = Client()
    client.force_login(globex_contact.user)
    assert client.get(page.url).status_code == 200

    with transaction.atomic():
        KBRestriction.set_for(page.translation_key, [acme])  # Globex may no longer read it
        # Between the save and the commit another request still sees the old rows.
        assert _in_another_connection(lambda: client.get(page.url).status_code) == 200

    assert client.get(page.url).status_code == 404


@pytest.mark.django_db
def test_C35_a_weak_etag_of_a_kb_article_revalidates(client, portal):
    page = _kb_article(portal)
    contact = ContactFactory(customer=CustomerFactory(portal=portal))
    client.force_login(contact.user)
    etag = client.get(page.url)["ETag"]

    assert client.get(page.url, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304


@pytest.mark.django_db
def test_C35_a_new_release_renders_the_kb_again(client, portal):
    page = _kb_article(portal)
    contact = ContactFactory(customer=CustomerFactory(portal=portal))
    client.force_login(contact.user)
    with override_settings(APP_VERSION="2026.12.1"):
        etag = client.get(page.url)["ETag"]
        assert client.get(page.url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with override_settings(APP_VERSION="2026.12.2"):
        again = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


def _queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_C35_a_new_release_misses_the_anonymous_page_store(portal):
    page = _kb_article(portal)
    settings_row = KBSettings.for_site(portal)
    settings_row.anonymous_access = True
    settings_row.save()
    anonymous = Client()
    with override_settings(APP_VERSION="2026.12.1"):
        anonymous.get(page.url)
        assert _queries_of(anonymous, page.url) == 0  # served from the store
    with override_settings(APP_VERSION="2026.12.2"):
        assert _queries_of(anonymous, page.url) > 0  # rendered by the new release

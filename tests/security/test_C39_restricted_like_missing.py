"""C-39: a restricted KB page and a missing one answer an anonymous visitor alike (security round
2, finding 11). A page the visitor may not read sent them to the login while a missing one
answered 404, so anyone could learn which slugs exist behind a restriction. Both now send an
anonymous visitor to the login (with ?next=); a signed-in reader gets the 404 page for both."""

import pytest
from django.test import Client

from kb.models import KBRestriction, KBSettings
from tests.factories import ContactFactory, CustomerFactory
from tests.kb.builders import article, category, kb_root, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def kb(portal):
    acme = CustomerFactory(name="Acme Corp", portal=portal)
    network = category(kb_root(portal), "Network")
    private = section(network, "Acme gateways", slug="acme-gateways")
    secret = article(private, "Gateway addresses", slug="gateway-addresses")
    KBRestriction.set_for(private.translation_key, [acme])
    return secret


def answer(client, path):
    response = client.get(path)
    location = response.get("Location", "")
    return response.status_code, location.split("?")[0]


@pytest.mark.parametrize("anonymous_reading", [False, True])
def test_C39_anonymous_visitors_cannot_tell_restricted_from_missing(kb, portal, anonymous_reading):
    row = KBSettings.for_site(portal)
    row.anonymous_access = anonymous_reading
    row.save()
    restricted = kb.url
    missing = kb.url.replace("gateway-addresses", "no-such-article")
    client = Client()

    assert answer(client, restricted) == answer(client, missing)
    status, location = answer(client, missing)
    assert (status, location) == (302, "/en/account/login/")
    assert client.get(missing)["Location"].endswith("?next=" + missing)


def test_C39_signed_in_readers_get_the_404_page_for_both(kb, portal):
    outsider = ContactFactory(customer=CustomerFactory(name="Globex Ltd", portal=portal))
    client = Client()
    client.force_login(outsider.user)
    missing = kb.url.replace("gateway-addresses", "no-such-article")

    assert client.get(kb.url).status_code == 404
    assert client.get(missing).status_code == 404

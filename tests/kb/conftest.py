from types import SimpleNamespace

import pytest
from django.core.cache import cache

from cms.core.locales import ensure_locales, sync_locale_trees
from kb.models import KBRestriction
from tests.factories import ContactFactory, CustomerFactory

from .builders import article, attach, category, document, kb_root, section


@pytest.fixture(autouse=True)
def _empty_cache():
    # Fragments and the cache generation live in the (per-process) cache; start each test clean.
    cache.clear()


@pytest.fixture
def acme(portal):
    return CustomerFactory(name="Acme Corp", portal=portal)


@pytest.fixture
def globex(portal):
    return CustomerFactory(name="Globex Ltd", portal=portal)


@pytest.fixture
def acme_user(acme):
    return ContactFactory(customer=acme, user__email="bob@acme.example").user


@pytest.fixture
def globex_user(globex):
    return ContactFactory(customer=globex, user__email="carol@globex.example").user


@pytest.fixture
def kb(portal, acme):
    """A KB with one open and one Acme-only section (with an attachment), in en, de and it."""
    root = kb_root(portal)
    network = category(root, "Network")
    vpn = section(network, "VPN")
    open_article = article(vpn, "Connect to the VPN", summary="Set up the VPN client.")
    private = section(network, "Acme gateways", slug="acme-gateways")
    secret = article(private, "Acme gateway addresses", summary="Where Acme's gateways are.")
    guide = document("acme-gateways.pdf")
    attach(secret, guide)
    KBRestriction.set_for(private.translation_key, [acme])
    ensure_locales()
    sync_locale_trees()
    return SimpleNamespace(
        root=root,
        category=network,
        section=vpn,
        article=open_article,
        private_section=private,
        secret=secret,
        document=guide,
    )

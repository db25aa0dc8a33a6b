"""The one reading policy at every door (SECURITY C-27, C-28)."""

import pytest
from wagtail.models import Locale

from kb.models import KBArticlePage, KBSettings
from tests.factories import ContactFactory, CustomerFactory, PortalFactory

from .builders import article, category, kb_root, section

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "de", "it")


def test_restriction_covers_the_subtree_and_every_translation(kb, globex_user, acme_user):
    readable = KBArticlePage.objects.readable_by(globex_user)
    assert kb.article in readable and kb.secret not in readable
    copies = KBArticlePage.objects.filter(translation_key=kb.secret.translation_key)
    assert copies.count() == 5  # en + four alias copies made by the tree sync
    assert not readable.filter(translation_key=kb.secret.translation_key).exists()
    assert readable.filter(translation_key=kb.article.translation_key).count() == 5
    acme_reads = KBArticlePage.objects.readable_by(acme_user)
    assert acme_reads.filter(translation_key=kb.secret.translation_key).count() == 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_C27_globex_gets_404_for_an_acme_only_article_in_every_language(
    client, kb, globex_user, language
):
    client.force_login(globex_user)
    assert client.get(f"/{language}/kb/network/vpn/connect-to-the-vpn/").status_code == 200
    for path in ("acme-gateways/", "acme-gateways/acme-gateway-addresses/"):
        assert client.get(f"/{language}/kb/network/{path}").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_C27_acme_reads_its_own_article_in_every_language(client, kb, acme_user, language):
    client.force_login(acme_user)
    url = f"/{language}/kb/network/acme-gateways/acme-gateway-addresses/"
    assert client.get(url).status_code == 200


def test_C27_globex_sees_the_restricted_pages_in_no_listing(client, kb, globex_user):
    client.force_login(globex_user)
    for language in LANGUAGES:
        for url in (f"/{language}/kb/", f"/{language}/kb/network/"):
            html = client.get(url).content.decode()
            assert "Acme gateway" not in html, url
            assert "VPN" in html


def test_C27_attachment_of_a_restricted_article(client, kb, globex_user, acme_user):
    url = kb.document.url
    client.force_login(globex_user)
    assert client.get(url).status_code == 404
    client.force_login(acme_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_C27_a_document_no_readable_page_uses_is_refused(client, kb, globex_user):
    from .builders import document

    loose = document("draft-notes.pdf")
    client.force_login(globex_user)
    assert client.get(loose.url).status_code == 404
    client.logout()
    assert client.get(loose.url).status_code == 302


def test_C27_anonymous_follows_the_setting_for_pages_and_documents(client, kb, portal):
    open_url = "/en/kb/network/vpn/connect-to-the-vpn/"
    secret_url = "/en/kb/network/acme-gateways/acme-gateway-addresses/"
    response = client.get(open_url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert client.get(kb.document.url).status_code == 302

    kb_settings = KBSettings.for_site(portal)
    kb_settings.anonymous_access = True
    kb_settings.save()
    assert client.get(open_url).status_code == 200
    assert client.get(secret_url).status_code == 302
    assert client.get(kb.document.url).status_code == 302
    assert "Acme gateway" not in client.get("/en/kb/").content.decode()


def test_C27_a_contact_of_another_portal_reads_nothing_of_this_one(client, kb):
    initech_portal = PortalFactory(hostname="support.initech.localhost")
    dave = ContactFactory(customer=CustomerFactory(name="Initech", portal=initech_portal)).user
    assert not KBArticlePage.objects.readable_by(dave).exists()
    client.force_login(dave)
    assert client.get("/en/kb/network/vpn/connect-to-the-vpn/").status_code == 404
    assert client.get(kb.document.url).status_code == 404

    own = article(section(category(kb_root(initech_portal), "Printers")), "Add a printer")
    assert list(KBArticlePage.objects.readable_by(dave)) == [own]


def test_staff_read_everything(kb, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    assert KBArticlePage.objects.readable_by(staff_user).filter(pk=kb.secret.pk).exists()


def test_C28_kb_responses_are_private(client, kb, acme_user):
    client.force_login(acme_user)
    response = client.get("/en/kb/network/acme-gateways/acme-gateway-addresses/")
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_the_sidebar_links_the_kb_only_to_readers(client, kb, globex_user):
    assert "/en/kb/" not in client.get("/en/").content.decode()
    client.force_login(globex_user)
    assert 'href="/de/kb/"' in client.get("/de/").content.decode()
    assert Locale.objects.filter(language_code="de").exists()


def test_C27_keyword_pages_list_only_readable_articles(client, kb, globex_user, acme_user):
    for page in (kb.article, kb.secret):
        page.keywords.add("gateway")
        page.save_revision().publish()
    kb.secret.keywords.add("acme-only")
    kb.secret.save_revision().publish()
    client.force_login(globex_user)
    html = client.get("/en/kb/keywords/gateway/").content.decode()
    assert "Connect to the VPN" in html and "Acme gateway" not in html
    assert client.get("/en/kb/keywords/acme-only/").status_code == 404
    client.force_login(acme_user)
    assert "Acme gateway" in client.get("/en/kb/keywords/gateway/").content.decode()


def test_C27_related_articles_skip_unreadable_ones(client, kb, globex_user):
    from kb.models import KBRelatedArticle

    KBRelatedArticle.objects.create(page=kb.article, article=kb.secret)
    KBRelatedArticle.objects.create(page=kb.article, article=kb.article)
    client.force_login(globex_user)
    html = client.get("/en/kb/network/vpn/connect-to-the-vpn/").content.decode()
    assert "Acme gateway" not in html

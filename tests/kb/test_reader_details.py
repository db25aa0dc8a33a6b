"""The KB as a reader meets it (issue 28, item 5): an attached file says its type and size,
untranslated articles are marked in the lists, the KB home has no empty heading, the
breadcrumbs start at the portal's name, and the thanks for a vote appear at the vote."""

import pytest
from django.utils.translation import override
from wagtail.models import Locale

from cms.core.locales import sync_locale_trees
from helpdesk.models import PortalSettings
from kb.models import ArticleRating, KBArticlePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "/{lang}/kb/network/acme-gateways/acme-gateway-addresses/"
VPN_ARTICLE = 'href="/{lang}/kb/network/vpn/connect-to-the-vpn/"'
MARK = '<span class="kb-untranslated" lang="{lang}">{text}</span>'


def test_an_attached_file_says_its_type_and_size(client, kb, acme_user):
    client.force_login(acme_user)
    html = client.get(SECRET.format(lang="en")).content.decode()
    assert 'acme-gateways.pdf</a> <span class="muted">(PDF, 13\xa0bytes)</span>' in html
    german = client.get(SECRET.format(lang="de")).content.decode()
    assert "(PDF, 13\xa0Bytes)" in german


def test_measuring_a_file_for_readers_saves_nothing(client, kb, acme_user):
    """A document made without Wagtail's upload has no recorded size: it is measured, not
    saved, since a document save moves the KB generation on (every cached KB page)."""
    from kb.conditional import generation

    before = generation()
    client.force_login(acme_user)
    assert "(PDF, 13\xa0bytes)" in client.get(SECRET.format(lang="en")).content.decode()
    kb.document.refresh_from_db()
    assert kb.document.file_size is None and generation() == before

    kb.document.file.storage.delete(kb.document.file.name)  # lost from the storage
    with override("en"):
        kb.secret.save_revision().publish()  # a fresh fragment
    assert (
        'acme-gateways.pdf</a> <span class="muted">(PDF)</span>'
        in client.get(SECRET.format(lang="en")).content.decode()
    )


def translate_article(source, language, title):
    """Turn the alias copy into a real translation, as wagtail-localize does on publish."""
    page = KBArticlePage.objects.get(
        translation_key=source.translation_key, locale=Locale.objects.get(language_code=language)
    )
    page.alias_of = None
    page.title = title
    with override(language):
        page.save()
        page.save_revision().publish()
    return page


def test_untranslated_articles_are_marked_in_the_lists_until_translated(client, kb, globex_user):
    client.force_login(globex_user)
    mark = MARK.format(lang="de", text="Noch nicht übersetzt")
    section = client.get("/de/kb/network/vpn/").content.decode()
    entry = section.split(VPN_ARTICLE.format(lang="de"), 1)[1].split("</li>", 1)[0]
    assert mark in entry
    # The entry's own text is the English source, and says so to screen readers.
    assert f'<li lang="en"><a {VPN_ARTICLE.format(lang="de")}>Connect to the VPN</a> ' in section
    assert "kb-untranslated" not in client.get("/en/kb/network/vpn/").content.decode()

    translate_article(kb.article, "de", "Mit dem VPN verbinden")
    section = client.get("/de/kb/network/vpn/").content.decode()
    assert ">Mit dem VPN verbinden</a>" in section
    assert "kb-untranslated" not in section


def test_the_kb_home_and_related_lists_mark_untranslated_articles(client, kb, globex_user):
    from .builders import article

    article(kb.section, "Fonts")  # a sibling: listed as related
    sync_locale_trees()  # its copies in the other languages, untranslated
    ArticleRating.objects.create(article=kb.article, user=UserFactory(), helpful=True)
    client.force_login(globex_user)
    home = client.get("/it/kb/").content.decode()
    helpful = home.split('<section class="kb-helpful">', 1)[1].split("</section>", 1)[0]
    assert MARK.format(lang="it", text="Non ancora tradotto") in helpful
    page = client.get("/fr/kb/network/vpn/connect-to-the-vpn/").content.decode()
    related = page.split('<section class="kb-related">', 1)[1].split("</section>", 1)[0]
    assert ">Fonts</a> " + MARK.format(lang="fr", text="Pas encore traduit") in related


def test_the_kb_home_shows_no_empty_heading(client, kb, globex_user):
    client.force_login(globex_user)
    html = client.get("/en/kb/").content.decode()
    assert "Most helpful articles" not in html  # nobody has voted yet
    assert "Recently updated articles" in html and VPN_ARTICLE.format(lang="en") in html

    ArticleRating.objects.create(article=kb.article, user=UserFactory(), helpful=True)
    html = client.get("/en/kb/").content.decode()
    helpful = html.split("Most helpful articles", 1)[1].split("</section>", 1)[0]
    assert VPN_ARTICLE.format(lang="en") in helpful


def test_the_breadcrumbs_start_at_the_portals_name(client, kb, portal, globex_user):
    row = PortalSettings.for_site(portal)
    row.portal_name = "Northwind Help"
    row.save()
    client.force_login(globex_user)
    for url in ("/en/kb/network/vpn/connect-to-the-vpn/", "/de/kb/network/vpn/"):
        html = client.get(url).content.decode()
        crumbs = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
        first = crumbs.split("<li>", 2)[1]
        assert first.startswith('<a href="/') and ">Northwind Help</a>" in first, url


def test_the_thanks_for_a_vote_appear_at_the_vote_not_above_the_article(client, kb, globex_user):
    client.force_login(globex_user)
    url = "/en/kb/network/vpn/connect-to-the-vpn/"
    response = client.post(f"{url}rating/", {"helpful": "yes"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#rating")
    html = response.content.decode()
    before, rating = html.split('id="rating"', 1)
    assert "Thank you for your feedback." in rating.split("</section>", 1)[0]
    assert "Thank you for your feedback." not in before
    assert 'class="message message-success"' in rating
    # Shown once: the next view of the page has no thanks, and gets its ETag again.
    again = client.get(url)
    assert "Thank you" not in again.content.decode() and again.has_header("ETag")

    response = client.post(f"{url}rating/", {"helpful": "maybe"}, follow=True)
    rating = response.content.decode().split('id="rating"', 1)[1].split("</section>", 1)[0]
    assert 'class="message message-error"' in rating and "Please choose Yes or No." in rating

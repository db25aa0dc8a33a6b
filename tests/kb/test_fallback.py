"""Untranslated KB pages (issue 8, items 6 and 7): the source content with a notice, status 200,
listed and found in every language; the language switcher reaches the same page."""

import pytest
from django.utils.translation import override
from wagtail.models import Locale

from kb.models import KBArticlePage, KBCategoryPage

pytestmark = pytest.mark.django_db

ARTICLE = "kb/network/vpn/connect-to-the-vpn/"
NOTICES = {
    "de": "Dieser Artikel ist noch nicht auf Deutsch verfügbar.",
    "fr": "Cet article n&#x27;est pas encore disponible en français.",
    "es": "Este artículo aún no está disponible en español.",
    "it": "Questo articolo non è ancora disponibile in italiano.",
}


@pytest.mark.parametrize("language", NOTICES)
def test_an_untranslated_article_shows_the_source_with_a_notice(client, kb, globex_user, language):
    client.force_login(globex_user)
    response = client.get(f"/{language}/{ARTICLE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICES[language] in html
    # The English source text, marked as English for screen readers (WCAG 3.1.2).
    assert '<p class="lead" lang="en">Set up the VPN client.</p>' in html
    assert '<div class="kb-body" lang="en">' in html


def test_the_source_language_and_a_real_translation_show_no_notice(client, kb, globex_user):
    client.force_login(globex_user)
    english = client.get(f"/en/{ARTICLE}").content.decode()
    assert "kb-fallback" not in english
    assert '<div class="kb-body">' in english  # the page's own language: no lang of its own
    german = translate_category(kb.category, "de", "Netzwerk", "netzwerk")
    assert german.alias_of_id is None
    response = client.get("/de/kb/netzwerk/")
    assert response.status_code == 200
    assert "kb-fallback" not in response.content.decode()


def test_untranslated_articles_appear_in_the_language_listings_and_search(client, kb, globex_user):
    client.force_login(globex_user)
    for url in ("/de/kb/network/vpn/", "/de/kb/", "/de/kb/search/?q=VPN"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'href="/de/kb/network/vpn/connect-to-the-vpn/"' in response.content.decode(), url


def test_the_language_switcher_leads_to_the_same_page_even_with_a_translated_slug(
    client, kb, globex_user
):
    translate_category(kb.category, "de", "Netzwerk", "netzwerk")
    client.force_login(globex_user)
    html = client.get(f"/en/{ARTICLE}").content.decode()
    assert f'href="/de/{ARTICLE}"' in html
    response = client.get(f"/de/{ARTICLE}")
    assert response.status_code == 200
    assert NOTICES["de"] in response.content.decode()
    # And back: the German category under its own slug switches to the English one.
    assert client.get("/en/kb/netzwerk/").status_code == 200


def test_a_page_missing_in_a_language_falls_back_to_the_source_never_404(client, kb, globex_user):
    KBArticlePage.objects.filter(
        translation_key=kb.article.translation_key, locale__language_code="it"
    ).delete()
    client.force_login(globex_user)
    response = client.get(f"/it/{ARTICLE}")
    assert response.status_code == 200
    assert NOTICES["it"] in response.content.decode()


def translate_category(source, language, title, slug):
    """Turn the alias copy into a real translation, as wagtail-localize does on publish."""
    page = KBCategoryPage.objects.get(
        translation_key=source.translation_key, locale=Locale.objects.get(language_code=language)
    )
    page.alias_of = None
    page.title, page.slug = title, slug
    with override(language):
        page.save()
        page.save_revision().publish()
    return page

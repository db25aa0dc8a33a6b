"""KB search: scoped by readable_by, current language, escaped highlighting, odd input (C-30)."""

import re

import pytest
from django.db import connection

from cms.core.locales import sync_locale_trees
from kb.highlight import highlight, terms
from kb.models import KBArticlePage
from kb.search import MAX_RESULTS, PAGE_SIZE, ResultsPage, search_articles
from tests.factories import PortalFactory

from .builders import article, category, kb_root, section

pytestmark = pytest.mark.django_db

# The candidate cap is the PostgreSQL backend's path; other backends rank every match.
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search candidate cap runs on PostgreSQL only"
)


def test_highlight_escapes_then_marks():
    html = str(highlight("<script>alert('vpn')</script> VPN", terms("vpn")))
    assert "<script>" not in html
    assert (
        html == "&lt;script&gt;alert(&#x27;<mark>vpn</mark>&#x27;)&lt;/script&gt; <mark>VPN</mark>"
    )


def test_search_finds_readable_articles_with_marks(client, kb, acme_user):
    client.force_login(acme_user)
    html = client.get("/en/kb/search/", {"q": "gateway"}).content.decode()
    assert "Acme <mark>gateway</mark> addresses" in html


def test_C27_search_never_shows_an_unreadable_article(client, kb, globex_user):
    client.force_login(globex_user)
    for language in ("en", "de", "it"):
        html = client.get(f"/{language}/kb/search/", {"q": "gateway"}).content.decode()
        assert "Acme" not in html
        assert "/tickets/new/" in html  # the empty state offers a new ticket
    html = client.get("/en/kb/search/", {"q": "VPN"}).content.decode()
    assert "Connect to the <mark>VPN</mark>" in html


def test_search_stays_in_the_current_language(client, kb, globex_user):
    client.force_login(globex_user)
    html = client.get("/de/kb/search/", {"q": "VPN"}).content.decode()
    assert 'href="/de/kb/network/vpn/connect-to-the-vpn/"' in html
    assert 'href="/en/kb/network/vpn/' not in html


def test_a_title_with_script_is_shown_escaped(client, kb, globex_user):
    article(kb.section, "<script>alert(1)</script> VPN tips", slug="script-tips")
    client.force_login(globex_user)
    html = client.get("/en/kb/search/", {"q": "tips"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; VPN <mark>tips</mark>" in html


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "a(b", "[*+?{", "\\", "OR AND NOT", "((((", "' OR 1=1 --", "—ü€"],
)
def test_C30_odd_input_never_fails(client, kb, globex_user, query):
    client.force_login(globex_user)
    assert client.get("/en/kb/search/", {"q": query}).status_code == 200


def test_C30_a_nul_character_is_the_clear_400_of_every_door(client, kb, globex_user):
    # No one types it and the database cannot store it: refused before the view (C-46).
    client.force_login(globex_user)
    response = client.get("/en/kb/search/", {"q": "vpn\x00x"})
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


def test_C30_very_long_input_is_refused_with_400(client, kb, globex_user):
    client.force_login(globex_user)
    response = client.get("/en/kb/search/", {"q": "vpn " * 25_000})
    assert response.status_code == 400


@pytest.fixture
def printers(kb):
    """Five readable printer articles and one Acme-only one."""
    for n in range(5):
        article(kb.section, f"Printer guide {n}", slug=f"printer-guide-{n}", summary="Printer")
    article(kb.private_section, "Acme printer secrets", slug="acme-printer", summary="Printer")


def test_a_search_counts_its_readable_hits(client, printers, globex_user):
    client.force_login(globex_user)
    html = client.get("/en/kb/search/", {"q": "printer"}).content.decode()
    assert "5 articles found" in html
    assert "Acme" not in html


def test_more_hits_than_listed_are_announced_and_pages_stay_in_range(
    client, printers, globex_user, monkeypatch
):
    monkeypatch.setattr("kb.search.MAX_RESULTS", 4)
    monkeypatch.setattr("kb.search.PAGE_SIZE", 3)
    client.force_login(globex_user)
    first = client.get("/en/kb/search/", {"q": "printer"}).content.decode()
    assert "More than 4 articles found" in first and "Page 1 of 2" in first
    last = client.get("/en/kb/search/", {"q": "printer", "page": "99"}).content.decode()
    assert "Page 2 of 2" in last and "Next" not in last
    junk = client.get("/en/kb/search/", {"q": "printer", "page": "x"}).content.decode()
    assert "Page 1 of 2" in junk
    listed = [
        title for html in (first, last) for title in re.findall(r"Printer</mark> guide \d", html)
    ]
    assert len(listed) == 4 and len(set(listed)) == 4
    assert "Acme" not in first + last


def test_results_come_in_the_backends_ranking_order(printers, globex_user, kb):
    from kb.models import KBArticlePage

    articles = KBArticlePage.objects.live().filter(locale_id=kb.root.locale_id)
    results = search_articles(articles, "printer guide")
    ranked = [page.pk for page in results[: MAX_RESULTS + 1]]
    assert len(ranked) == 5
    page = ResultsPage(search_articles(articles, "printer guide"), 1)
    assert [hit.pk for hit in page] == ranked[:PAGE_SIZE]


def test_under_the_cap_the_ranking_is_the_backends_own(printers, kb):
    article(kb.section, "Printer guide for printer drivers", slug="drivers", summary="printer")
    articles = KBArticlePage.objects.live().filter(locale_id=kb.root.locale_id)
    own = [page.pk for page in articles.search("printer guide", operator="and")[:MAX_RESULTS]]
    assert len(own) == 6
    assert [page.pk for page in search_articles(articles, "printer guide")[:MAX_RESULTS]] == own


def test_words_split_between_title_and_body_match_as_in_the_backend(kb):
    split = article(kb.section, "Printer setup", slug="printer-setup", summary="Refill the toner.")
    article(kb.section, "Toner only", slug="toner-only", summary="Nothing about the other word.")
    articles = KBArticlePage.objects.live().filter(locale_id=kb.root.locale_id)
    for query in ("printer toner", "the printer toner"):  # "the": a stop word on PostgreSQL
        own = [page.pk for page in articles.search(query, operator="and")]
        assert own == [split.pk]
        assert [page.pk for page in search_articles(articles, query)[:MAX_RESULTS]] == own


def small_cap(monkeypatch, candidates, results):
    monkeypatch.setattr("kb.search.CANDIDATES", candidates)
    monkeypatch.setattr("kb.search.MAX_RESULTS", results)


@postgres_only
def test_title_matches_are_candidates_before_newer_body_only_matches(kb, monkeypatch):
    small_cap(monkeypatch, candidates=3, results=2)
    titled = article(kb.section, "Printer setup", slug="printer-setup")
    for n in range(5):
        article(kb.section, f"Toner {n}", slug=f"toner-{n}", summary="Refill the printer toner.")
    articles = KBArticlePage.objects.live().filter(locale_id=kb.root.locale_id)
    candidates = list(search_articles(articles, "printer")[:100])
    # The oldest match is kept because it matches in its title; the newest body-only ones fill up.
    assert [page.slug for page in candidates] == ["printer-setup", "toner-4", "toner-3"]
    page = ResultsPage(search_articles(articles, "printer"), 1)
    assert [hit.pk for hit in page] == [titled.pk, candidates[1].pk]
    assert page.more


@postgres_only
def test_a_capped_search_always_says_there_are_more(kb, monkeypatch):
    small_cap(monkeypatch, candidates=1, results=4)
    for n in range(6):
        article(kb.section, f"Toner {n}", slug=f"toner-{n}", summary="Refill the printer toner.")
    for n in range(2):  # the newest: a title match must not take a second candidate slot
        article(kb.section, f"Printer guide {n}", slug=f"printer-guide-{n}")
    articles = KBArticlePage.objects.live().filter(locale_id=kb.root.locale_id)
    page = ResultsPage(search_articles(articles, "printer"), 1)
    assert page.count == 4 and page.more


@pytest.fixture
def newer_unreadable_matches(kb):
    """Three readable printer articles, then newer matches a Globex reader must not get: Acme-only
    ones, another portal's, and (after the tree sync) German and Italian copies of them all."""
    readable = [article(kb.section, f"Printer guide {n}", slug=f"guide-{n}") for n in range(3)]
    for n in range(3):
        article(kb.private_section, f"Acme printer {n}", slug=f"acme-printer-{n}")
    initech = section(category(kb_root(PortalFactory(hostname="initech.localhost")), "Devices"))
    for n in range(3):
        article(initech, f"Initech printer {n}", slug=f"initech-printer-{n}")
    sync_locale_trees()
    every_match = KBArticlePage.objects.live().search("printer", operator="and")
    assert len(list(every_match)) > 20  # all of them are indexed and match
    return {page.pk for page in readable}


@postgres_only
def test_the_read_scope_applies_before_the_cap(
    client, kb, globex_user, newer_unreadable_matches, monkeypatch
):
    small_cap(monkeypatch, candidates=3, results=2)
    articles = KBArticlePage.objects.readable_by(globex_user).descendant_of(kb.root)
    articles = articles.filter(locale_id=kb.root.locale_id)
    # Every candidate slot goes to a readable article, though the others are newer.
    assert {page.pk for page in search_articles(articles, "printer")[:100]} == (
        newer_unreadable_matches
    )
    client.force_login(globex_user)
    html = client.get("/en/kb/search/", {"q": "printer"}).content.decode()
    assert "More than 2 articles found" in html and html.count("Printer</mark> guide") == 2
    api = client.get("/api/v1/kb/articles/", {"q": "printer", "limit": 20}).json()["results"]
    assert {item["id"] for item in api} == newer_unreadable_matches

"""Knowledge-base journeys: browse, download, vote, search; a restricted page stays hidden."""

import pytest
from wagtail.documents import get_document_model

from kb.models import ArticleRating, KBArticlePage

from .browser import t
from .data import demo_user

ARTICLE = "/kb/network-and-vpn/vpn/connect-to-the-vpn/"
ACME_ONLY = "/kb/network-and-vpn/acme-gateways/acme-gateway-addresses/"


def click_to(ui, link, path):
    with ui.page.expect_navigation():
        link.click()
    assert ui.path() == path, ui.path()


@pytest.mark.parametrize("language", ["en", "de"])
def test_browse_download_vote_and_search(ui, language):
    alice = demo_user("alice@acme.example", language)
    ui.login("alice@acme.example", language=language)
    page = ui.page
    nav = page.get_by_role("navigation", name=t("Main navigation", language))
    click_to(ui, nav.get_by_role("link", name=t("Knowledge base", language)), f"/{language}/kb/")
    ui.assert_accessible("KB root")
    category = page.locator(f"main a[href='/{language}/kb/network-and-vpn/']").first
    click_to(ui, category, f"/{language}/kb/network-and-vpn/")
    ui.assert_accessible("KB category")
    section = page.locator(f"main a[href='/{language}/kb/network-and-vpn/vpn/']").first
    click_to(ui, section, f"/{language}/kb/network-and-vpn/vpn/")
    ui.assert_accessible("KB section")
    click_to(ui, page.locator(f"main a[href='/{language}{ARTICLE}']"), f"/{language}{ARTICLE}")
    article = KBArticlePage.objects.get(
        slug="connect-to-the-vpn", locale__language_code=language
    )  # the demo's German copy has a translated title
    assert page.locator("h1").inner_text() == article.title
    ui.assert_accessible("KB article")

    with page.expect_download() as download_info:
        page.locator(".kb-attachments").get_by_role("link", name="vpn-setup-guide.pdf").click()
    download = download_info.value
    stored = get_document_model().objects.get(title="vpn-setup-guide.pdf")
    with stored.file.open("rb") as original:
        assert download.path().read_bytes() == original.read()

    comment = f"The screenshots are outdated ({language})"
    rating = page.locator("#rating")
    rating.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        rating.get_by_role("button", name=t("No", language), exact=True).click()
    vote = ArticleRating.objects.get(user=alice, article__translation_key=article.translation_key)
    assert (vote.helpful, vote.comment) == (False, comment)
    assert page.locator("#rating textarea[name=comment]").input_value() == comment
    ui.assert_accessible("KB article after the vote")

    ui.goto(f"/{language}/kb/")
    page.fill("#kb-q", "printer")
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button").click()
    assert ui.path().startswith(f"/{language}/kb/search/")
    results = page.locator(".kb-results > li")
    assert results.count() >= 2
    assert page.locator(".kb-results mark").first.inner_text().lower() == "printer"
    assert "Acme gateway addresses" not in page.locator("main").inner_text()
    ui.assert_accessible("KB search")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_globex_contact_cannot_open_an_acme_only_article(ui, language):
    demo_user("carol@globex.example", language)
    ui.login("carol@globex.example", language=language)
    response = ui.goto(f"/{language}{ACME_ONLY}")
    assert response.status == 404
    assert page_heading(ui) == t("Page not found", language)
    assert "gw-ber.acme.example" not in ui.page.content()
    ui.assert_accessible("404 page")
    ui.goto(f"/{language}/kb/network-and-vpn/")
    assert "Acme gateways" not in ui.page.locator("main").inner_text()


def page_heading(ui):
    return ui.page.locator("h1").inner_text()

"""Staff in the Wagtail admin, and what contacts then see in the portal."""

import pytest
from wagtail.models import Locale

from helpdesk.models import Ticket
from kb.models import KBArticlePage, KBSectionPage

from .browser import DEMO_PASSWORD, BrowserSession, t
from .data import demo_user


def admin_login(session, email):
    session.goto("/admin/login/")
    session.page.fill("#id_username", email)
    session.page.fill("#id_password", DEMO_PASSWORD)
    with session.page.expect_navigation():
        session.page.locator("form button[type=submit]").first.click()
    assert session.path().startswith("/admin/") and "/login/" not in session.path()


@pytest.fixture
def staff(browser, live_portal, orm, request):
    """A second browser (own cookies) for the member of staff."""
    session = BrowserSession(browser, live_portal.url, "", request.node.name)
    yield session
    session.close()


@pytest.mark.parametrize("language", ["en", "de"])
def test_technician_answers_in_the_admin_and_the_contact_sees_it(ui, staff, language):
    bob = demo_user("bob@acme.example", language)
    ticket = (
        Ticket.objects.filter(requester=bob, assignee__email="tech@example.com")
        .exclude(status__code__in=["closed", "resolved"])
        .order_by("number")
        .first()
    )
    answer = f"Please restart the PDF viewer once ({language})."

    admin_login(staff, "tech@example.com")
    staff.goto("/admin/helpdesk/tickets/")
    with staff.page.expect_navigation():
        staff.page.get_by_role("link", name=ticket.title).first.click()
    assert staff.path() == f"/admin/helpdesk/tickets/{ticket.number}/"
    staff.page.fill("#id_reply-body", answer)
    with staff.page.expect_navigation():
        staff.page.locator("form[action$='/reply/'] button[type=submit]").click()
    reply = ticket.replies.order_by("-id").first()
    assert answer in reply.body
    assert (reply.is_internal, reply.author.email) == (False, "tech@example.com")

    ui.login("bob@acme.example", language=language)
    ui.goto(f"/{language}/tickets/")
    with ui.page.expect_navigation():
        ui.page.get_by_role("link", name=ticket.title).click()
    last = ui.page.locator(".timeline > li").last
    assert answer in last.inner_text()
    assert "Tom Tech" in last.inner_text()
    ui.assert_accessible("ticket page with the technician's answer")
    assert t("Reply", language) in ui.page.locator("#reply-heading").inner_text()


def open_new_article_form(staff, section):
    staff.goto(f"/admin/pages/add/kb/kbarticlepage/{section.pk}/")
    assert staff.page.locator("#id_title").is_visible()


def publish_button(staff):
    staff.page.get_by_role("button", name="More actions").click()
    return staff.page.locator("button[name=action-publish]")


def test_kb_editor_publishes_an_article(staff):
    section = KBSectionPage.objects.get(slug="vpn", locale__language_code="en")
    admin_login(staff, "editor@example.com")
    open_new_article_form(staff, section)
    staff.page.fill("#id_title", "Renew the VPN certificate")
    staff.page.fill("#id_summary", "What to do when the client says the certificate expired.")
    assert publish_button(staff).count() == 1


def path_of(page):
    return page.get_url_parts()[2]


def test_article_written_translated_with_wagtail_localize_and_read_in_german(ui, staff):
    """Written in English, translated into German; an English and a German reader each see
    their version. The superuser plays editor and translator (the demo has no translator)."""
    section = KBSectionPage.objects.get(slug="vpn", locale__language_code="en")
    title = "Reset the VPN token"
    german = "VPN-Token zurücksetzen"

    admin_login(staff, "admin@example.com")
    open_new_article_form(staff, section)
    staff.page.fill("#id_title", title)
    staff.page.fill("#id_summary", "Get a new token when the old one has expired.")
    with staff.page.expect_navigation():
        publish_button(staff).click()
    article = KBArticlePage.objects.get(title=title, locale__language_code="en")
    assert article.live

    copy = article.get_translation(Locale.objects.get(language_code="de"))
    staff.goto(f"/admin/pages/{copy.pk}/edit/")
    with staff.page.expect_navigation():
        staff.page.get_by_role("link", name="Translate this page").click()
    with staff.page.expect_navigation():
        staff.page.locator("input[type=submit]").last.click()  # German is preselected
    editor = staff.page
    editor.get_by_role("button", name="Translate").first.click()  # the title comes first
    editor.locator("textarea").first.fill(german)
    editor.get_by_role("button", name="Save").first.click()
    editor.get_by_text(german, exact=True).first.wait_for()
    with editor.expect_navigation():
        editor.get_by_role("button", name="Publish in Deutsch").click()
    copy.refresh_from_db()
    assert (copy.title, copy.alias_of_id, copy.live) == (german, None, True)

    demo_user("bob@acme.example", "de")
    ui.login("bob@acme.example", language="en")  # logging in switches to German
    assert ui.path() == "/de/"
    ui.goto("/de/kb/network-and-vpn/vpn/")
    with ui.page.expect_navigation():
        ui.page.get_by_role("link", name=german).click()
    assert ui.path() == path_of(copy)
    assert ui.page.locator("h1").inner_text() == german
    ui.assert_accessible("translated KB article")
    ui.logout()

    demo_user("alice@acme.example", "en")
    ui.login("alice@acme.example")
    ui.goto("/en/kb/network-and-vpn/vpn/")
    with ui.page.expect_navigation():
        ui.page.get_by_role("link", name=title).click()
    assert ui.path() == path_of(article)
    assert ui.page.locator("h1").inner_text() == title

"""axe-core on every portal page type, at desktop and mobile width, with screenshots of each
under var/screenshots/ (git-ignored); and a test that the checker itself catches a problem."""

import pytest

from helpdesk.models import Ticket

from .browser import MOBILE, BrowserSession, serious_violations

ANONYMOUS = "anonymous"
CONTACT = "alice@acme.example"


def _ticket_with_replies():
    """An open ticket with a conversation, so that the page shows the reply editor too."""
    ticket = (
        Ticket.objects.filter(requester__email=CONTACT, replies__is_internal=False)
        .exclude(status__code__in=["closed", "resolved"])
        .order_by("number")
        .first()
    )
    return f"/en/tickets/{ticket.number}/"


# (page type, who looks, path or a function returning it)
PAGE_TYPES = [
    ("login", ANONYMOUS, "/en/account/login/"),
    ("password-reset", ANONYMOUS, "/en/account/password-reset/"),
    ("password-reset-code", ANONYMOUS, "/en/account/password-reset/code/"),
    ("home", CONTACT, "/en/"),
    ("ticket-list", CONTACT, "/en/tickets/?scope=company"),
    ("ticket-page", CONTACT, _ticket_with_replies),
    ("new-ticket", CONTACT, "/en/tickets/new/"),
    ("profile", CONTACT, "/en/account/profile/"),
    ("app-settings", CONTACT, "/en/account/settings/"),
    ("kb-root", CONTACT, "/en/kb/"),
    ("kb-category", CONTACT, "/en/kb/network-and-vpn/"),
    ("kb-section", CONTACT, "/en/kb/network-and-vpn/vpn/"),
    ("kb-article", CONTACT, "/en/kb/network-and-vpn/vpn/connect-to-the-vpn/"),
    ("kb-search", CONTACT, "/en/kb/search/?q=vpn"),
    ("not-found", CONTACT, "/en/no-such-page/"),
]


def _params():
    for name, who, path in PAGE_TYPES:
        yield pytest.param(who, path, id=name)


@pytest.fixture(scope="module")
def contact_state(live_portal, browser, _e2e_database, django_db_blocker, tmp_path_factory):
    """Cookies of a logged-in demo contact, shared by the page checks (one login)."""
    with django_db_blocker.unblock():
        session = BrowserSession(browser, live_portal.url, "", "login")
        session.login(CONTACT)
        path = tmp_path_factory.mktemp("e2e") / "contact.json"
        session.save_cookies(path)
        session.close()
    return path


@pytest.mark.parametrize(("who", "path"), list(_params()))
def test_page_type_has_no_serious_violation(ui, request, contact_state, who, path):
    name = request.node.callspec.id
    if who != ANONYMOUS:
        ui.restart(contact_state)
    response = ui.goto(path() if callable(path) else path)
    assert response.status == (404 if name == "not-found" else 200)
    desktop = serious_violations(ui.page)
    ui.screenshot(f"e2e-{name}")
    ui.page.set_viewport_size(MOBILE)
    mobile = serious_violations(ui.page)
    assert (desktop, mobile) == ([], [])


def test_checker_finds_an_image_without_alt(ui):
    ui.goto("/en/account/login/")
    assert serious_violations(ui.page) == []
    ui.page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.src = "/static/home/favicon.svg";
            document.querySelector("main").appendChild(img);
        }"""
    )
    problems = serious_violations(ui.page)
    assert any(line.startswith("critical image-alt") for line in problems), problems


def test_page_with_a_message_has_no_serious_violation(ui):
    ui.goto("/en/account/password-reset/")
    ui.page.fill("#id_email", "nobody@example.org")
    with ui.page.expect_navigation():
        ui.page.locator("main form button[type=submit]").click()
    assert ui.page.locator(".messages .message").count() == 1
    assert serious_violations(ui.page) == []

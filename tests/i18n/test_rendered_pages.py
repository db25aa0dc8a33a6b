"""Every portal page rendered in de/fr/es/it shows no English UI text (on the demo data).

User data (ticket titles, names, KB page titles …) is blanked out first; KB content shown in
English as a fallback is marked lang="en" and skipped (tests/i18n/leaks.py)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import translation

from home.views import server_error

from .catalogs import LANGUAGES
from .leaks import LeakFinder, visible_strings
from .portal_pages import portal_pages, user_data

pytestmark = pytest.mark.django_db

# The status each page answers with: forms with errors 400, unknown pages 404.
EXPECTED_STATUS = {
    "ticket list, filter error": 400,
    "new ticket, errors": 400,
    "welcome link, invalid": 404,
    "welcome page, errors": 400,
    "404": 404,
}
REQUIRED_PAGES = {
    "home", "ticket list", "ticket page", "new ticket", "profile", "app settings", "login",
    "password reset", "password reset code", "welcome page", "e-mail change page",
    "no contact", "KB root", "KB category", "KB section",
    "KB search", "404",
}  # fmt: skip


def test_no_portal_page_shows_english_ui_text(client):
    call_command("seed_demo", stdout=io.StringIO())
    users = get_user_model().objects
    data = user_data()
    leaks, statuses, checked = {}, {}, 0
    for language in LANGUAGES:
        finder = LeakFinder(language)
        pages = portal_pages(language)
        assert {page.name for page in pages} >= REQUIRED_PAGES
        assert {"KB article", "KB article, fallback"} & {page.name for page in pages}
        for page in pages:
            client.logout()
            if page.who:
                client.force_login(users.get(email=page.who))
            response = client.post(page.url, page.data) if page.data else client.get(page.url)
            if response.status_code != EXPECTED_STATUS.get(page.name, 200):
                statuses[(language, page.name)] = (page.url, response.status_code)
                continue
            html = response.content.decode()
            found = finder.leaks(visible_strings(html, language), user_data=data)
            if found:
                leaks[(language, page.name, page.url)] = found
            checked += 1
    print(f"checked {checked} renders: {checked // len(LANGUAGES)} pages x {len(LANGUAGES)}")
    assert statuses == {}
    assert leaks == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_500_and_503_pages_show_no_english_ui_text(rf, language):
    """Rendered without a request context (the failure may be the database): checked here."""
    finder = LeakFinder(language)
    request = rf.get(f"/{language}/tickets/")
    found = {}
    with translation.override(language):
        pages = {"500": server_error(request)}
        try:
            raise DatabaseError("the database is down")
        except DatabaseError:
            pages["503"] = server_error(request)
    for name, response in pages.items():
        assert response.status_code == int(name)
        leaks = finder.leaks(visible_strings(response.content.decode(), language))
        if leaks:
            found[name] = leaks
    assert found == {}

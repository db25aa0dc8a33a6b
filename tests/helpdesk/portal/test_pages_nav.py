"""Every portal page type links to "+ New ticket" (the sidebar), as the seed asks."""

import pytest

from .conftest import body

pytestmark = pytest.mark.django_db

NEW_TICKET_LINK = '<a href="/en/tickets/new/" class="nav-primary'


def test_every_portal_page_type_has_the_new_ticket_link(client, a1, t_a1):
    client.force_login(a1)
    pages = {
        "home": "/en/",
        "list": "/en/tickets/",
        "detail": f"/en/tickets/{t_a1.number}/",
        "new": "/en/tickets/new/",
        "404": "/en/tickets/999999/",
        "400": "/en/tickets/?impact_secret=1&sort=nope",
    }
    for name, url in pages.items():
        response = client.get(url)
        expected = {"404": 404, "400": 400}.get(name, 200)
        assert response.status_code == expected, name
        html = body(response)
        assert NEW_TICKET_LINK in html, name
        assert "+ New ticket</a>" in html, name


def test_the_sidebar_marks_tickets_as_current(client, a1, t_a1):
    client.force_login(a1)
    html = body(client.get(f"/en/tickets/{t_a1.number}/"))
    assert '<a href="/en/tickets/" class=" is-current" aria-current="page">Tickets</a>' in html


def test_pages_work_in_every_language(client, a1, t_a1):
    client.force_login(a1)
    for lang in ("en", "de", "fr", "es", "it"):
        for url in ("tickets/", "tickets/new/", f"tickets/{t_a1.number}/"):
            response = client.get(f"/{lang}/{url}")
            assert response.status_code == 200, (lang, url)
            assert f'<html lang="{lang}">' in body(response)

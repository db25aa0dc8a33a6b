"""SECURITY C-46: input no person types and the database cannot store (a NUL character, a
100,000-character user name) is refused at the door with a clear 400 in the reader's language —
never a database error. The form fuzz (test_C46_portal_forms_hostile.py, PostgreSQL) found
both; these checks pin the two fixes on either database."""

import pytest

from helpdesk.accounts.lockout import USERNAME_MAX, axes_username

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        ("/en/tickets/?q=a%00b", "en", "The request could not be read"),
        ("/de/tickets/?q=a%00b", "de", "Die Anfrage konnte nicht gelesen werden"),
        ("/fr/kb/?q=%00", "fr", "La requête n\u2019a pas pu être lue"),
    ],
)
def test_C46_a_nul_character_in_a_query_is_a_translated_400(client, path, language, words):
    response = client.get(path)
    assert response.status_code == 400
    body = response.content.decode()
    assert f'<html lang="{language}"' in body and words in body


def test_C46_a_nul_character_in_a_form_saves_nothing(client, contact):
    from helpdesk.models import Ticket

    client.force_login(contact.user)
    data = {"title": "Printer\x00", "description": "x", "idempotency_key": "k\x00"}
    response = client.post("/en/tickets/new/", data)
    assert response.status_code == 400 and "error-code" in response.content.decode()
    assert not Ticket.objects.exists()


def test_C46_a_login_name_longer_than_an_address_is_stored_cut(client):
    assert len(axes_username(None, {"username": "x" * 100_000})) == USERNAME_MAX
    assert axes_username(None, {"username": "A\x00b@x.example"}) == "ab@x.example"
    response = client.post("/en/_util/login/", {"username": "x" * 100_000, "password": "p"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()

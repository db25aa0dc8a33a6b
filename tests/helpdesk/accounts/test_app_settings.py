import re

import pytest
from django.conf import settings

from tests.factories import ContactFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

SETTINGS = "/en/account/settings/"


def test_settings_need_login(client, portal):
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_settings_offer_the_five_languages_by_their_own_names(client, contact):
    client.force_login(contact.user)
    html = client.get(SETTINGS).content.decode()
    for name in ("English", "Français", "Deutsch", "Español", "Italiano"):
        assert name in html
    assert re.search(r'<input[^>]*value="en"[^>]*checked', html)


def test_choosing_a_language_saves_it_sets_the_cookie_and_moves_to_its_prefix(client, contact):
    client.force_login(contact.user)
    response = client.post(SETTINGS, {"language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/account/settings/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    contact.user.refresh_from_db()
    assert contact.user.language == "fr"
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_language_is_refused(client, contact):
    client.force_login(contact.user)
    response = client.post(SETTINGS, {"language": "xx"})
    assert response.status_code == 400
    contact.user.refresh_from_db()
    assert contact.user.language == "en"


def test_language_choice_persists_across_logout_and_login(client, portal):
    user = ContactFactory(user__email="bob@acme.example").user
    client.post("/en/account/login/", {"username": "bob@acme.example", "password": PASSWORD})
    client.post(SETTINGS, {"language": "it"})
    client.post("/it/account/logout/")
    response = client.post(
        "/en/account/login/", {"username": "bob@acme.example", "password": PASSWORD}
    )
    assert response["Location"] == "/it/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "it"
    user.refresh_from_db()
    assert user.language == "it"


def test_language_switch_is_post_only_with_csrf(contact):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(contact.user)
    assert csrf_client.post(SETTINGS, {"language": "de"}).status_code == 403
    contact.user.refresh_from_db()
    assert contact.user.language == "en"

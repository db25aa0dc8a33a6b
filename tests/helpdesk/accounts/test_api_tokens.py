"""API tokens (C-43): hashed, expiring, several per user; listed, created and revoked in My
profile; keys of the DRF table from before the upgrade keep working."""

import importlib
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from wagtail.models import APIToken

from helpdesk.accounts import api_tokens
from tests.factories import ContactFactory, api_token

pytestmark = pytest.mark.django_db

PROFILE = "/en/account/profile/"
ME = "/api/v1/me/"


@pytest.fixture
def alice(portal):
    return ContactFactory(user__email="alice@acme.example").user


def api_status(key):
    return APIClient().get(ME, HTTP_AUTHORIZATION=f"Token {key}").status_code


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_my_profile_lists_my_active_tokens_only(alice):
    mine, _ = api_tokens.issue(user=alice, name="Outlook add-in")
    revoked, _ = api_tokens.issue(user=alice, name="Old laptop")
    api_tokens.revoke(user=alice, pk=revoked.pk)
    api_tokens.issue(user=ContactFactory().user, name="Someone else's script")

    html = signed_in(alice).get(PROFILE).content.decode()

    assert "Outlook add-in" in html and f"{mine.prefix}…" in html
    assert "Old laptop" not in html and "Someone else" not in html


def test_a_token_made_in_my_profile_is_shown_once_and_opens_the_api(alice):
    client = signed_in(alice)
    response = client.post(PROFILE, {"action": "create_token", "name": "Backup script"})

    assert response.status_code == 200
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert api_status(key) == 200
    again = client.get(PROFILE).content.decode()
    assert "Backup script" in again and key not in again


def test_a_token_needs_a_name(alice):
    response = signed_in(alice).post(PROFILE, {"action": "create_token", "name": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not APIToken.objects.filter(user=alice).exists()


def test_revoking_a_token_closes_the_api_to_it(alice):
    token, key = api_tokens.issue(user=alice, name="Laptop")
    response = signed_in(alice).post(PROFILE, {"action": "revoke_token", "token": token.pk})
    assert response.status_code == 302
    assert api_status(key) == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("pk", ["other", "junk", "99999999999999999999999", ""])
def test_no_one_revokes_a_token_that_is_not_theirs(alice, pk):
    theirs, key = api_tokens.issue(user=ContactFactory().user, name="Theirs")
    target = theirs.pk if pk == "other" else pk
    response = signed_in(alice).post(PROFILE, {"action": "revoke_token", "token": target})
    assert response.status_code == 400
    assert api_status(key) == 200


def test_a_token_expires_after_its_lifetime_and_is_no_longer_listed(alice, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    _token, key = api_tokens.issue(user=alice, name="Short-lived")
    assert api_status(key) == 200
    with time_machine.travel(timezone.now() + timedelta(days=30, minutes=1)):
        assert api_status(key) == 401
        assert "Short-lived" not in signed_in(alice).get(PROFILE).content.decode()


def test_the_token_endpoint_says_when_the_token_expires(alice, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 90
    body = APIClient().post(
        "/api/v1/auth/token/",
        {"email": alice.email, "password": "correct-horse-battery-staple", "name": "CLI"},
    )
    assert body.status_code == 200
    token = APIToken.objects.get(user=alice)
    assert token.name == "CLI"
    expires = timezone.datetime.fromisoformat(body.json()["expires_at"])
    assert expires == token.created + timedelta(days=90)


def test_last_use_is_recorded_at_most_every_five_minutes(alice):
    token, key = api_tokens.issue(user=alice)
    assert token.last_used_at is None
    api_status(key)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    api_status(key)
    token.refresh_from_db()
    assert token.last_used_at == first
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        api_status(key)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_a_user_keeps_at_most_ten_tokens(alice):
    keys = [api_tokens.issue(user=alice, name=f"T{n}")[1] for n in range(11)]
    assert api_tokens.active_tokens(alice).count() == api_tokens.MAX_PER_USER == 10
    assert api_status(keys[0]) == 401  # the oldest made room
    assert api_status(keys[-1]) == 200


def test_keys_from_before_the_upgrade_keep_working_and_leave_the_clear_text_table(alice):
    old_key = Token.objects.create(user=alice).key
    migration = importlib.import_module("helpdesk.migrations.0009_api_tokens_hashed")

    migration.hash_existing_keys(apps, None)

    assert not Token.objects.exists()
    assert api_status(old_key) == 200
    (moved,) = APIToken.objects.filter(user=alice)
    assert old_key not in (moved.key_hash, moved.prefix) and moved.prefix == old_key[:8]


def test_the_helper_reuses_a_working_key(alice):
    assert api_token(alice) == api_token(alice)

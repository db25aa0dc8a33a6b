"""SECURITY C-43: recovery ends an attacker's access. After a password change, a reset by code
or a confirmed e-mail change, nothing issued before it works: no other session, no API token,
no pending e-mail change (the attacker's new address), no reset code. The person who made the
change stays signed in where they made it. The old address hears of an e-mail change before it
can take effect."""

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from wagtail.models import APIToken

from helpdesk.accounts import reset
from helpdesk.accounts.email_change import email_change_request
from helpdesk.models import AccountToken, OutboxMessage
from tests.factories import ContactFactory, api_token
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

PROFILE = "/en/account/profile/"
NEW = "a-fresh-long-passphrase-7"


@pytest.fixture
def alice(portal):
    return ContactFactory(user__email="alice@acme.example").user


@pytest.fixture
def attacker(alice):
    """What someone who had alice's password an hour ago kept: a session, an API token and a
    pending change of her login e-mail to their own address."""
    session = Client()
    session.force_login(alice)
    token = api_token(alice)
    email_change_request(user=alice, new_email="evil@attacker.example")
    link = OutboxMessage.objects.get(template="email_change_confirm").context["confirm_url"]
    return session, token, "/" + link.split("/", 3)[3]


def assert_attacker_is_out(alice, attacker):
    session, token, link = attacker
    assert session.get(PROFILE)["Location"].startswith("/en/account/login/")
    api = Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert api.status_code == 401 and "alice" not in api.content.decode()
    assert Client().post(link).status_code == 404
    alice.refresh_from_db()
    assert alice.email == "alice@acme.example"
    assert not APIToken.objects.filter(user=alice, revoked_at__isnull=True).exists()
    assert not AccountToken.objects.filter(user=alice).exists()


def test_C43_a_password_change_ends_every_other_access(alice, attacker):
    own = Client()
    own.force_login(alice)
    data = {
        "action": "password",
        "old_password": PASSWORD,
        "new_password1": NEW,
        "new_password2": NEW,
    }
    assert own.post(PROFILE, data).status_code == 302

    assert_attacker_is_out(alice, attacker)
    assert own.get(PROFILE).status_code == 200  # the one who changed it stays signed in


def test_C43_a_reset_by_code_ends_every_other_access(alice, attacker):
    assert reset.request_code(email=alice.email)
    code = OutboxMessage.objects.get(template="password_reset_code").context["code"]

    reset.reset_with_code(email=alice.email, code=code, password=NEW)

    assert_attacker_is_out(alice, attacker)


def test_C43_a_confirmed_email_change_ends_every_other_access(alice, attacker):
    session, token, _link = attacker
    reset.request_code(email=alice.email)  # a code mailed to the old address
    own = Client()
    own.force_login(alice)
    email_change_request(user=alice, new_email="alice@new.example")
    mine = OutboxMessage.objects.filter(template="email_change_confirm").latest("id")
    assert own.post("/" + mine.context["confirm_url"].split("/", 3)[3]).status_code == 302

    alice.refresh_from_db()
    assert alice.email == "alice@new.example"
    assert session.get(PROFILE)["Location"].startswith("/en/account/login/")
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    assert not AccountToken.objects.filter(user=alice).exists()  # reset code and links
    assert own.get(PROFILE).status_code == 200


def test_C43_the_old_address_is_told_before_the_change_can_take_effect(alice):
    email_change_request(user=alice, new_email="evil@attacker.example")
    told = OutboxMessage.objects.get(template="email_change_requested")
    assert told.recipient == "alice@acme.example"
    assert told.context["new_email"] == "evil@attacker.example"
    assert told.context["reset_url"].endswith("/en/account/password-reset/")
    alice.refresh_from_db()
    assert alice.email == "alice@acme.example"


def test_C43_sessions_from_before_the_upgrade_stay_valid(alice):
    # Generation 0 (every user after the migration) keeps Django's session hash.
    assert alice.access_generation == 0
    assert alice.get_session_auth_hash() == AbstractBaseUser._get_session_auth_hash(alice)

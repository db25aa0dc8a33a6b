"""SECURITY C-44: where staff two-factor authentication is required, no door gives technician
power for a password alone: not the token endpoint (a code is asked for), not a session on
/api/ or on the portal (refused until the second factor is verified), and tokens from before
the upgrade are not carried over for staff. Contacts are not affected."""

import importlib

import pytest
from django.apps import apps
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from wagtail.models import APIToken

from helpdesk.accounts import recovery_codes
from tests.factories import ContactFactory, TechnicianFactory, TicketFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal")]

TOKEN = "/api/v1/auth/token/"
TWO_FA = "/en/account/2fa/"


def code_for(device):
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


@pytest.fixture
def tech():
    user = TechnicianFactory(email="tom@provider.example")
    TicketFactory(title="Secret printer of Initech")
    return user


@pytest.fixture
def device(tech):
    return TOTPDevice.objects.create(user=tech, name="phone", confirmed=True)


def ask(**extra):
    return APIClient().post(TOKEN, {"email": "tom@provider.example", "password": PASSWORD, **extra})


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C44_a_password_alone_gets_staff_no_token(tech, device):
    for answer in (ask(), ask(otp="000000"), ask(otp="not-a-recovery-code")):
        assert answer.status_code == 400
        assert "otp" in answer.json()["error"]["fields"]
        assert "token" not in answer.json()
    assert not APIToken.objects.exists()


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C44_staff_without_an_authenticator_get_no_token(tech):
    assert ask(otp="123456").status_code == 400
    assert not APIToken.objects.exists()


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C44_a_current_code_or_a_recovery_code_gets_the_token(tech, device):
    first = ask(otp=code_for(device))
    assert first.status_code == 200
    (recovery,) = recovery_codes.issue(tech)[:1]
    assert ask(otp=recovery).status_code == 200
    assert ask(otp=recovery).status_code == 400  # each recovery code works once
    api = APIClient(HTTP_AUTHORIZATION=f"Token {first.json()['token']}")
    assert "Secret printer of Initech" in api.get("/api/v1/tickets/").content.decode()


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C44_a_staff_session_without_its_second_factor_reads_nothing(tech, device):
    client = Client()
    client.force_login(tech)

    api = client.get("/api/v1/tickets/")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "second_factor_required"
    assert "Secret printer" not in api.content.decode()
    page = client.get("/en/tickets/")
    assert page.status_code == 302 and page["Location"] == TWO_FA

    assert client.post(TWO_FA, {"token": code_for(device)}).status_code == 302
    assert "Secret printer" in client.get("/api/v1/tickets/").content.decode()
    assert client.get("/en/tickets/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C44_contacts_are_not_asked_for_a_second_factor():
    contact = ContactFactory(user__email="alice@acme.example").user
    answer = APIClient().post(TOKEN, {"email": contact.email, "password": PASSWORD})
    assert answer.status_code == 200
    client = Client()
    client.force_login(contact)
    assert client.get("/api/v1/tickets/").status_code == 200
    assert client.get("/en/tickets/").status_code == 200


def test_C44_without_the_requirement_staff_get_a_token_as_before(tech):
    assert ask().status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C44_staff_keys_from_before_the_upgrade_are_not_carried_over(tech):
    contact = ContactFactory().user
    staff_key = Token.objects.create(user=tech).key
    contact_key = Token.objects.create(user=contact).key
    migration = importlib.import_module("helpdesk.migrations.0009_api_tokens_hashed")

    migration.hash_existing_keys(apps, None)

    assert APIClient(HTTP_AUTHORIZATION=f"Token {staff_key}").get("/api/v1/me/").status_code == 401
    assert (
        APIClient(HTTP_AUTHORIZATION=f"Token {contact_key}").get("/api/v1/me/").status_code == 200
    )

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TWO_FA = "/en/account/2fa/"


def code_for(device):
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


@pytest.fixture
def admin_client(client, portal):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_without_the_setting_the_admin_opens_as_before(admin_client):
    assert admin_client.get("/admin/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C17_staff_2fa_enforced_with_a_test_enrolment(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FA)

    page = admin_client.get(TWO_FA)
    assert page.status_code == 200
    assert "otpauth://totp/" in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)

    assert admin_client.post(TWO_FA, {"token": "000000x"}).status_code == 400
    assert admin_client.get("/admin/").status_code == 302

    # django-otp slows down guessing after a wrong code: come back a few seconds later.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        device.refresh_from_db()
        response = admin_client.post(TWO_FA, {"token": code_for(device)})
    assert response.status_code == 200  # the recovery codes, shown once
    assert "Recovery codes" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert admin_client.get("/admin/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C17_an_enrolled_user_verifies_in_each_new_session(client, portal):
    user = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    assert "otpauth://" not in client.get(TWO_FA).content.decode()  # no new key shown
    assert client.post(TWO_FA, {"token": code_for(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_the_admin_login_page_stays_open_and_contacts_get_no_2fa_page(client, contact):
    assert client.get("/admin/login/").status_code == 200
    client.force_login(contact.user)
    assert client.get(TWO_FA).status_code == 302
    assert not TOTPDevice.objects.exists()


def enrol(client):
    """Enrol through the pages; returns the recovery codes shown at the end."""
    client.get(TWO_FA)
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post(TWO_FA, {"token": code_for(device)})
    assert page.status_code == 200
    return re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page.content.decode())


def new_session(user):
    client = Client()
    client.force_login(user)
    return client


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C17_enrolment_shows_ten_recovery_codes_once(admin_client):
    codes = enrol(admin_client)
    assert len(set(codes)) == 10
    assert admin_client.get("/admin/").status_code == 200  # enrolled and verified
    for later in (admin_client.get(TWO_FA), admin_client.get("/admin/")):
        assert not any(code in later.content.decode() for code in codes)
    assert StaticToken.objects.count() == 10


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C17_each_recovery_code_signs_in_once(client, portal):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    first, second, *_rest = enrol(client)

    other = new_session(user)
    assert other.post(TWO_FA, {"token": first.upper().replace("-", " ")}).status_code == 302
    assert other.get("/admin/").status_code == 200

    third = new_session(user)
    assert third.post(TWO_FA, {"token": first}).status_code == 400  # used up
    assert third.get("/admin/").status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):  # after the slow-down
        assert third.post(TWO_FA, {"token": second}).status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 8


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_C17_recovery_codes_belong_to_their_user(client, portal):
    owner = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(owner)
    codes = enrol(client)
    stranger = UserFactory(is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=stranger, name="phone", confirmed=True)
    assert new_session(stranger).post(TWO_FA, {"token": codes[0]}).status_code == 400
    assert StaticToken.objects.count() == 10


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_a_recovery_code_does_not_complete_an_enrolment(admin_client):
    admin_client.get(TWO_FA)
    assert admin_client.post(TWO_FA, {"token": "abcd-efgh"}).status_code == 400
    assert not TOTPDevice.objects.filter(confirmed=True).exists()

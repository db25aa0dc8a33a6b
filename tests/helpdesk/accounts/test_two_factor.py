from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
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
    assert response.status_code == 302
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

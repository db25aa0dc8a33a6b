import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from helpdesk.models import OutboxMessage
from tests.factories import ContactFactory, UserFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

PROFILE = "/en/account/profile/"
NEW_PASSWORD = "a-brand-new-passphrase-42"


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post(
        PROFILE,
        {
            "action": "password",
            "old_password": current,
            "new_password1": new,
            "new_password2": again or new,
        },
    )


def test_profile_needs_login(client, portal):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/?next=")


def test_profile_shows_the_fields_and_a_post_logout_button(client, contact):
    client.force_login(contact.user)
    html = client.get(PROFILE).content.decode()
    for name in ("first_name", "last_name", "job_title", "phone", "old_password"):
        assert f'name="{name}"' in html
    assert 'action="/en/account/logout/"' in html
    assert "alice@acme.example" in html


def test_profile_edit_saves_names_job_title_and_phone(client, contact):
    client.force_login(contact.user)
    response = client.post(
        PROFILE,
        {
            "action": "profile",
            "first_name": "Alice",
            "last_name": "Liddell",
            "job_title": "IT lead",
            "phone": "+41 44 123 45 67",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert (contact.user.first_name, contact.user.last_name) == ("Alice", "Liddell")
    assert (contact.job_title, contact.phone) == ("IT lead", "+41 44 123 45 67")


def test_C08_profile_ignores_privilege_fields(client, contact):
    other = ContactFactory()
    client.force_login(contact.user)
    client.post(
        PROFILE,
        {
            "action": "profile",
            "first_name": "Alice",
            "last_name": "L",
            "is_staff": "on",
            "is_superuser": "on",
            "is_active": "on",
            "email": "boss@acme.example",
            "is_main_contact": "on",
            "portal_access": "on",
            "customer": other.customer_id,
            "language": "de",
        },
    )
    contact.refresh_from_db()
    user = contact.user
    user.refresh_from_db()
    assert user.first_name == "Alice"
    assert not user.is_staff and not user.is_superuser
    assert user.email == "alice@acme.example"
    assert user.language == "en"
    assert not contact.is_main_contact
    assert contact.customer_id != other.customer_id


def test_profile_refuses_a_bad_phone_number(client, contact):
    client.force_login(contact.user)
    response = client.post(PROFILE, {"action": "profile", "phone": "<script>"})
    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.phone != "<script>"


def test_staff_without_contact_edits_names_only(client, portal):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    html = client.get(PROFILE).content.decode()
    assert 'name="job_title"' not in html
    response = client.post(PROFILE, {"action": "profile", "first_name": "Tess", "last_name": "T"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.first_name == "Tess"


def test_C14_wrong_current_password_is_refused(client, contact):
    client.force_login(contact.user)
    response = change_password(client, current="not-my-password")
    assert response.status_code == 400
    contact.user.refresh_from_db()
    assert contact.user.check_password(PASSWORD)
    assert not OutboxMessage.objects.filter(template="password_changed").exists()


def test_password_change_runs_djangos_validators(client, contact):
    client.force_login(contact.user)
    response = change_password(client, new="12345678")
    assert response.status_code == 400
    response = change_password(client, new=NEW_PASSWORD, again=NEW_PASSWORD + "x")
    assert response.status_code == 400
    contact.user.refresh_from_db()
    assert contact.user.check_password(PASSWORD)


def test_C14_password_change_keeps_this_session_ends_others_and_tells_the_user(
    client, configured_portal
):
    user = ContactFactory(user__email="alice@acme.example").user
    other = Client()
    other.force_login(user)
    client.force_login(user)
    before = client.session.session_key

    response = change_password(client)

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # This session continues under a new key; the other one is logged out.
    assert client.session.session_key != before
    assert client.get(PROFILE).status_code == 200
    assert other.get(PROFILE).status_code == 302
    assert SESSION_KEY not in other.session
    notice = OutboxMessage.objects.get(template="password_changed")
    assert notice.recipient == "alice@acme.example"
    assert notice.context["reset_url"].startswith("https://support.acme.example/en/")


def test_profile_and_password_forms_need_csrf(contact):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(contact.user)
    assert csrf_client.post(PROFILE, {"action": "profile", "first_name": "X"}).status_code == 403

"""C-24: every link an account e-mail carries (reset code, e-mail change, welcome, password
changed) starts with the portal's configured public base URL. A foreign Host header is refused
(DisallowedHost → 400); and even where a careless ALLOWED_HOSTS lets it through, the links
ignore it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from helpdesk.core.permissions import HELPDESK_MANAGERS_GROUP
from helpdesk.models import OutboxMessage
from tests.factories import ContactFactory, UserFactory
from tests.factories.helpdesk import PASSWORD

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db

EVIL = "evil.example"
NEW_PASSWORD = "x-new-long-passphrase"


def reset_request(contact):
    return Client(), "/en/account/password-reset/", {"email": contact.user.email}


def email_change(contact):
    client = Client()
    client.force_login(contact.user)
    data = {"action": "email", "new_email": "new@acme.example", "current_password": PASSWORD}
    return client, "/en/account/profile/", data


def password_change(contact):
    client = Client()
    client.force_login(contact.user)
    data = {
        "action": "password",
        "old_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }
    return client, "/en/account/profile/", data


def admin_welcome(contact):
    manager = UserFactory(is_staff=True)
    manager.groups.add(Group.objects.get(name=HELPDESK_MANAGERS_GROUP))
    client = Client()
    client.force_login(manager)
    return client, f"/admin/helpdesk/welcome/contact/{contact.pk}/", {}


FLOWS = {
    "password_reset_code": reset_request,
    "email_change_confirm": email_change,
    "password_changed": password_change,
    "welcome": admin_welcome,
}


@pytest.mark.parametrize("template", sorted(FLOWS))
def test_C24_a_foreign_host_is_refused_and_sends_nothing(configured_portal, template):
    contact = ContactFactory(user__email="alice@acme.example")
    client, url, data = FLOWS[template](contact)
    assert client.post(url, data, HTTP_HOST=EVIL).status_code == 400
    assert not OutboxMessage.objects.filter(template=template).exists()


@pytest.mark.parametrize("template", sorted(FLOWS))
def test_C24_links_use_the_configured_host_even_if_the_host_is_let_through(
    configured_portal, settings, template, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["*"]  # a careless deployment
    contact = ContactFactory(user__email="alice@acme.example")
    client, url, data = FLOWS[template](contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, HTTP_HOST=EVIL)
    assert response.status_code == 302
    (row,) = OutboxMessage.objects.filter(template=template)
    (sent,) = [email for email in mail.outbox if email.to == [row.recipient]]
    html = sent.alternatives[0][0]
    assert PUBLIC_BASE_URL in sent.body and f'href="{PUBLIC_BASE_URL}/' in html
    assert EVIL not in sent.body and EVIL not in html

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.utils import timezone, translation
from django.utils.translation import gettext

from helpdesk.accounts.welcome import contact_send_welcome, contacts_send_welcome
from helpdesk.models import AccountToken, OutboxMessage, PortalSettings
from helpdesk.notifications.delivery import render_email
from tests.factories import ContactFactory, UserFactory

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db

NEW = "my-first-long-passphrase"


def welcome_links(contact=None):
    rows = OutboxMessage.objects.filter(template="welcome").order_by("id")
    if contact:
        rows = rows.filter(recipient=contact.user.email)
    return [row.context["welcome_url"] for row in rows]


def path_of(url):
    return url.removeprefix(PUBLIC_BASE_URL)


def set_password(client, url, password=NEW, again=None):
    return client.post(
        path_of(url), {"new_password1": password, "new_password2": again or password}
    )


@pytest.fixture
def newcomer(configured_portal):
    return ContactFactory(user__email="new@acme.example", user__language="de")


def test_welcome_email_has_portal_url_login_and_a_link_in_the_contacts_language(newcomer):
    contact_send_welcome(contact=newcomer)
    message = OutboxMessage.objects.get(template="welcome")
    assert message.recipient == "new@acme.example"
    assert message.language == "de"
    email = render_email(message)
    assert f"{PUBLIC_BASE_URL}/de/" in email.body
    assert "new@acme.example" in email.body
    (url,) = welcome_links()
    assert url.startswith(f"{PUBLIC_BASE_URL}/de/account/welcome/")
    assert url in email.body and url in email.alternatives[0][0]


def test_welcome_token_is_stored_hashed_and_no_password_is_mailed(newcomer):
    contact_send_welcome(contact=newcomer)
    (url,) = welcome_links()
    secret = url.rstrip("/").rsplit("/", 1)[1]
    row = AccountToken.objects.get(user=newcomer.user)
    assert secret not in row.token_hash
    assert row.expires_at <= timezone.now() + timedelta(days=7)
    email = render_email(OutboxMessage.objects.get(template="welcome"))
    assert "password:" not in email.body.lower().replace("set your password", "")


def test_the_link_sets_the_first_password_and_logs_in(client, newcomer):
    contact_send_welcome(contact=newcomer)
    (url,) = welcome_links()
    assert client.get(path_of(url)).status_code == 200
    response = set_password(client, url)
    assert response.status_code == 302
    assert response["Location"] == "/de/"
    newcomer.user.refresh_from_db()
    assert newcomer.user.check_password(NEW)
    assert client.session[SESSION_KEY] == str(newcomer.user.pk)


def test_the_link_works_once(client, newcomer):
    contact_send_welcome(contact=newcomer)
    (url,) = welcome_links()
    set_password(client, url)
    assert client.get(path_of(url)).status_code == 404
    assert set_password(client, url, password="other-long-passphrase").status_code == 404


def test_resending_kills_the_old_link(client, newcomer):
    contact_send_welcome(contact=newcomer)
    contact_send_welcome(contact=newcomer)
    old, new = welcome_links()
    assert client.get(path_of(old)).status_code == 404
    assert client.get(path_of(new)).status_code == 200
    assert AccountToken.objects.filter(user=newcomer.user).count() == 1


def test_the_link_dies_after_seven_days(client, newcomer):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        contact_send_welcome(contact=newcomer)
        (url,) = welcome_links()
        clock.shift(timedelta(days=7, seconds=1))
        assert client.get(path_of(url)).status_code == 404


def test_weak_first_password_is_refused(client, newcomer):
    contact_send_welcome(contact=newcomer)
    (url,) = welcome_links()
    assert set_password(client, url, password="12345678").status_code == 400
    assert client.get(path_of(url)).status_code == 200  # still usable


def test_an_unknown_token_is_not_found(client, configured_portal):
    assert client.get("/en/account/welcome/not-a-token/").status_code == 404


def test_bulk_send_gives_each_contact_with_access_its_own_email(configured_portal):
    contacts = [ContactFactory() for _ in range(3)] + [ContactFactory(portal_access=False)]
    assert contacts_send_welcome(contacts=contacts) == 3
    assert len(set(welcome_links())) == 3


def test_subject_and_intro_from_the_portal_settings_in_the_contacts_language(newcomer):
    PortalSettings.objects.filter(site=newcomer.customer.portal).update(
        welcome_subject={"de": "Willkommen bei Acme & Co", "fr": "Bienvenue"},
        welcome_intro={"de": "Ihr neues Portal.\nBei Fragen: <b>Hotline</b>"},
    )
    contact_send_welcome(contact=newcomer)
    email = render_email(OutboxMessage.objects.get(template="welcome"))
    html = email.alternatives[0][0]
    assert email.subject == "Willkommen bei Acme & Co"
    assert "Ihr neues Portal.\nBei Fragen: <b>Hotline</b>" in email.body
    assert "Ihr neues Portal.<br>Bei Fragen: &lt;b&gt;Hotline&lt;/b&gt;" in html


def test_without_a_text_for_the_language_the_standard_one_is_used(configured_portal):
    PortalSettings.objects.filter(site=configured_portal).update(
        welcome_subject={"de": "Willkommen bei Acme"}, welcome_intro={"de": "Hallo"}
    )
    contact = ContactFactory(user__language="it")
    contact_send_welcome(contact=contact)
    email = render_email(OutboxMessage.objects.get(template="welcome"))
    with translation.override("it"):
        standard = gettext("Welcome to %(portal_name)s") % {"portal_name": "Service Portal"}
    assert email.subject == standard != "Welcome to Service Portal"
    assert "Hallo" not in email.body


def test_the_admin_edits_subject_and_intro_per_language(client, configured_portal):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = f"/admin/settings/helpdesk/portalsettings/{configured_portal.pk}/"
    page = client.get(url).content.decode()
    for code in ("en", "fr", "de", "es", "it"):
        assert f'name="welcome_subject_{code}"' in page
        assert f'name="welcome_intro_{code}"' in page
    form = PortalSettings.for_site(configured_portal)
    data = {
        "portal_name": form.portal_name,
        "primary_colour": form.primary_colour,
        "public_base_url": form.public_base_url,
        "support_email": "",
        "max_upload_mb": 10,
        "contacts_may_close": "on",
        "welcome_auto_send": "on",
        "welcome_subject_de": "  Willkommen  ",
        "welcome_subject_fr": "",
        "welcome_intro_en": "Hello there",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = PortalSettings.objects.get(site=configured_portal)
    assert stored.welcome_auto_send is True
    assert stored.welcome_subject == {"de": "Willkommen"}
    assert stored.welcome_intro == {"en": "Hello there"}

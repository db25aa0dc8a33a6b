"""Every e-mail (account and ticket notifications) renders in every language: text and HTML, a
translated subject on one line, links on the configured host, no template syntax or
placeholders left. Built through the services, so the context is the real one."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from helpdesk import notifications
from helpdesk.accounts import email_change, reset, services, welcome
from helpdesk.models import AccountToken, OutboxMessage
from helpdesk.notifications.delivery import render_email
from tests.factories import ContactFactory, ReplyFactory, TechnicianFactory, TicketFactory

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def password_changed(user):
    services.password_set(user=user, password="another-long-passphrase")


def password_reset_code(user):
    reset.request_code(email=user.email)


def welcome_email(user):
    welcome.contact_send_welcome(contact=user.contact)


def email_change_confirm(user):
    email_change.email_change_request(user=user, new_email=f"new.{user.email}")


def email_changed(user):
    email_change.email_change_request(user=user, new_email=f"new.{user.email}")
    token = AccountToken.objects.get(user=user, purpose="email_change")
    email_change.email_change_confirm(token=token)


def contact_in(language):
    return ContactFactory(user__language=language, user__first_name="Bob").user


def account_email(make):
    return lambda language: make(contact_in(language))


def ticket_created_staff(language):
    TechnicianFactory(language=language)
    notifications.ticket_created(TicketFactory(title="Printer & scanner"))


def ticket_reply_staff(language):
    TechnicianFactory(language=language)
    notifications.reply_added(ReplyFactory(ticket__title="Printer & scanner"))


def ticket_reply_contact(language):
    ticket = TicketFactory(contact__user__language=language, title="Printer & scanner")
    notifications.reply_added(ReplyFactory(ticket=ticket, author=TechnicianFactory()))


def ticket_resolved(language):
    ticket = TicketFactory(contact__user__language=language, title="Printer & scanner")
    notifications.ticket_resolved(ticket, by=TechnicianFactory())


# Every e-mail in templates/emails, made the way the application makes it (real context).
MAKERS = {
    "email_change_confirm": account_email(email_change_confirm),
    "email_change_requested": account_email(email_change_confirm),
    "email_changed": account_email(email_changed),
    "password_changed": account_email(password_changed),
    "password_reset_code": account_email(password_reset_code),
    "welcome": account_email(welcome_email),
    "ticket_created_staff": ticket_created_staff,
    "ticket_reply_contact": ticket_reply_contact,
    "ticket_reply_staff": ticket_reply_staff,
    "ticket_resolved": ticket_resolved,
}
# Staff e-mails link to the admin (WAGTAILADMIN_BASE_URL), everything else to the portal.
STAFF_EMAILS = {"ticket_created_staff", "ticket_reply_staff"}
ADMIN_BASE_URL = "https://admin.acme.example"


@pytest.fixture(autouse=True)
def configured_admin_url(settings):
    settings.WAGTAILADMIN_BASE_URL = ADMIN_BASE_URL


def test_every_email_template_is_checked_here():
    folder = Path(settings.BASE_DIR) / "templates" / "emails"
    names = {
        path.name.removesuffix(".html")
        for path in folder.glob("*.html")
        if path.name != "base.html" and not path.name.startswith("_")  # layout, partials
    }
    assert names == set(MAKERS)
    for name in names:
        assert (folder / f"{name}.txt").exists() and (folder / f"{name}_subject.txt").exists()


def rendered(template, language):
    MAKERS[template](language)
    message = OutboxMessage.objects.filter(template=template).latest("id")
    assert message.language == language
    return render_email(message)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sorted(MAKERS))
def test_every_email_renders_in_every_language(configured_portal, template, language):
    email = rendered(template, language)
    html = email.alternatives[0][0]
    assert email.subject and "\n" not in email.subject
    assert "&amp;" not in email.subject  # a subject is plain text
    assert len(email.to) == 1
    for body in (email.body, html, email.subject):
        assert "{{" not in body and "{%" not in body and "%(" not in body
    link = (
        f"{ADMIN_BASE_URL}/admin/" if template in STAFF_EMAILS else f"{PUBLIC_BASE_URL}/{language}/"
    )
    assert link in email.body
    assert f'href="{link}' in html
    assert f'<html lang="{language}">' in html


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
@pytest.mark.parametrize("template", sorted(MAKERS))
def test_every_email_subject_is_translated(configured_portal, template, language):
    english = rendered(template, "en").subject
    with translation.override("en"):
        assert rendered(template, language).subject != english


def test_C24_html_in_a_name_is_escaped_in_the_html_part(configured_portal):
    user = ContactFactory(user__first_name='Bob <a href="https://evil.example">x</a>').user
    password_changed(user)
    email = render_email(OutboxMessage.objects.get(recipient=user.email))
    html = email.alternatives[0][0]
    assert '<a href="https://evil.example">' not in html
    assert "&lt;a href=" in html


def test_C24_links_ignore_a_hostile_host_header(client, configured_portal):
    from tests.factories.helpdesk import PASSWORD

    contact = ContactFactory(user__email="alice@acme.example")
    client.force_login(contact.user)
    refused = client.post(
        "/en/account/profile/",
        {
            "action": "password",
            "old_password": PASSWORD,
            "new_password1": "x-new-long-passphrase",
            "new_password2": "x-new-long-passphrase",
        },
        HTTP_HOST="evil.example",
    )
    assert refused.status_code == 400  # DisallowedHost
    client.post(
        "/en/account/profile/",
        {
            "action": "password",
            "old_password": PASSWORD,
            "new_password1": "x-new-long-passphrase",
            "new_password2": "x-new-long-passphrase",
        },
        HTTP_HOST="localhost",
    )
    message = OutboxMessage.objects.get(template="password_changed")
    assert message.context["reset_url"].startswith(PUBLIC_BASE_URL + "/")
    assert "localhost" not in render_email(message).body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notes_to_addresses_without_an_account_render_in_every_language(
    configured_portal, language
):
    """C-42: the same templates also tell an address no account may use that nothing was sent
    (a reset) or that it is taken (an e-mail change), in the language of the request."""
    reset.request_code(email="nobody@acme.example", language=language)
    ContactFactory(user__email="taken@acme.example")
    email_change.email_change_request(user=contact_in(language), new_email="taken@acme.example")
    for template in ("password_reset_code", "email_change_confirm"):
        message = OutboxMessage.objects.filter(template=template).latest("id")
        assert message.language == language
        email = render_email(message)
        html = email.alternatives[0][0]
        for body in (email.body, html, email.subject):
            assert "{{" not in body and "%(" not in body and "None" not in body
        assert f'<html lang="{language}">' in html
        assert "http" not in email.body.replace(PUBLIC_BASE_URL, "")  # no link but the portal's
        if language != "en":
            with translation.override("en"):
                assert "Someone asked" not in email.body

"""Welcome e-mails (SPEC §4.4): the portal's address, the login e-mail and a one-time link to
set a password — never a password. The link's token is stored hashed, lives 7 days, and a
resend replaces it (the older link dies). Subject and introduction come from the portal's
settings in the contact's language, else the translated standard text."""

import secrets
from datetime import timedelta

from django.db import transaction

from cms.core.per_language import text_in

from ..core.links import portal_base_url
from ..models import AccountToken, Contact, PortalSettings, TokenPurpose
from . import services, tokens

LINK_LIFETIME = timedelta(days=7)


def may_receive_welcome(contact) -> bool:
    """Only someone who could log in with the password the link sets."""
    return contact.portal_access and contact.user.is_active and contact.customer.is_active


@transaction.atomic
def contact_send_welcome(*, contact):
    """Queue the welcome e-mail for one contact; returns the outbox row."""
    user = contact.user
    secret = secrets.token_urlsafe(32)
    tokens.issue(user=user, purpose=TokenPurpose.WELCOME, secret=secret, lifetime=LINK_LIFETIME)
    language = services.email_language(user)
    portal = contact.customer.portal
    portal_settings = PortalSettings.for_site(portal)
    return services.account_email(
        user=user,
        template="welcome",
        context={
            "portal_url": f"{portal_base_url(portal)}/{language}/",
            "custom_subject": text_in(portal_settings.welcome_subject, language),
            "custom_intro": text_in(portal_settings.welcome_intro, language),
        },
        links={"welcome_url": ("account:welcome", [secret])},
    )


def contacts_send_welcome(*, contacts) -> int:
    """Each contact with portal access gets its own e-mail (and its own link)."""
    sent = 0
    for contact in contacts:
        if may_receive_welcome(contact):
            contact_send_welcome(contact=contact)
            sent += 1
    return sent


def send_welcome_after_commit(contact_id):
    """For the automatic welcome, once the contact's save is committed: look again (access may
    have been withdrawn meanwhile) and send."""
    contact = (
        Contact.objects.select_related("user", "customer__portal").filter(pk=contact_id).first()
    )
    if contact is None or not may_receive_welcome(contact):
        return
    contact_send_welcome(contact=contact)


def live_welcome_token(secret: str):
    digest = tokens.token_hash(secret, purpose=TokenPurpose.WELCOME)
    return (
        tokens.live(AccountToken.objects.filter(purpose=TokenPurpose.WELCOME, token_hash=digest))
        .select_related("user")
        .filter(user__is_active=True)
        .first()
    )


@transaction.atomic
def set_first_password(*, token, password) -> bool:
    """Use the link once: False when a parallel request used it first."""
    if not tokens.consume(token):
        return False
    services.password_set(user=token.user, password=password, notify=False)
    return True

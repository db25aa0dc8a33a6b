"""Account writes (DESIGN rule 2): keyword-only, atomic; views stay thin."""

from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from wagtail.models import Site

from cms.core.logs import security_event

from ..core.links import portal_link
from ..models import PortalSettings
from ..notifications.outbox import queue_email
from .access import end_other_access


def portal_for(user):
    """The portal a user's e-mails link to: their customer's, else the default one (staff)."""
    contact = getattr(user, "contact", None)
    if contact is not None:
        return contact.customer.portal
    return Site.objects.get(is_default_site=True)


def portal_or_default(portal_id):
    """The portal of this id (e.g. the one a request came through), else the default one."""
    return (Site.objects.filter(pk=portal_id).first() if portal_id else None) or Site.objects.get(
        is_default_site=True
    )


def stranger(email, language=None):
    """The addressee of an account e-mail to an address no account may use (C-42): no name,
    no contact, the language of the request that caused it."""
    return SimpleNamespace(
        email=email, language=language, contact=None, get_short_name=lambda: "", is_known=False
    )


def email_language(user) -> str:
    return user.language if user.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def account_email(*, user, template, context=None, links=None, to=None, portal=None):
    """Queue an account e-mail in the user's language. `links` maps context names to URL names
    (or (name, args)); they become absolute links on the portal's configured base URL (the
    user's portal unless `portal` is given). `known` tells the template whether `user` is an
    account or a `stranger`."""
    portal = portal or portal_for(user)
    language = email_language(user)
    full = {
        "name": user.get_short_name(),
        "email": user.email,
        "known": getattr(user, "is_known", True),
        "portal_name": PortalSettings.for_site(portal).portal_name,
        "login_url": portal_link("account:login", portal=portal, language=language),
    }
    for key, target in (links or {}).items():
        viewname, args = target if isinstance(target, tuple) else (target, None)
        full[key] = portal_link(viewname, portal=portal, language=language, args=args)
    full.update(context or {})
    # `to`: another address of this user (an e-mail change), else the user's own.
    return queue_email(to=to or user, template=template, context=full, language=language)


@transaction.atomic
def profile_update(*, user, first_name, last_name, job_title=None, phone=None):
    """Only names, job title and phone: nothing that grants or moves access."""
    user.first_name = first_name
    user.last_name = last_name
    user.save(update_fields=["first_name", "last_name"])
    contact = getattr(user, "contact", None)
    if contact is not None and job_title is not None:
        contact.job_title = job_title
        contact.phone = phone or ""
        contact.save(update_fields=["job_title", "phone"])


def language_set(*, user, language):
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}")
    user.language = language
    user.save(update_fields=["language"])


@transaction.atomic
def password_set(*, user, password, notify=True):
    """New password; every other session, API token and pending account link of the user
    ends (C-10, C-43; the caller keeps its own session with `update_session_auth_hash`). The
    user is told by e-mail."""
    user.set_password(password)
    user.save(update_fields=["password"])
    end_other_access(user=user)
    security_event("password_changed", user=user)
    if notify:
        account_email(
            user=user, template="password_changed", links={"reset_url": "account:password_reset"}
        )

"""The one place that builds absolute links for e-mails and the API's `url` fields.

Links start with the portal's configured public base URL and carry the recipient's language
prefix. They are never built from the request's Host header, which a client controls."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cms.core.versioned_cache import cached

from ..models import PortalSettings
from ..models.versions import PORTAL_CONFIG


def portal_base_url(portal) -> str:
    """The public base URL of a portal (a Wagtail Site), without a trailing slash."""
    configured = PortalSettings.for_site(portal).public_base_url
    return (configured or portal.root_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def portal_link(viewname, *, portal, language, args=None, kwargs=None) -> str:
    """Absolute URL of a named portal view, under `language`'s prefix."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse(viewname, args=args, kwargs=kwargs)
    return portal_base_url(portal) + path


def portal_path_link(path: str, *, portal, language) -> str:
    """Absolute URL of a path of the portal's URL contract (e.g. "tickets/1042/")."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return f"{portal_base_url(portal)}/{language}/{path.lstrip('/')}"


def ticket_link(ticket, *, language) -> str:
    """The ticket's page in the portal of its customer (SPEC URL contract)."""
    return portal_path_link(
        f"tickets/{ticket.number}/", portal=ticket.customer.portal, language=language
    )


def admin_ticket_link(ticket) -> str:
    """The ticket in the technicians' admin, for staff e-mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "helpdesk_ticket", args=[ticket.number]
    )


def portal_base_urls(portals) -> dict:
    """{portal id: public base URL} for several portals from the cached settings, so a page of
    tickets from many portals costs no query per ticket (same rule as `portal_base_url`)."""
    portals = {portal.pk: portal for portal in portals}
    configured = _configured_base_urls()
    return {
        pk: (configured.get(pk) or portal.root_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        for pk, portal in portals.items()
    }


def _configured_base_urls():
    """{site id: configured public base URL} of every portal (a handful of rows), cached until
    a portal setting is saved: the API list then needs no settings query."""
    return cached(
        PORTAL_CONFIG,
        ("portal-base-urls",),
        lambda: dict(PortalSettings.objects.values_list("site_id", "public_base_url")),
    )


def ticket_link_prefix(*, base_url, language) -> str:
    """What every `ticket_link` of a portal (its base URL from `portal_base_urls`) and a
    language starts with; a list adds the numbers."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return f"{base_url}/{language}/tickets/"


def api_attachment_link(attachment, *, base_url=None) -> str:
    """Absolute API download URL of an attachment, under its ticket's portal base URL."""
    if base_url is None:
        base_url = portal_base_url(attachment.ticket.customer.portal)
    return base_url + reverse("api:attachment-detail", args=[attachment.pk])

"""Conditional GET of the ticket page: an ETag built from a cheap version key, so a browser
that already holds the page gets a 304 after the session, user and one ticket query.

The key holds everything the page shows that can change: the ticket's `updated_at` (every
service that changes a ticket moves it on), its reply and attachment counts, and its version in
the cache (moved on by any save of its rows, also one that leaves updated_at alone); the viewer
(user, customer, main-contact flag, language, CSRF cookie, since the forms carry its token); the
field schema, lookups and portal settings (PORTAL_CONFIG) and the portal frame (SHELL: the
sidebar's entries) versions; the deployed code. Visibility is the one ticket query itself: a
ticket the viewer may not see has no ETag and takes the normal path to the 404."""

import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from cms.core.etags import release
from cms.core.versioned_cache import SHELL, version

from ..models import Attachment, Reply
from ..models.versions import PORTAL_CONFIG, ticket_version_key
from ..tickets.selectors import tickets_visible_to


def _count(model):
    rows = model.objects.filter(ticket=OuterRef("pk")).order_by().values("ticket")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def ticket_etag(request, number):
    """The page's ETag, or None when the page must be rendered anyway (a flash message is
    waiting, no CSRF cookie yet, or no visible ticket with this number)."""
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if not csrf_cookie or len(get_messages(request)):
        return None
    row = (
        tickets_visible_to(request.user)
        .filter(number=number)
        .annotate(reply_count=_count(Reply), attachment_count=_count(Attachment))
        .values_list("pk", "updated_at", "reply_count", "attachment_count")
        .first()
    )
    if row is None:
        return None
    contact = request.contact
    parts = (
        release(),
        get_language(),
        request.user.pk,
        contact.customer_id,
        contact.is_main_contact,
        csrf_cookie,
        version(PORTAL_CONFIG),
        version(SHELL),
        cache.get(ticket_version_key(row[0]), 0),
        *row,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def mark(response, etag):
    """The ETag on a page that only this viewer may keep, revalidated on every use."""
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response

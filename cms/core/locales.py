"""Wagtail locales for the configured languages, and the locale trees of pages created in code
(seed data, tests): wagtail-localize's admin hook makes the copies only for pages made in the
admin."""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization


def ensure_locales():
    """One Wagtail Locale per language, each kept in sync with English by wagtail-localize."""
    source = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        if locale != source:
            LocaleSynchronization.objects.get_or_create(
                locale=locale, defaults={"sync_from": source}
            )


def sync_locale_trees():
    """Pages created in code get their alias copies here; the admin hook does that otherwise."""
    for synchronization in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronization.sync_trees()

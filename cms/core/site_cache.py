"""The request's Wagtail Site from the cache: Wagtail asks the database on every request
(`Site.find_for_request`, used by the portal settings, the KB and page routing), and sites
change a few times a year. The answer for a host and port is kept until any Site is saved or
deleted (the SITES version, moved on by the receivers `connect()` ties to Site); Wagtail reads
it from `request._wagtail_site`."""

from contextlib import suppress

from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site

from .versioned_cache import bump, cached

SITES = "sites"


def _sites_changed(**kwargs):
    bump(SITES)


def connect():
    """Called from the app config, so every process (a management command too) moves it on."""
    for signal in (post_save, post_delete):
        signal.connect(_sites_changed, sender=Site, dispatch_uid=f"sites-version-{id(signal)}")


def cached_site(request):
    """What `Site.find_for_request` answers (a Site or None), from the cache. Only hosts that
    pass ALLOWED_HOSTS are keys, so a made-up Host header cannot fill the cache."""
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    return cached(SITES, ("site", hostname, port), lambda: Site._find_for_request(request))


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with suppress(DisallowedHost):  # CommonMiddleware answers a bad host with a 400
            request._wagtail_site = cached_site(request)
        return self.get_response(request)

"""The request's Wagtail Site from the cache: Wagtail asks the database on every request
(`Site.find_for_request`, used by the portal settings, the KB and page routing), and sites
change a few times a year. The answer for a host and port is kept until any Site is saved or
deleted (the SITES version, home.page_versions); Wagtail reads it from `request._wagtail_site`."""

from contextlib import suppress

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from .page_versions import SITES
from .versioned_cache import cached


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

"""KB page routing from the cache. Wagtail finds a page by walking the tree from the site's
localized home (locale, home, its translation, then the page: six queries for an article);
the answer for a URL only changes when pages move, are renamed, published or unpublished —
all of which move the KB generation (kb.conditional, kb.signals), as does any other save of a
page. So the page a KB URL routed to is remembered, as loaded, per site, URL and generation:
the next request for that URL reads it from the cache instead of six queries.

Only routing is skipped: Wagtail's serve view still runs its hooks (view restrictions), and
the page still checks its reader (KBPage.serve) and that it is live (`route`). Only URLs that
name a page and a fixed sub-route (no URL arguments, such as a keyword) are stored, so the
number of keys is bounded by the pages, not by what visitors type."""

import hashlib

from django.core.cache import cache
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Site

from .conditional import generation, is_kb_path
from .models.base import KBPage

TIMEOUT = 24 * 3600
KEY_MARK = "_kb_route_key"


def _key(site, path):
    digest = hashlib.sha256(path.encode()).hexdigest()
    return f"kb:route:v2:{generation()}:{site.pk}:{digest}"


def _replay(request, stored):
    """The route result of the stored page, or None (Wagtail's serve view answers 404)."""
    page, remaining = stored
    try:
        return page.route(request, list(remaining))
    except Http404:
        return None


def _to_store(request, site, components):
    """(page, sub-route components) of the route Wagtail just found, or None when it is not
    one to keep. The page is stored as loaded (its locale too), before it rendered anything."""
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is None:
        return None
    page, args, kwargs = result
    if not isinstance(page, KBPage) or kwargs:
        return None
    if args:
        _view, view_args, view_kwargs = args
        if view_args or view_kwargs:
            return None
    consumed = page.depth - site.root_page.depth
    fresh = type(page).objects.select_related("locale").get(pk=page.pk)
    return fresh, tuple(components[consumed:])


class KBRouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, KEY_MARK, None)
        if pending is not None:
            key, site, components = pending
            stored = _to_store(request, site, components)
            if stored is not None:
                cache.set(key, stored, TIMEOUT)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or not is_kb_path(request.path_info):
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        components = [part for part in path.split("/") if part]
        key = _key(site, request.path_info)
        stored = cache.get(key)
        if stored is None:
            setattr(request, KEY_MARK, (key, site, components))
        else:
            request._wagtail_route_for_request = _replay(request, stored)
        return None

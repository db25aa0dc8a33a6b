"""Whole responses for anonymous KB readers, answered before sessions, routing and rendering.

Anonymous visitors of a portal that lets them read its KB all see the same page at a URL, so a
rendered page is stored once and handed to the next anonymous visitor. What keeps this safe:

- only requests without a session or messages cookie use it (a logged-in reader, or anybody
  with state of their own, always gets a page rendered for them);
- only responses the KB page itself marked (`mark_anonymous_cacheable`: an anonymous reader
  was let in by the one read policy) that set no cookie are stored;
- the key carries the KB generation (kb.conditional), which moves on every publish,
  restriction, setting or customer change, so a page that became restricted or unpublished is
  never served from here again;
- URLs with a query string (search terms, pages of a listing) are not stored: they are
  unbounded, and a cache an attacker can fill is a cache that evicts everybody else.

The CSP nonce of the stored page is swapped for the current request's nonce on the way out,
so the strict policy (inline style only with this response's nonce) keeps holding."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse

from .conditional import generation, is_kb_path

CACHEABLE_MARK = "_kb_anonymous_cacheable"
TIMEOUT = 300  # a safety net for per-process caches that a publish elsewhere cannot reach
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "Cache-Control",
    "ETag",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Content-Type-Options",
)


def mark_anonymous_cacheable(request, response):
    """Called by KB pages: this response was rendered for an anonymous reader who may read it."""
    if not request.user.is_authenticated:
        setattr(response, CACHEABLE_MARK, True)


def _uses_cache(request) -> bool:
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and "HTTP_IF_NONE_MATCH" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and is_kb_path(request.path)
    )


def _key(request, host) -> str:
    where = f"{host}|{request.path}".encode()
    return f"kb:anonymous:{generation()}:{hashlib.sha256(where).hexdigest()}"


def _stored(request, response):
    if not (
        getattr(response, CACHEABLE_MARK, False)
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
    ):
        return None
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return content, headers


def _rebuilt(request, stored):
    content, headers = stored
    if NONCE_PLACEHOLDER in content:
        content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


class AnonymousKBCacheMiddleware:
    """Sits right after the security and CSP middleware, which still add their headers to a
    stored page; everything below it (sessions, locale, auth, routing) is skipped on a hit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _uses_cache(request):
            return self.get_response(request)
        try:
            key = _key(request, request.get_host())
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers it
        stored = cache.get(key)
        if stored is not None:
            return _rebuilt(request, stored)
        response = self.get_response(request)
        stored = _stored(request, response)
        if stored is not None:
            cache.set(key, stored, TIMEOUT)
        return response

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import OperationalError
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from .views import bad_request, database_busy

# Paths served outside i18n_patterns (cms/urls.py). They never take a language prefix.
UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/", "/static/", "/media/")


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without its 404 redirect for unprefixed areas.

    Django redirects a 404 to the language-prefixed path whenever that path resolves, and
    Wagtail's catch-all resolves everything: an API 404 (`/api/v1/tickets/999/`) would turn into
    a redirect to `/en/api/v1/tickets/999/`. API clients and the admin must get the 404."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)


class PrivateCacheMiddleware:
    """Pages rendered for a logged-in person are theirs alone: no shared cache (proxy, CDN)
    may keep them. Responses that already say how to cache (downloads, the API) keep that."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


class AdminCSPMiddleware:
    """The looser Content-Security-Policy of the Wagtail admin and the API docs (the portal's
    strict one excludes them: their templates need inline scripts and styles). Responses that
    set their own policy (downloads, with a sandbox) keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(
            tuple(settings.RELAXED_CSP_PREFIXES)
        ) and not response.has_header("Content-Security-Policy"):
            response["Content-Security-Policy"] = settings.ADMIN_CONTENT_SECURITY_POLICY
        return response


# SQLSTATEs of PostgreSQL's retryable failures: serialization, deadlock, lock not available.
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}


def is_lock_contention(error) -> bool:
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error) or "database table is locked" in str(error)


class DatabaseBusyMiddleware:
    """A write that lost a lock race (SQLite's lock timeout, a PostgreSQL deadlock) is rolled
    back and answered 503 with a short Retry-After: a clean refusal the client may repeat
    (C-40). Also with DEBUG=true (development), where Django would show its debug page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_lock_contention(exception):
            return database_busy(request)
        return None


class UnstorableInputMiddleware:
    """No person types a NUL character, and PostgreSQL cannot store one in text: a request with
    one in its path, query or form fields is refused with 400 before any view, so no form,
    filter or lookup ends in a database error (found by the portal form fuzz). The API is left
    to its serializers and filters, which name the field in the error shape (schemathesis)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            # Answered here, not raised: with DEBUG on (DEBUG=true) Django would show its
            # technical page instead of the reader's.
            return bad_request(request, BadRequest("A NUL character in the request."))
        return self.get_response(request)


def _carries_nul(request) -> bool:
    if request.path.startswith("/api/"):
        return False
    if "\x00" in request.path:
        return True
    data = [request.GET]
    if request.method == "POST":
        data.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in data
        for key, values in query.lists()
    )

"""Error pages: the portal's own look for people, the API's error shape for API clients."""

import sys

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from helpdesk.api.errors import error_body
from kb.conditional import is_kb_path


def _api_error(code, message, status):
    """The API's error shape (helpdesk.api.errors), for answers Django gives before any view."""
    return JsonResponse(error_body(code, message), status=status)


def _is_api(request):
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _is_api(request):
        return _api_error("not_found", _("Not found."), 404)
    if _anonymous(request) and is_kb_path(request.path):
        # A KB page an anonymous visitor may not read sends them to the login (KBPage.serve);
        # a missing one answers the same, so a slug's existence cannot be probed (C-39).
        return redirect_to_login(request.get_full_path(), reverse("account:login"))
    return defaults.page_not_found(request, exception, template_name="404.html")


def bad_request(request, exception=None):
    """Input refused before any view (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a header Django
    cannot read, a NUL character): API clients get the error shape, people a page in their
    language that says nothing was saved."""
    if not _is_api(request):
        # Standalone like the 500 page: the request's own data could not be read.
        return HttpResponseBadRequest(loader.render_to_string("400.html"))
    if isinstance(exception, RequestDataTooBig):
        code, message, status = "too_large", _("The request is too large."), 413
    else:
        code, message, status = "bad_request", _("The request could not be read."), 400
    return _api_error(code, message, status)


def _anonymous(request):
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def server_error(request):
    # Django calls this while handling the exception, so it can be told apart: a database
    # outage is a 503 ("try again"), anything else a 500.
    if isinstance(sys.exc_info()[1], DatabaseError):
        return _database_unavailable(request)
    if _is_api(request):
        message = _("Something went wrong on our side. Please try again later.")
        return _api_error("server_error", message, 500)
    # Rendered without a request context: the failure may sit in the database or a
    # context processor, so the page must not touch either.
    return defaults.server_error(request, template_name="500.html")


def database_busy(request):
    """A write that waited out the database's lock timeout: rolled back, safe to repeat soon."""
    return _database_unavailable(request, retry_after=2)


def _database_unavailable(request, retry_after=60):
    if _is_api(request):
        message = _("The service is temporarily unavailable. Please try again later.")
        response = _api_error("service_unavailable", message, 503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(retry_after)
    return response

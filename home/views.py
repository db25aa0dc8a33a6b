"""Error pages: the portal's own look for people, the API's error shape for API clients."""

import sys

from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from kb.conditional import is_kb_path


def _is_api(request):
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _is_api(request):
        body = {"error": {"code": "not_found", "message": _("Not found."), "fields": {}}}
        return JsonResponse(body, status=404)
    if _anonymous(request) and is_kb_path(request.path):
        # A KB page an anonymous visitor may not read sends them to the login (KBPage.serve);
        # a missing one answers the same, so a slug's existence cannot be probed (C-39).
        return redirect_to_login(request.get_full_path(), reverse("account:login"))
    return defaults.page_not_found(request, exception, template_name="404.html")


def _anonymous(request):
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def server_error(request):
    # Django calls this while handling the exception, so it can be told apart: a database
    # outage is a 503 ("try again"), anything else a 500.
    if isinstance(sys.exc_info()[1], DatabaseError):
        return _database_unavailable(request)
    if _is_api(request):
        body = {
            "error": {
                "code": "server_error",
                "message": _("Something went wrong on our side. Please try again later."),
                "fields": {},
            }
        }
        return JsonResponse(body, status=500)
    # Rendered without a request context: the failure may sit in the database or a
    # context processor, so the page must not touch either.
    return defaults.server_error(request, template_name="500.html")


def _database_unavailable(request):
    if _is_api(request):
        body = {
            "error": {
                "code": "service_unavailable",
                "message": _("The service is temporarily unavailable. Please try again later."),
                "fields": {},
            }
        }
        response = JsonResponse(body, status=503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    return response

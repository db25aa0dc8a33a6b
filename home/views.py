"""Error pages: the portal's own look for people, the API's error shape for API clients."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def _is_api(request):
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _is_api(request):
        body = {"error": {"code": "not_found", "message": _("Not found."), "fields": {}}}
        return JsonResponse(body, status=404)
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
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

"""The project's URLs plus the bare view: `HttpResponse("ok")` through the same middleware,
the yardstick of every speed figure (a ratio to it, measured in the same run)."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import handler404, handler500  # noqa: F401
from cms.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]

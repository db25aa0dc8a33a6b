"""The project's URLs plus a stand-in ticket list, to see the sidebar pick up a new feature."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from cms.urls import urlpatterns as project_patterns

tickets = ([path("", lambda request: HttpResponse("tickets"), name="list")], "tickets")

urlpatterns = [
    *i18n_patterns(path("tickets/", include(tickets)), prefix_default_language=True),
    *project_patterns,
]

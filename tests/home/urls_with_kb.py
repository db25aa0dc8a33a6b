"""The project's URLs plus a stand-in knowledge-base index, to see the sidebar pick up a
feature as soon as its view exists."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from cms.urls import urlpatterns as project_patterns

kb = ([path("", lambda request: HttpResponse("kb"), name="index")], "kb")

urlpatterns = [
    *i18n_patterns(path("kb/", include(kb)), prefix_default_language=True),
    *project_patterns,
]

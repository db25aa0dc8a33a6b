"""The project's URLs plus views that fail, to see the error pages people get."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from cms.urls import urlpatterns as project_patterns


def boom(request):
    raise RuntimeError("database on fire")


urlpatterns = [
    path("api/boom/", boom),
    *i18n_patterns(path("boom/", boom), prefix_default_language=True),
    *project_patterns,
]
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

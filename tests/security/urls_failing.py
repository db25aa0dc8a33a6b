"""The project's URLs plus views that fail the way production can."""

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.urls import path

from cms.urls import urlpatterns as project_patterns


def database_down(request):
    raise OperationalError('could not connect to server: Connection refused (host "db")')


def boom(request):
    raise RuntimeError("unexpected")


urlpatterns = [
    path("api/db-down/", database_down),
    *i18n_patterns(
        path("db-down/", database_down), path("boom/", boom), prefix_default_language=True
    ),
    *project_patterns,
]
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

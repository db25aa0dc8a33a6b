"""URL map. Admin, documents and the API live outside `i18n_patterns` (no language prefix);
the portal's fixed views come next inside it, and Wagtail's catch-all page route comes last."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from helpdesk.accounts import urls as account_urls
from helpdesk.api import urls as api_urls
from helpdesk.portal import urls as portal_urls
from home.views import page_not_found
from kb.api import urls as kb_api_urls
from kb.media.images import serve_image

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Wagtail images: checked like KB documents, in every mode (kb.media.images).
    re_path(r"^media/(?P<path>.+)$", serve_image, name="media"),
    path("api/v1/kb/", include(kb_api_urls)),
    path("api/v1/", include(api_urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, so the docs work under the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Any other /api/ path is a JSON 404, not a redirect into the language-prefixed portal.
    # csrf_exempt: a POST to an unknown path must get this JSON 404, not Django's CSRF page.
    re_path(r"^api/", csrf_exempt(page_not_found)),
]

urlpatterns += i18n_patterns(
    path("account/", include(account_urls)),
    path("tickets/", include(portal_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

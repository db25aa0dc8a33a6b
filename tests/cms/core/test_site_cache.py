"""The request's Wagtail Site from the cache (cms.core.site_cache): no query per request, and a
changed or new site is seen on the next request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.core.site_cache import CachedSiteMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def site_for(rf, host):
    request = rf.get("/en/", HTTP_HOST=host)
    CachedSiteMiddleware(lambda request: None)(request)
    return Site.find_for_request(request)


def test_the_site_is_read_once(rf, portal):
    assert site_for(rf, "localhost") == portal
    with CaptureQueriesContext(connection) as queries:
        assert site_for(rf, "localhost") == portal
    assert not [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]


def test_a_new_or_changed_site_is_seen_at_once(rf, portal):
    assert site_for(rf, "support.initech.localhost") == portal  # the default site
    root = Page.objects.get(depth=1)
    initech = Site.objects.create(
        hostname="support.initech.localhost", port=80, root_page=root.get_children().first()
    )
    assert site_for(rf, "support.initech.localhost") == initech
    initech.hostname = "help.initech.localhost"
    initech.save()
    assert site_for(rf, "support.initech.localhost") == portal
    assert site_for(rf, "help.initech.localhost") == initech
    initech.delete()
    assert site_for(rf, "help.initech.localhost") == portal

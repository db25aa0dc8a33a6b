"""The portal's logo in the page header (home.templatetags.branding.portal_logo): a 40 px
rendition, kept in the cache until an image or a portal setting changes."""

import pytest
from django.core.cache import cache
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from helpdesk.models import PortalSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def logo_tag(client):
    html = client.get("/en/account/login/").content.decode()
    start = html.find("<img", html.find('class="brand"'))
    return html[start : html.find(">", start) + 1] if start != -1 else ""


def test_the_logo_shows_and_follows_a_change_of_logo(client, portal):
    assert logo_tag(client) == ""  # no logo set: no image at all
    Image = get_image_model()
    first = Image.objects.create(title="Acme", file=get_test_image_file(filename="acme.png"))
    settings_row = PortalSettings.for_site(portal)
    settings_row.logo = first
    settings_row.save()
    tag = logo_tag(client)
    assert 'class="brand-logo"' in tag and 'alt=""' in tag and 'height="40"' in tag
    assert "acme" in tag and ".height-40" in tag
    assert logo_tag(client) == tag  # from the cache

    second = Image.objects.create(title="Globex", file=get_test_image_file(filename="globex.png"))
    settings_row.logo = second
    settings_row.save()
    assert "globex" in logo_tag(client)

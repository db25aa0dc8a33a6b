import pytest

from helpdesk.models import PortalSettings

PUBLIC_BASE_URL = "https://support.acme.example"


@pytest.fixture
def configured_portal(portal):
    """The default portal with a public base URL, so e-mail links can be checked."""
    PortalSettings.objects.filter(site=portal).update(public_base_url=PUBLIC_BASE_URL)
    return portal

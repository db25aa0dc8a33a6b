import pytest

from helpdesk.core.links import portal_link
from helpdesk.models import PortalSettings

pytestmark = pytest.mark.django_db


def test_links_use_the_public_base_url_and_the_recipients_language(portal):
    settings = PortalSettings.for_site(portal)
    settings.public_base_url = "https://support.example.com/"
    settings.save()
    link = portal_link("account:login", portal=portal, language="fr")
    assert link == "https://support.example.com/fr/account/login/"


def test_unknown_language_falls_back_to_english(portal):
    PortalSettings.objects.filter(site=portal).update(public_base_url="https://help.example.com")
    assert portal_link("account:login", portal=portal, language="xx").startswith(
        "https://help.example.com/en/"
    )


def test_links_do_not_follow_the_request_host(client, portal):
    PortalSettings.objects.filter(site=portal).update(public_base_url="https://help.example.com")
    # A request with a forged Host never reaches the link helper; the helper reads settings.
    assert client.get("/en/", HTTP_HOST="evil.example").status_code == 400
    assert portal_link("account:login", portal=portal, language="de") == (
        "https://help.example.com/de/account/login/"
    )

import pytest
from django.urls import reverse

from helpdesk.models import PortalSettings
from tests.factories import ContactFactory, PortalFactory

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_language_prefix(client, portal):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_anonymous_visitor_sees_the_home_with_sidebar_and_a_login_link(client, portal):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="sidebar"' in html
    assert 'href="/en/account/login/' in html
    assert "Log out" not in html


def test_logged_in_contact_sees_their_name_and_a_logout_button(client, portal):
    contact = ContactFactory(user__first_name="Alice", user__last_name="Anderson")
    client.force_login(contact.user)
    html = client.get("/en/").content.decode()
    assert 'class="sidebar"' in html
    assert "Alice Anderson" in html
    assert f'action="{reverse("account:logout")}"' in html
    assert "Welcome back, Alice." in html


def test_branding_from_portal_settings_is_rendered(client, portal):
    settings = PortalSettings.for_site(portal)
    settings.portal_name = "Contoso Help Centre"
    settings.primary_colour = "#c0ffee"
    settings.save()
    html = client.get("/en/").content.decode()
    assert '<span class="brand-name">Contoso Help Centre</span>' in html
    assert "--brand: #c0ffee;" in html
    assert "<title>Contoso Help Centre</title>" in html


def test_each_portal_shows_its_own_branding(client, portal):
    other = PortalFactory(hostname="support.other.localhost")
    PortalSettings.objects.update_or_create(
        site=other, defaults={"portal_name": "Other Support", "primary_colour": "#7c3aed"}
    )
    html = client.get("/en/", HTTP_HOST="support.other.localhost").content.decode()
    assert "Other Support" in html
    assert "--brand: #7c3aed;" in html


def test_the_primary_colour_cannot_carry_css():
    from django.core.exceptions import ValidationError

    settings = PortalSettings(primary_colour="red;}</style><script>alert(1)</script>")
    with pytest.raises(ValidationError) as error:
        settings.full_clean(exclude=["site"])
    assert "primary_colour" in error.value.message_dict


@pytest.mark.parametrize(("language", "label"), [("de", "Anmelden"), ("fr", "Se connecter")])
def test_the_shell_speaks_the_language_of_the_url(client, portal, language, label):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}">' in html
    assert label in html


def test_language_links_point_to_the_same_page_in_every_language(client, portal):
    html = client.get("/en/").content.decode()
    for code in ("en", "fr", "de", "es", "it"):
        assert f'href="/{code}/" lang="{code}"' in html

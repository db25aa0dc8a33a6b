import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from helpdesk.demo import DEMO_PASSWORD
from helpdesk.models import Contact, Customer, PortalSettings, User

# The demo is seeded once for the module (tests/conftest.py: demo_seeded).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_seeded")]

DEMO_USERS = {
    "alice@acme.example",
    "bob@acme.example",
    "carol@globex.example",
    "dave@initech.example",
    "tech@example.com",
    "editor@example.com",
    "admin@example.com",
}


def snapshot():
    return {
        "users": User.objects.count(),
        "contacts": Contact.objects.count(),
        "customers": Customer.objects.count(),
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "locales": Locale.objects.count(),
        "settings": PortalSettings.objects.count(),
    }


def test_seed_demo_creates_every_demo_user_and_is_idempotent():
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    assert set(User.objects.values_list("email", flat=True)) == DEMO_USERS
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD), user.email


def test_seed_demo_builds_the_customers_and_their_contacts():
    main = Site.objects.get(is_default_site=True)
    initech = Site.objects.get(hostname="support.initech.localhost")
    contacts = {
        c.user.email: (c.customer.name, c.customer.portal, c.is_main_contact)
        for c in Contact.objects.select_related("user", "customer__portal")
    }
    assert contacts == {
        "alice@acme.example": ("Acme Corp", main, True),
        "bob@acme.example": ("Acme Corp", main, False),
        "carol@globex.example": ("Globex Ltd", main, True),
        "dave@initech.example": ("Initech", initech, False),
    }


def test_seed_demo_gives_staff_their_roles():
    tech = User.objects.get(email="tech@example.com")
    editor = User.objects.get(email="editor@example.com")
    admin = User.objects.get(email="admin@example.com")
    assert tech.is_staff and not tech.is_superuser
    assert tech.groups.filter(name="Technicians").exists()
    assert tech.has_perm("wagtailadmin.access_admin")
    assert editor.groups.filter(name="Editors").exists()
    assert admin.is_superuser
    assert not Contact.objects.filter(user__in=[tech, editor, admin]).exists()
    assert Group.objects.filter(name="Technicians").count() == 1


def test_seed_demo_brands_both_portals_and_serves_them_in_every_language(client):
    main = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    initech = PortalSettings.for_site(Site.objects.get(hostname="support.initech.localhost"))
    assert main.public_base_url == "http://127.0.0.1:8000"
    assert initech.public_base_url == "http://support.initech.localhost:8000"
    assert main.logo and initech.logo
    assert main.primary_colour != initech.primary_colour
    welcome = {
        "en": "How can we help you today?",
        "de": "Wie können wir Ihnen heute helfen?",
        "fr": "Comment pouvons-nous vous aider aujourd&#x27;hui ?",
        "es": "¿Cómo podemos ayudarle hoy?",
        "it": "Come possiamo aiutarLa oggi?",
    }
    for language, heading in welcome.items():
        html = client.get(f"/{language}/", HTTP_HOST="127.0.0.1").content.decode()
        assert main.portal_name in html
        assert f"<h1>{heading}</h1>" in html  # the home page is translated, not an alias
        html = client.get(f"/{language}/", HTTP_HOST="support.initech.localhost").content.decode()
        assert initech.portal_name in html

import pytest
from django.contrib.auth.models import Group

from helpdesk.core.permissions import HELPDESK_MANAGERS_GROUP
from helpdesk.models import PortalSettings
from tests.factories import (
    ContactFactory,
    CustomerFactory,
    TechnicianFactory,
    TicketFactory,
    UserFactory,
)

PUBLIC_BASE_URL = "https://help.acme-support.example"


@pytest.fixture
def acme(portal):
    PortalSettings.objects.filter(site=portal).update(public_base_url=PUBLIC_BASE_URL)
    return CustomerFactory(name="Acme Corp", portal=portal)


@pytest.fixture
def alice(acme):
    """A contact who writes in German, so the e-mail language is not just the default."""
    return ContactFactory(customer=acme, user__email="alice@acme.example", user__language="de").user


@pytest.fixture
def tech(db):
    return TechnicianFactory(email="tech@example.com", first_name="Tina", last_name="Tech")


@pytest.fixture
def other_tech(db):
    return TechnicianFactory(email="olaf@example.com", first_name="Olaf", last_name="Other")


@pytest.fixture
def manager(db):
    user = UserFactory(email="manager@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=HELPDESK_MANAGERS_GROUP))
    return user


@pytest.fixture
def kb_editor(db):
    """Staff with admin access (Wagtail's Editors group) but no helpdesk permissions."""
    user = UserFactory(email="editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def ticket(acme, alice):
    return TicketFactory(customer=acme, requester=alice, title="Printer on fire", number=1042)


@pytest.fixture
def tech_client(client, tech):
    client.force_login(tech)
    return client

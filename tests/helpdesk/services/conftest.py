import pytest

from helpdesk.models import PortalSettings
from tests.factories import ContactFactory, CustomerFactory, TechnicianFactory


@pytest.fixture
def acme(portal):
    customer = CustomerFactory(name="Acme Corp", portal=portal)
    PortalSettings.objects.filter(site=portal).update(public_base_url="https://help.example.com")
    return customer


@pytest.fixture
def globex(portal):
    return CustomerFactory(name="Globex Ltd", portal=portal)


@pytest.fixture
def a_main(acme):
    return ContactFactory(customer=acme, is_main_contact=True, user__email="main@acme.example").user


@pytest.fixture
def a1(acme):
    return ContactFactory(customer=acme, user__email="a1@acme.example").user


@pytest.fixture
def a2(acme):
    return ContactFactory(customer=acme, user__email="a2@acme.example", user__language="de").user


@pytest.fixture
def b1(globex):
    return ContactFactory(customer=globex, user__email="b1@globex.example").user


@pytest.fixture
def tech(db):
    return TechnicianFactory(email="tech@example.com", language="fr")

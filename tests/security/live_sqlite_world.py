"""The people and tickets of the SQLite live-server suite (test_C40), written into its file
database by a separate process: `python -m tests.security.live_sqlite_world` prints them as JSON.

The suite's server reads the same file; the test process never opens it for writing."""

import json

import django

django.setup()

from wagtail.models import Site  # noqa: E402

from helpdesk.models import BuiltinFieldSetting, CustomField, PortalSettings  # noqa: E402
from tests.factories import ContactFactory, CustomerFactory, TicketFactory, api_token  # noqa: E402
from tests.factories.tickets import TechnicianFactory  # noqa: E402
from tests.kb.builders import article, category, kb_root, section  # noqa: E402

COLLEAGUES = 20


USERS = {}  # token -> user id, for the suite's queries


def token(user):
    key = api_token(user)
    USERS[key] = user.pk
    return key


def build():
    site = Site.objects.get(is_default_site=True)
    PortalSettings.for_site(site)
    acme = CustomerFactory(name="Acme Corp", portal=site)
    BuiltinFieldSetting.objects.update_or_create(
        field="priority", defaults={"visibility": "editable"}
    )
    CustomField.objects.create(key="room", labels={"en": "Room"}, visibility="editable")

    requester = ContactFactory(customer=acme, is_main_contact=True).user
    colleagues = [
        ContactFactory(customer=acme, is_main_contact=True).user for _ in range(COLLEAGUES)
    ]
    technician = TechnicianFactory(email="tech@provider.example")
    page = article(section(category(kb_root(site), "Network"), "VPN"), "Connect to the VPN")
    return {
        "requester": token(requester),
        "colleagues": [token(user) for user in colleagues],
        "technician": token(technician),
        "replied": TicketFactory(requester=requester, customer=acme).number,
        "edited": TicketFactory(requester=requester, customer=acme).number,
        "moved": TicketFactory(requester=requester, customer=acme).number,
        "article": page.pk,
        "users": USERS,
    }


if __name__ == "__main__":
    print(json.dumps(build()))

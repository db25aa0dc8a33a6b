"""The helpdesk's part of `seed_demo`: people, customers and their contacts (SPEC "Demo data").

Runs after the portal shell has created both portals (home/demo.py); finds them by host."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from wagtail.models import Site

from ..core.permissions import TECHNICIANS_GROUP
from ..models import Contact, Customer, User
from .bulk import add_arguments as add_bulk_arguments
from .bulk import seed_bulk
from .fields import seed_fields
from .tickets import seed_tickets

ORDER = 20
DEMO_PASSWORD = "portal-demo-2026"

MAIN_PORTAL_HOST = "127.0.0.1"
INITECH_PORTAL_HOST = "support.initech.localhost"
DEMO_PORT = 8000

KB_EDITORS_GROUP = "Editors"  # Wagtail's own editors group: may write pages in the admin.


@dataclass(frozen=True)
class DemoContact:
    email: str
    first_name: str
    last_name: str
    customer: str
    job_title: str
    is_main_contact: bool = False
    language: str = "en"


CUSTOMERS = {
    "Acme Corp": MAIN_PORTAL_HOST,
    "Globex Ltd": MAIN_PORTAL_HOST,
    "Initech": INITECH_PORTAL_HOST,
}

CONTACTS = (
    DemoContact("alice@acme.example", "Alice", "Anderson", "Acme Corp", "IT manager", True),
    DemoContact("bob@acme.example", "Bob", "Baker", "Acme Corp", "Accountant", language="de"),
    DemoContact("carol@globex.example", "Carol", "Clark", "Globex Ltd", "Office manager", True),
    DemoContact("dave@initech.example", "Dave", "Davis", "Initech", "Developer"),
)

# (email, first name, last name, role) — the role decides groups and flags.
STAFF = (
    ("tech@example.com", "Tom", "Tech", "technician"),
    ("editor@example.com", "Erin", "Editor", "editor"),
    ("admin@example.com", "Ada", "Admin", "superuser"),
)


def demo_logins():
    """Rows for the README's and `make run`'s demo logins table."""
    rows = [
        (c.email, f"contact of {c.customer}" + (", main contact" if c.is_main_contact else ""))
        for c in CONTACTS
    ]
    roles = {"technician": "technician", "editor": "KB editor", "superuser": "superuser"}
    rows += [(email, roles[role]) for email, _first, _last, role in STAFF]
    return rows


def _user(email, first_name, last_name, **flags):
    user, _created = User.objects.update_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **flags}
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def add_arguments(parser):
    add_bulk_arguments(parser)


def seed(*, stdout, options):
    portals = {site.hostname: site for site in Site.objects.all()}
    customers = {}
    for name, host in CUSTOMERS.items():
        customers[name], _created = Customer.objects.get_or_create(name=name, portal=portals[host])

    for entry in CONTACTS:
        user = _user(entry.email, entry.first_name, entry.last_name, language=entry.language)
        Contact.objects.update_or_create(
            user=user,
            defaults={
                "customer": customers[entry.customer],
                "job_title": entry.job_title,
                "is_main_contact": entry.is_main_contact,
            },
        )

    technicians = Group.objects.get(name=TECHNICIANS_GROUP)
    editors = Group.objects.get(name=KB_EDITORS_GROUP)
    for email, first_name, last_name, role in STAFF:
        user = _user(
            email,
            first_name,
            last_name,
            is_staff=True,
            is_superuser=role == "superuser",
        )
        if role == "technician":
            user.groups.add(technicians)
        elif role == "editor":
            user.groups.add(editors)
    stdout.write(
        f"  helpdesk: {len(CONTACTS)} contacts, {len(STAFF)} staff, {len(CUSTOMERS)} customers"
    )
    seed_fields()
    seed_tickets(stdout=stdout)
    if options.get("tickets"):
        seed_bulk(stdout=stdout, count=options["tickets"], customer_name=options.get("customer"))

"""SECURITY C-01 … C-08, C-19, C-27: every row of matrix.py for every role.

Per (row, role): the status is the hand-written one; the body never carries a marker of an object
the role may not see (and a refused body carries none at all); the database is unchanged unless
the row says this role writes."""

import json
from urllib.parse import urlsplit

import pytest
from django.test import Client
from rest_framework.test import APIClient

from helpdesk.models import Activity, Attachment, Contact, OutboxMessage, Reply, Ticket, User
from kb.models import ArticleRating
from tests.factories import api_token

from .matrix import ADMIN, GONE, LOGIN, ROLES, ROWS

pytestmark = pytest.mark.django_db

# Which markers each role may meet (written by hand from SPEC §2/§3: a contact sees their own
# tickets, a main contact the customer's; the KB follows portal and customer restrictions;
# technicians see everything, a KB editor every KB page but no ticket).
TICKETS = {"tA1": "MKA1", "tA1x": "MKA1X", "tA2": "MKA2", "tB1": "MKB1", "tC1": "MKC1"}
OPEN_KB = {"MKOPENKB"}
ACME_KB = {"MKACMEKB", "MKACMESUMMARY", "MKACMEDOC"}
INITECH_KB = {"MKINITECHKB"}


def ticket_markers(*names):
    return {f"{TICKETS[n]}{kind}" for n in names for kind in ("TICKET", "FILE")}


ALL_MARKERS = ticket_markers(*TICKETS) | OPEN_KB | ACME_KB | INITECH_KB
MAY_SEE = {
    "anon": set(),
    "a1": ticket_markers("tA1", "tA1x") | OPEN_KB | ACME_KB,
    "a2": ticket_markers("tA2") | OPEN_KB | ACME_KB,
    "a_main": ticket_markers("tA1", "tA1x", "tA2") | OPEN_KB | ACME_KB,
    "b1": ticket_markers("tB1") | OPEN_KB,
    "c1": ticket_markers("tC1") | INITECH_KB,
    "tech": ALL_MARKERS,
    "editor": OPEN_KB | ACME_KB | INITECH_KB,
}
# Refusals of access (a 400 is a validation answer to someone who may see the object).
DENIED = {LOGIN, ADMIN, 401, 403, 404, 405}


def cases():
    return list(_cases())


def _cases():
    for row in ROWS:
        for role in ROLES:
            marks = []
            if role in row.xfail:
                marks.append(pytest.mark.xfail(strict=True, reason=row.xfail[role]))
            yield pytest.param(row, role, id=f"{row.id}-{role}", marks=marks)


def placeholders(world):
    kb = world.kb
    values = {name: ticket.number for name, ticket in world.tickets.items()}
    values |= {f"f{name[1:]}": attachment.pk for name, attachment in world.files.items()}
    # url_path starts with the portal home's slug, which the site's URL leaves out.
    for name in ("category", "section", "article", "private_section", "secret", "initech_article"):
        values[name] = "/en/" + kb[name].url_path.split("/", 2)[2]
    values["doc"] = kb["document"].pk
    values["doc_name"] = kb["document"].filename
    values["secret_image"] = kb["secret_image"].file.name
    values["logo"] = kb["logo"].file.name
    values["article_id"] = kb["article"].pk
    values["secret_id"] = kb["secret"].pk
    values["a1_email"] = world.users["a1"].email
    values["a1_contact"] = world.users["a1"].contact.pk
    values["acme"] = world.users["a1"].contact.customer_id
    values["b1_email"] = world.users["b1"].email
    return values


def fill(value, values):
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, dict):
        return {key: fill(item, values) for key, item in value.items()}
    return value


def client_for(row, user):
    if row.api:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
        return client
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def send(row, role, world):
    values = placeholders(world)
    client = client_for(row, world.users[role])
    path = fill(row.path, values)
    data = fill(row.data, values)
    method = getattr(client, row.method.lower())
    extra = {"HTTP_HOST": row.host} if row.host else {}
    if row.api and data is not None:
        return method(path, data, format="json", **extra)
    if data is not None:
        return method(path, data, **extra)
    return method(path, **extra)


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def fingerprint():
    """Everything a refused request must leave alone."""
    return json.dumps(
        {
            "counts": [
                model.objects.count()
                for model in (Ticket, Reply, Attachment, Activity, OutboxMessage, ArticleRating)
            ],
            "tickets": list(
                Ticket.objects.order_by("pk").values_list(
                    "pk", "title", "status_id", "priority_id", "custom_values", "requester_id"
                )
            ),
            "users": list(
                User.objects.order_by("pk").values_list(
                    "pk", "email", "is_staff", "is_superuser", "is_active", "password"
                )
            ),
            "contacts": list(
                Contact.objects.order_by("pk").values_list("pk", "customer_id", "is_main_contact")
            ),
        },
        default=str,
    )


def check_status(response, expected):
    if expected in (LOGIN, ADMIN, GONE):
        assert response.status_code == 302, (response.status_code, expected)
        location = urlsplit(response["Location"]).path
        if expected == LOGIN:
            assert location == "/en/account/login/", location
        elif expected == ADMIN:
            assert location == "/admin/login/", location
        else:
            assert "/login/" not in location, location
    else:
        assert response.status_code == expected, (response.status_code, expected)


@pytest.mark.parametrize(("row", "role"), cases())
def test_C01_C04_permission_matrix(security_world, row, role):
    before = fingerprint()
    response = send(row, role, security_world)
    expected = row.expected(role)
    check_status(response, expected)

    body = body_of(response)
    leaked = {marker for marker in ALL_MARKERS - MAY_SEE[role] if marker in body}
    assert not leaked, f"{row.id} shows {role} {sorted(leaked)}"
    if expected in DENIED:
        shown = {marker for marker in ALL_MARKERS if marker in body}
        assert not shown, f"refused {row.id} still shows {sorted(shown)}"

    changed = fingerprint() != before
    assert changed == (role in row.writes), f"{row.id} as {role}: database changed={changed}"

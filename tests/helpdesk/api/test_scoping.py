"""The scoping matrix of every ticket endpoint: contact, main contact, other customer,
technician, anonymous (SECURITY C-01, C-02, C-03, C-05)."""

import pytest

from helpdesk.models import Reply, Ticket

from .conftest import client_for, error_of, same_answer_headers

pytestmark = pytest.mark.django_db

# who -> the tickets they may see
SEES = {
    "A1": {"tA1"},
    "A2": {"tA2"},
    "A_main": {"tA1", "tA2"},
    "B1": {"tB1"},
    "staff": {"tA1", "tA2", "tB1"},
}
MISSING = 999_999


def _reads(world, ticket_name):
    number = getattr(world, ticket_name).number if ticket_name else MISSING
    attachment = world.files[ticket_name].pk if ticket_name else 999_999
    return [
        f"/api/v1/tickets/{number}/",
        f"/api/v1/tickets/{number}/replies/",
        f"/api/v1/attachments/{attachment}/",
    ]


def _writes(number):
    return [
        ("patch", f"/api/v1/tickets/{number}/", {"priority": "high"}),
        ("post", f"/api/v1/tickets/{number}/replies/", {"body": "Hello"}),
        ("post", f"/api/v1/tickets/{number}/close/", {}),
        ("post", f"/api/v1/tickets/{number}/reopen/", {}),
    ]


@pytest.mark.parametrize("who", sorted(SEES))
def test_C01_C02_C03_list_holds_exactly_the_visible_tickets(world, who):
    response = world.client(who).get("/api/v1/tickets/")
    assert response.status_code == 200
    numbers = {row["number"] for row in response.json()["results"]}
    assert numbers == {getattr(world, name).number for name in SEES[who]}


@pytest.mark.parametrize("who", sorted(SEES))
@pytest.mark.parametrize("ticket_name", ["tA1", "tA2", "tB1"])
def test_C01_reads_answer_404_identical_to_a_missing_ticket(world, who, ticket_name):
    client = world.client(who)
    for url, missing_url in zip(_reads(world, ticket_name), _reads(world, None), strict=True):
        response = client.get(url)
        if ticket_name in SEES[who]:
            assert response.status_code == 200, url
            continue
        missing = client.get(missing_url)
        assert response.status_code == missing.status_code == 404, url
        assert response.content == missing.content
        assert same_answer_headers(response) == same_answer_headers(missing)
        assert getattr(world, ticket_name).title.encode() not in response.content


@pytest.mark.parametrize("who", ["A1", "A2", "B1"])
def test_C01_writes_to_an_invisible_ticket_are_404_and_change_nothing(world, who):
    client = world.client(who)
    hidden = [name for name in ("tA1", "tA2", "tB1") if name not in SEES[who]]
    for name in hidden:
        ticket = getattr(world, name)
        before = Ticket.objects.filter(pk=ticket.pk).values().get()
        for (method, url, body), (_, missing_url, _) in zip(
            _writes(ticket.number), _writes(MISSING), strict=True
        ):
            response = getattr(client, method)(url, body, format="json")
            missing = getattr(client, method)(missing_url, body, format="json")
            assert response.status_code == missing.status_code == 404, url
            assert response.content == missing.content
        assert Ticket.objects.filter(pk=ticket.pk).values().get() == before
        assert not Reply.objects.filter(ticket=ticket).exists()


def test_C01_a_malformed_body_to_an_invisible_ticket_is_still_the_404(world):
    client = world.client("B1")
    url = f"/api/v1/tickets/{world.tA1.number}/"
    response = client.generic("PATCH", url, "{not json", content_type="application/json")
    missing = client.generic(
        "PATCH", f"/api/v1/tickets/{MISSING}/", "{not json", content_type="application/json"
    )
    assert response.status_code == 404
    assert response.content == missing.content


@pytest.mark.parametrize("number", ["abc", "0", "-5", "1.5e3", str(2**64), "99999999999999999999"])
def test_C01_odd_numbers_are_the_same_404(world, number):
    client = world.client("A1")
    response = client.get(f"/api/v1/tickets/{number}/")
    missing = client.get(f"/api/v1/tickets/{MISSING}/")
    assert response.status_code == 404
    assert response.content == missing.content
    assert client.get(f"/api/v1/attachments/{number}/").content == missing.content


def test_C02_a_contact_gets_their_own_ticket_and_a_404_for_a_colleagues(world):
    client = world.client("A1")
    assert client.get(f"/api/v1/tickets/{world.tA1.number}/").status_code == 200
    assert client.get(f"/api/v1/tickets/{world.tA2.number}/").status_code == 404


def test_C03_main_contact_reads_and_replies_on_colleague_tickets_not_other_customer(world):
    client = world.client("A_main")
    reply = client.post(f"/api/v1/tickets/{world.tA2.number}/replies/", {"body": "On it"})
    assert reply.status_code == 201
    assert client.get(f"/api/v1/tickets/{world.tB1.number}/").status_code == 404


def test_C03_scope_mine_narrows_a_main_contacts_list(world):
    client = world.client("A_main")
    mine = client.get("/api/v1/tickets/?scope=mine").json()["results"]
    company = client.get("/api/v1/tickets/?scope=company").json()["results"]
    assert mine == []
    assert {row["number"] for row in company} == {world.tA1.number, world.tA2.number}


def test_C05_a_contact_moved_to_another_customer_loses_the_old_tickets_at_once(world):
    client = world.client("A_main")
    assert client.get(f"/api/v1/tickets/{world.tA2.number}/").status_code == 200
    contact = world.A_main.contact
    contact.customer = world.tB1.customer
    contact.is_main_contact = False
    contact.save()
    assert client.get(f"/api/v1/tickets/{world.tA2.number}/").status_code == 404
    assert client.get("/api/v1/tickets/").json()["results"] == []


def test_C05_a_contact_without_portal_access_sees_nothing(world):
    contact = world.A1.contact
    contact.portal_access = False
    contact.save()
    client = world.client("A1")
    # Withdrawn access ends the token too (C-37): refused before any ticket is read.
    listing = client.get("/api/v1/tickets/")
    assert listing.status_code == 401
    assert world.tA1.title not in listing.content.decode()
    assert client.get(f"/api/v1/tickets/{world.tA1.number}/").status_code == 401


ENDPOINTS = [
    ("get", "/api/v1/tickets/"),
    ("post", "/api/v1/tickets/"),
    ("get", "/api/v1/tickets/{n}/"),
    ("patch", "/api/v1/tickets/{n}/"),
    ("post", "/api/v1/tickets/{n}/close/"),
    ("post", "/api/v1/tickets/{n}/reopen/"),
    ("get", "/api/v1/tickets/{n}/replies/"),
    ("post", "/api/v1/tickets/{n}/replies/"),
    ("get", "/api/v1/attachments/{a}/"),
    ("get", "/api/v1/me/"),
    ("patch", "/api/v1/me/"),
    ("get", "/api/v1/ticket-fields/"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_anonymous_gets_401_in_the_error_shape_everywhere(world, method, path):
    url = path.format(n=world.tA1.number, a=world.files["tA1"].pk)
    response = getattr(client_for(None), method)(url, {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert error_of(response)["code"] == "not_authenticated"
    assert b"Printer jam" not in response.content


def test_C26_session_writes_need_the_csrf_token(world):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.A1)
    assert client.get("/api/v1/tickets/").status_code == 200
    url = f"/api/v1/tickets/{world.tA1.number}/"
    response = client.patch(url, {"priority": "high"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in error_of(response)["message"]
    created = client.post("/api/v1/tickets/", {"title": "x"}, format="json")
    assert created.status_code == 403
    assert Ticket.objects.count() == 3


@pytest.mark.parametrize("suffix", ["", "replies/"])
def test_C04_options_on_a_foreign_ticket_equals_a_missing_one_and_holds_no_data(world, suffix):
    client = world.client("B1")
    foreign = client.options(f"/api/v1/tickets/{world.tA1.number}/{suffix}")
    missing = client.options(f"/api/v1/tickets/{MISSING}/{suffix}")
    assert foreign.status_code == missing.status_code
    assert foreign.content == missing.content
    assert b"Printer jam" not in foreign.content and b"Acme" not in foreign.content

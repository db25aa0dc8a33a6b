"""POST /api/v1/tickets/: JSON and multipart with files, Idempotency-Key (R-02), fields only a
technician may set (C-06, C-08), and the error shape of a refusal."""

import json

import pytest

from helpdesk.models import Attachment, Ticket, TicketSource
from tests.factories import CustomFieldFactory

from .conftest import error_of, png_file, text_file

pytestmark = pytest.mark.django_db
CREATE = "/api/v1/tickets/"


def test_a_contact_creates_a_ticket_with_json(world):
    response = world.client("A1").post(
        CREATE,
        {"title": "Screen flickers", "description": "<p>Since Monday</p>", "priority": "high"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    ticket = Ticket.objects.get(number=body["number"])
    assert (ticket.requester, ticket.customer) == (world.A1, world.A1.contact.customer)
    assert ticket.source == TicketSource.API
    assert ticket.priority.code == body["priority"] == "high"
    assert body["status"] == "open" and body["type"] == "incident"  # the portal's defaults
    assert body["url"] == f"http://localhost/en/tickets/{ticket.number}/"
    assert body["requester"] == world.A1.get_full_name()
    assert world.A1.email not in response.content.decode()


def test_multipart_create_with_several_files(world):
    CustomFieldFactory(key="asset", field_type="text")
    response = world.client("A1").post(
        CREATE,
        {
            "title": "Broken screen",
            "description": "See the photo",
            "type": "problem",
            "custom_fields": json.dumps({"asset": "LAP-1"}),
            "files": [png_file(), text_file("log.txt")],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    ticket = Ticket.objects.get(number=body["number"])
    assert ticket.custom_values == {"asset": "LAP-1"}
    assert sorted(a["name"] for a in body["attachments"]) == ["log.txt", "screen.png"]
    shot = next(a for a in body["attachments"] if a["name"] == "screen.png")
    assert shot["content_type"] == "image/png" and shot["size"] > 0
    assert shot["url"] == f"http://localhost/api/v1/attachments/{shot['id']}/"
    assert Attachment.objects.filter(ticket=ticket).count() == 2


def test_C18_a_refused_file_creates_nothing(world):
    html = text_file("x.html", b"<html><script>alert(1)</script></html>")
    response = world.client("A1").post(
        CREATE, {"title": "With html", "files": [text_file(), html]}, format="multipart"
    )
    assert response.status_code == 400
    assert "files" in error_of(response)["fields"]
    assert Ticket.objects.count() == 3
    assert Attachment.objects.count() == 3


def test_R02_the_same_idempotency_key_returns_the_first_ticket(world):
    client = world.client("A1")
    headers = {"HTTP_IDEMPOTENCY_KEY": "retry-7f3a"}
    first = client.post(CREATE, {"title": "Once"}, format="json", **headers)
    second = client.post(CREATE, {"title": "Once"}, format="json", **headers)
    assert first.status_code == 201
    assert second.status_code == 200
    assert first.json()["number"] == second.json()["number"]
    assert Ticket.objects.filter(title="Once").count() == 1
    third = client.post(CREATE, {"title": "Once"}, format="json", HTTP_IDEMPOTENCY_KEY="other")
    assert third.status_code == 201
    assert third.json()["number"] != first.json()["number"]


def test_R02_keys_are_per_requester(world):
    headers = {"HTTP_IDEMPOTENCY_KEY": "same-key"}
    one = world.client("A1").post(CREATE, {"title": "A1"}, format="json", **headers)
    two = world.client("A2").post(CREATE, {"title": "A2"}, format="json", **headers)
    assert one.status_code == two.status_code == 201
    assert one.json()["number"] != two.json()["number"]


@pytest.mark.parametrize("key", ["", "   ", "x" * 101])
def test_R02_an_unusable_idempotency_key_is_400(world, key):
    response = world.client("A1").post(
        CREATE, {"title": "t"}, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in error_of(response)["fields"]
    assert Ticket.objects.count() == 3


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"assignee": 1}, "assignee"),
        ({"requester": 1}, "requester"),
        ({"customer": 1}, "customer"),
        ({"company": 1}, "company"),
        ({"status": "closed"}, "status"),
        ({"is_internal": True}, "is_internal"),
        ({"parent": 1}, "parent"),
        ({"attachments": [1]}, "attachments"),
        ({"idempotency_key": "x"}, "idempotency_key"),
        ({"source": "admin"}, "source"),
    ],
)
def test_C06_C08_contacts_cannot_set_ownership_or_staff_fields_on_create(world, payload, field):
    response = world.client("A1").post(CREATE, {"title": "Sneaky", **payload}, format="json")
    assert response.status_code == 400
    assert field in error_of(response)["fields"]
    assert Ticket.objects.count() == 3


def test_C06_a_contact_cannot_file_for_another_customer(world):
    response = world.client("A1").post(
        CREATE, {"title": "For B", "requester": world.B1.pk}, format="json"
    )
    assert response.status_code == 400
    assert not Ticket.objects.filter(requester=world.B1, title="For B").exists()


def test_a_technician_files_for_a_contact_and_assigns(world):
    response = world.client("staff").post(
        CREATE,
        {"title": "Phoned in", "requester": world.B1.pk, "assignee": world.staff.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    ticket = Ticket.objects.get(number=response.json()["number"])
    assert (ticket.requester, ticket.customer) == (world.B1, world.tB1.customer)
    assert ticket.assignee == world.staff
    assert response.json()["assignee"] == "Tess Tech"
    assert "tess@helpdesk.example" not in response.content.decode()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "requester"),  # a technician has no customer of their own
        ({"requester": 999999}, "requester"),
        ({"requester": "B1", "assignee": "A1"}, "assignee"),  # a contact is not a technician
    ],
)
def test_a_technicians_create_names_the_wrong_field(world, payload, field):
    payload = {k: getattr(world, v).pk if isinstance(v, str) else v for k, v in payload.items()}
    response = world.client("staff").post(CREATE, {"title": "x", **payload}, format="json")
    assert response.status_code == 400
    assert field in error_of(response)["fields"]
    assert Ticket.objects.count() == 3


def test_error_shape_names_each_refused_field(world):
    response = world.client("A1").post(
        CREATE, {"title": "", "priority": "nope", "custom_fields": []}, format="json"
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"]
    assert error["message"] == "Some fields are not valid."
    assert {"title", "custom_fields"} <= set(error["fields"])


def test_service_rules_name_fields_too(world):
    CustomFieldFactory(key="po", required=True)
    response = world.client("A1").post(CREATE, {"title": "x", "priority": "nope"}, format="json")
    assert response.status_code == 400
    fields = error_of(response)["fields"]
    assert fields["priority"] == ["Choose one of the offered values."]
    assert fields["custom_fields"] == {"po": ["This field is required."]}


def test_malformed_json_is_a_400_in_the_error_shape(world):
    response = world.client("A1").generic("POST", CREATE, "{oops", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_an_unsupported_media_type_is_415(world):
    response = world.client("A1").generic("POST", CREATE, "title=x", content_type="text/plain")
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"

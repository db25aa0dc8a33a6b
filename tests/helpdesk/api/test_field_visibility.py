"""Per-field visibility through the API: hidden absent, view-only read-only, editable writable,
and a refused write leaves the database as it was (SECURITY C-07, R-04)."""

import pytest

from helpdesk.models import Activity, Impact, Priority, ProductFamily, Ticket, TicketType
from tests.factories import CustomFieldFactory, TicketFactory

from .conftest import error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields(world):
    ProductFamily.objects.create(code="laptops", labels={"en": "Laptops"})
    internal = CustomFieldFactory(
        key="internal_priority",
        field_type="dropdown",
        options=[{"code": "p1"}, {"code": "p2"}],
        visibility="hidden",
    )
    sla = CustomFieldFactory(key="sla", visibility="view_only")
    asset = CustomFieldFactory(key="asset_tag", visibility="editable")
    for ticket in (world.tA1, world.tA2, world.tB1):
        ticket.custom_values = {"internal_priority": "p1", "sla": "gold", "asset_tag": "A-1"}
        ticket.product_family = ProductFamily.objects.get(code="laptops")
        ticket.impact = Impact.objects.get(code="minor")
        ticket.save()
    return {"internal": internal, "sla": sla, "asset": asset}


def _url(ticket):
    return f"/api/v1/tickets/{ticket.number}/"


def _row(ticket):
    return Ticket.objects.filter(pk=ticket.pk).values().get()


def test_C07_hidden_fields_are_absent_from_detail_and_list_view_only_present(world, fields):
    client = world.client("A1")
    detail = client.get(_url(world.tA1)).json()
    listed = client.get("/api/v1/tickets/").json()["results"][0]
    for body in (detail, listed):
        assert "product_family" not in body
        assert body["custom_fields"] == {"sla": "gold", "asset_tag": "A-1"}
        assert body["impact"] == "minor"
        assert body["priority"] == "medium"
    raw = client.get(_url(world.tA1)).content
    assert b"internal_priority" not in raw and b"laptops" not in raw and b"p1" not in raw


def test_C07_technicians_see_every_field(world, fields):
    body = world.client("staff").get(_url(world.tA1)).json()
    assert body["product_family"] == "laptops"
    assert body["custom_fields"] == {"internal_priority": "p1", "sla": "gold", "asset_tag": "A-1"}


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"impact": "major"}, "impact", "This field is read-only."),
        ({"status": "closed"}, "status", "This field is read-only."),
        ({"product_family": "laptops"}, "product_family", "Unknown field."),
        (
            {"custom_fields": {"sla": "bronze"}},
            "custom_fields",
            {"sla": ["This field is read-only."]},
        ),
        (
            {"custom_fields": {"internal_priority": "p2"}},
            "custom_fields",
            {"internal_priority": ["Unknown field."]},
        ),
        ({"custom_fields": {"no_such": "x"}}, "custom_fields", {"no_such": ["Unknown field."]}),
        ({"custom_fields": {"priority": "low"}}, "custom_fields", {"priority": ["Unknown field."]}),
        ({"priority": "urgent-ish"}, "priority", "Choose one of the offered values."),
        ({"title": "Renamed"}, "title", "This field is read-only."),
        ({"customer": 1}, "customer", "This field is read-only."),
        ({"requester": 1}, "requester", "This field is read-only."),
        ({"number": 1}, "number", "This field is read-only."),
        ({"sla": "bronze"}, "sla", "Unknown field."),
        ({"is_staff": True}, "is_staff", "Unknown field."),
    ],
)
def test_C07_patch_of_view_only_hidden_or_unknown_is_400_and_db_unchanged(
    world, fields, payload, field, message
):
    before = _row(world.tA1)
    response = world.client("A1").patch(_url(world.tA1), payload, format="json")
    assert response.status_code == 400
    error = error_of(response)
    expected = message if isinstance(message, dict) else [message]
    assert error["fields"][field] == expected
    assert _row(world.tA1) == before
    assert not Activity.objects.filter(ticket=world.tA1).exists()


def test_C07_hidden_field_answers_exactly_like_a_field_that_does_not_exist(world, fields):
    client = world.client("A1")
    hidden = client.patch(
        _url(world.tA1), {"custom_fields": {"internal_priority": "p2"}}, format="json"
    )
    unknown = client.patch(
        _url(world.tA1), {"custom_fields": {"internal_priority_x": "p2"}}, format="json"
    )
    assert (
        hidden.json()["error"]["fields"]["custom_fields"]["internal_priority"]
        == (unknown.json()["error"]["fields"]["custom_fields"]["internal_priority_x"])
    )


def test_C07_one_refused_field_saves_none_of_the_others(world, fields):
    before = _row(world.tA1)
    response = world.client("A1").patch(
        _url(world.tA1),
        {"priority": "high", "custom_fields": {"asset_tag": "A-2", "sla": "bronze"}},
        format="json",
    )
    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == {"custom_fields"}
    assert _row(world.tA1) == before


def test_C07_editable_fields_are_written(world, fields):
    response = world.client("A1").patch(
        _url(world.tA1), {"priority": "high", "custom_fields": {"asset_tag": "A-2"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["priority"] == "high"
    world.tA1.refresh_from_db()
    assert world.tA1.priority.code == "high"
    assert world.tA1.custom_values == {"internal_priority": "p1", "sla": "gold", "asset_tag": "A-2"}


def test_C07_technicians_may_write_fields_contacts_only_view(world, fields):
    response = world.client("staff").patch(
        _url(world.tA1),
        {"impact": "major", "product_family": None, "custom_fields": {"internal_priority": "p2"}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    world.tA1.refresh_from_db()
    assert world.tA1.impact.code == "major"
    assert world.tA1.product_family is None
    assert world.tA1.custom_values["internal_priority"] == "p2"


def test_C07_a_type_the_customer_may_not_use_is_refused(world):
    world.tA1.customer.allowed_ticket_types.set(TicketType.objects.filter(code="incident"))
    response = world.client("A1").patch(_url(world.tA1), {"type": "change"}, format="json")
    assert response.status_code == 400
    assert "type" in error_of(response)["fields"]
    world.tA1.refresh_from_db()
    assert world.tA1.type.code == "incident"


def test_C07_put_is_not_offered_and_changes_nothing(world, fields):
    before = _row(world.tA1)
    response = world.client("A1").put(
        _url(world.tA1), {"title": "x", "priority": "low"}, format="json"
    )
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "PUT" not in response["Allow"]
    assert _row(world.tA1) == before


def test_C07_create_with_hidden_or_view_only_fields_is_400_and_creates_nothing(world, fields):
    client = world.client("A1")
    for payload, field in (
        ({"impact": "major"}, "impact"),
        ({"product_family": "laptops"}, "product_family"),
        ({"custom_fields": {"internal_priority": "p1"}}, "custom_fields"),
        ({"custom_fields": {"sla": "x"}}, "custom_fields"),
    ):
        response = client.post("/api/v1/tickets/", {"title": "New", **payload}, format="json")
        assert response.status_code == 400, payload
        assert field in error_of(response)["fields"]
    assert Ticket.objects.count() == 3


def test_R04_two_patches_of_different_fields_from_the_same_version_both_persist(world, fields):
    first = world.client("A1")
    second = world.client("staff")
    seen_by_first = first.get(_url(world.tA1)).json()
    seen_by_second = second.get(_url(world.tA1)).json()
    assert seen_by_first["updated_at"] == seen_by_second["updated_at"]
    assert first.patch(_url(world.tA1), {"priority": "low"}, format="json").status_code == 200
    assert (
        second.patch(_url(world.tA1), {"custom_fields": {"sla": "silver"}}, format="json")
    ).status_code == 200
    world.tA1.refresh_from_db()
    assert world.tA1.priority == Priority.objects.get(code="low")
    assert world.tA1.custom_values["sla"] == "silver"
    assert world.tA1.custom_values["asset_tag"] == "A-1"


def test_R04_an_empty_patch_changes_nothing(world):
    before = _row(world.tA1)
    response = world.client("A1").patch(_url(world.tA1), {}, format="json")
    assert response.status_code == 200
    assert _row(world.tA1) == before


def test_C07_main_contact_sees_the_same_fields_on_a_colleagues_ticket(world, fields):
    other = TicketFactory(contact=world.A2.contact, custom_values={"internal_priority": "p2"})
    body = world.client("A_main").get(_url(other)).json()
    assert "internal_priority" not in body["custom_fields"]
    assert "product_family" not in body


def test_C07_search_does_not_match_hidden_values(world, fields):
    client = world.client("A1")
    assert client.get("/api/v1/tickets/?q=p1").json()["results"] == []
    assert client.get("/api/v1/tickets/?q=laptops").json()["results"] == []
    assert len(client.get("/api/v1/tickets/?q=Printer").json()["results"]) == 1

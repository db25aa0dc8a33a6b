"""GET/PATCH /api/v1/me/ (mass assignment, C-08) and GET /api/v1/ticket-fields/ (the schema
as the caller sees it, in the request language)."""

import pytest
from django.contrib.auth.models import Group

from helpdesk.models import Contact, User
from tests.factories import CustomFieldFactory

from .conftest import error_of, set_builtin

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"
FIELDS = "/api/v1/ticket-fields/"


def _snapshot(user):
    user.refresh_from_db()
    contact = Contact.objects.filter(user=user).values().first()
    return (
        User.objects.filter(pk=user.pk).values().get(),
        contact,
        list(user.groups.values_list("name", flat=True)),
    )


def test_me_shows_the_own_profile(world):
    body = world.client("A_main").get(ME).json()
    assert body == {
        "email": world.A_main.email,
        "first_name": "Ann",
        "last_name": world.A_main.last_name,
        "job_title": world.A_main.contact.job_title,
        "phone": "",
        "language": "en",
        "customer": "Acme Corp",
        "is_main_contact": True,
    }


def test_me_changes_names_job_phone_and_language(world):
    response = world.client("A1").patch(
        ME,
        {
            "first_name": "Adam ",
            "last_name": "Smith",
            "job_title": "CTO",
            "phone": "+41 44 000 00 00",
            "language": "de",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    world.A1.refresh_from_db()
    assert (world.A1.first_name, world.A1.last_name, world.A1.language) == ("Adam", "Smith", "de")
    contact = Contact.objects.get(user=world.A1)
    assert (contact.job_title, contact.phone) == ("CTO", "+41 44 000 00 00")


@pytest.mark.parametrize(
    "payload",
    [
        {"is_staff": True},
        {"is_superuser": True},
        {"is_main_contact": True},
        {"customer": 2},
        {"company": 2},
        {"groups": ["Technicians"]},
        {"password": "new-secret-123"},
        {"email_verified": True},
        {"date_joined": "2000-01-01T00:00:00Z"},
        {"email": "boss@acme.example"},
        {"is_active": False},
        {"portal_access": False},
    ],
)
def test_C08_privilege_fields_on_me_are_400_and_nothing_changes(world, payload):
    before = _snapshot(world.A1)
    response = world.client("A1").patch(ME, {"first_name": "Mallory", **payload}, format="json")
    assert response.status_code == 400
    assert next(iter(payload)) in error_of(response)["fields"]
    assert _snapshot(world.A1) == before
    assert not world.A1.groups.filter(name="Technicians").exists()


def test_C08_groups_cannot_be_gained_even_by_form_data(world):
    Group.objects.get(name="Technicians")
    response = world.client("A1").patch(ME, {"groups": "1", "is_staff": "true"})
    assert response.status_code == 400
    world.A1.refresh_from_db()
    assert not world.A1.is_staff and not world.A1.groups.exists()


def test_me_refuses_an_unknown_language_and_staff_contact_fields(world):
    response = world.client("A1").patch(ME, {"language": "xx"}, format="json")
    assert "language" in error_of(response)["fields"]
    response = world.client("staff").patch(ME, {"job_title": "Boss"}, format="json")
    assert response.status_code == 400
    assert "job_title" in error_of(response)["fields"]
    assert world.client("staff").get(ME).json()["customer"] is None


def test_ticket_fields_list_what_the_contact_sees(world):
    CustomFieldFactory(
        key="region",
        labels={"en": "Region", "de": "Region DE"},
        field_type="dropdown",
        options=[{"code": "eu", "labels": {"en": "Europe", "de": "Europa"}}],
        required=True,
        default="eu",
    )
    CustomFieldFactory(key="secret", visibility="hidden")
    body = world.client("A1").get(FIELDS).json()
    assert [f["key"] for f in body] == ["status", "priority", "type", "impact", "region"]
    priority = body[1]
    assert priority == {
        "key": "priority",
        "label": "Priority",
        "type": "lookup",
        "visibility": "editable",
        "required": False,
        "default": "medium",
        "choices": [
            {"code": "low", "label": "Low"},
            {"code": "medium", "label": "Medium"},
            {"code": "high", "label": "High"},
            {"code": "critical", "label": "Critical"},
        ],
    }
    assert body[0]["visibility"] == "view_only"
    assert body[4] == {
        "key": "region",
        "label": "Region",
        "type": "dropdown",
        "visibility": "editable",
        "required": True,
        "default": "eu",
        "choices": [{"code": "eu", "label": "Europe"}],
    }


def test_ticket_fields_labels_follow_accept_language(world):
    CustomFieldFactory(
        key="region",
        labels={"en": "Region", "de": "Gebiet"},
        field_type="dropdown",
        options=[{"code": "eu", "labels": {"en": "Europe", "de": "Europa"}}],
    )
    body = world.client("A1").get(FIELDS, HTTP_ACCEPT_LANGUAGE="de").json()
    by_key = {f["key"]: f for f in body}
    assert by_key["priority"]["choices"][2] == {"code": "high", "label": "Hoch"}
    assert by_key["region"]["label"] == "Gebiet"
    assert by_key["region"]["choices"] == [{"code": "eu", "label": "Europa"}]


def test_ticket_fields_hidden_builtins_absent_and_technicians_see_all_editable(world):
    set_builtin("priority", "hidden")
    contact_keys = [f["key"] for f in world.client("A1").get(FIELDS).json()]
    assert "priority" not in contact_keys and "product_family" not in contact_keys
    staff = world.client("staff").get(FIELDS).json()
    assert [f["key"] for f in staff] == ["status", "priority", "type", "impact", "product_family"]
    assert {f["visibility"] for f in staff} == {"editable"}

"""Close, reopen and assign through the API, with the portal's rules."""

import pytest

from helpdesk.models import PortalSettings, Reply, Status, Ticket

from .conftest import error_of

pytestmark = pytest.mark.django_db


def _url(ticket, action=""):
    return f"/api/v1/tickets/{ticket.number}/{action + '/' if action else ''}"


def _status(ticket):
    return Ticket.objects.get(pk=ticket.pk).status.code


def test_a_contact_closes_with_a_reason_and_reopens_per_portal_settings(world, portal):
    client = world.client("A1")
    response = client.post(_url(world.tA1, "close"), {"reason": "Fixed itself"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == _status(world.tA1) == "closed"
    assert "Fixed itself" in Reply.objects.get(ticket=world.tA1).body
    # Contacts may not reopen closed tickets by default.
    refused = client.post(_url(world.tA1, "reopen"), {}, format="json")
    assert refused.status_code == 400
    assert "status" in error_of(refused)["fields"]
    assert _status(world.tA1) == "closed"
    settings = PortalSettings.for_site(portal)
    settings.contacts_may_reopen_closed = True
    settings.save()
    assert client.post(_url(world.tA1, "reopen"), {}, format="json").status_code == 200
    assert _status(world.tA1) == "open"


def test_closing_is_refused_where_the_portal_forbids_it(world, portal):
    settings = PortalSettings.for_site(portal)
    settings.contacts_may_close = False
    settings.save()
    response = world.client("A1").post(_url(world.tA1, "close"), {}, format="json")
    assert response.status_code == 400
    assert _status(world.tA1) == "open"
    assert world.client("staff").post(_url(world.tA1, "close"), {}).status_code == 200


def test_a_technician_reopens_a_resolved_ticket(world):
    world.tA1.status = Status.objects.get(code="resolved")
    world.tA1.save()
    assert world.client("staff").post(_url(world.tA1, "reopen"), {}).status_code == 200
    assert _status(world.tA1) == "open"


def test_close_takes_only_a_reason(world):
    response = world.client("A1").post(
        _url(world.tA1, "close"), {"status": "open", "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "status" in error_of(response)["fields"]
    assert _status(world.tA1) == "open"


def test_a_contact_cannot_set_the_assignee(world):
    response = world.client("A_main").patch(
        _url(world.tA1), {"assignee": world.staff.pk}, format="json"
    )
    assert response.status_code == 400
    assert "assignee" in error_of(response)["fields"]
    assert Ticket.objects.get(pk=world.tA1.pk).assignee is None


def test_a_technician_assigns_and_unassigns(world):
    client = world.client("staff")
    response = client.patch(_url(world.tA1), {"assignee": world.staff.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["assignee"] == "Tess Tech"
    assert Ticket.objects.get(pk=world.tA1.pk).assignee == world.staff
    # Contacts see the technician's name, never the address.
    seen = world.client("A1").get(_url(world.tA1))
    assert seen.json()["assignee"] == "Tess Tech"
    assert b"tess@helpdesk.example" not in seen.content
    assert client.patch(_url(world.tA1), {"assignee": None}, format="json").status_code == 200
    assert Ticket.objects.get(pk=world.tA1.pk).assignee is None


def test_only_technicians_can_be_assigned_and_nothing_else_changes(world):
    response = world.client("staff").patch(
        _url(world.tA1), {"priority": "high", "assignee": world.A1.pk}, format="json"
    )
    assert response.status_code == 400
    assert "assignee" in error_of(response)["fields"]
    ticket = Ticket.objects.get(pk=world.tA1.pk)
    assert ticket.assignee is None and ticket.priority.code == "medium"

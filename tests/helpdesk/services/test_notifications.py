import pytest

from helpdesk.models import Contact, OutboxMessage
from helpdesk.services import ticket_create, ticket_reply, ticket_update_fields
from tests.factories import TechnicianFactory

pytestmark = pytest.mark.django_db


def rows():
    return list(OutboxMessage.objects.order_by("id").values("recipient", "template", "language"))


def test_a_new_ticket_tells_every_technician_when_nobody_is_assigned(a1, tech):
    second = TechnicianFactory(email="tech2@example.com", language="it")
    ticket_create(user=a1, title="VPN down")
    assert rows() == [
        {"recipient": tech.email, "template": "ticket_created_staff", "language": "fr"},
        {"recipient": second.email, "template": "ticket_created_staff", "language": "it"},
    ]
    assert (
        OutboxMessage.objects.first()
        .context["url"]
        .endswith(f"/admin/helpdesk/tickets/{OutboxMessage.objects.first().context['number']}/")
    )


def test_a_contact_reply_tells_the_assignee_only(a1, tech):
    TechnicianFactory(email="tech2@example.com")
    ticket = ticket_create(user=a1, title="VPN down")
    ticket.assignee = tech
    ticket.save()
    OutboxMessage.objects.all().delete()
    ticket_reply(ticket=ticket, user=a1, body="Any news?")
    assert rows() == [{"recipient": tech.email, "template": "ticket_reply_staff", "language": "fr"}]


def test_a_technician_reply_tells_the_requester_with_a_link_from_settings(a2, tech, client):
    ticket = ticket_create(user=a2, title="Laptop")
    OutboxMessage.objects.all().delete()
    # A hostile Host on some request must not matter: links come from PortalSettings.
    client.get("/en/", HTTP_HOST="evil.example")
    ticket_reply(ticket=ticket, user=tech, body="Please restart it.")
    row = OutboxMessage.objects.get()
    assert (row.recipient, row.template, row.language) == (a2.email, "ticket_reply_contact", "de")
    assert row.context["url"] == f"https://help.example.com/de/tickets/{ticket.number}/"


def test_an_internal_note_tells_no_contact(a1, tech):
    ticket = ticket_create(user=a1, title="x")
    OutboxMessage.objects.all().delete()
    ticket_reply(ticket=ticket, user=tech, body="psst", is_internal=True)
    assert rows() == []


def test_resolving_tells_the_requester(a1, tech):
    ticket = ticket_create(user=a1, title="x")
    OutboxMessage.objects.all().delete()
    ticket_update_fields(ticket=ticket, user=tech, values={"status": "resolved"})
    assert [r["template"] for r in rows()] == ["ticket_resolved"]


def test_C05_a_contact_moved_away_is_not_told_any_more(a1, tech, globex):
    ticket = ticket_create(user=a1, title="x")
    Contact.objects.filter(user=a1).update(customer=globex)
    OutboxMessage.objects.all().delete()
    ticket_reply(ticket=ticket, user=tech, body="Done.")
    assert rows() == []


def test_the_outbox_row_is_written_with_the_ticket(a1, tech, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        ticket_create(user=a1, title="Mail me")
    assert OutboxMessage.objects.get().status == "sent"
    assert mail.outbox[-1].to == [tech.email]

"""Lookup labels are shown in the reader's language at every door: the status `Open` is
`Offen` for a German reader on the ticket page, in the API's ticket-fields schema, in the CSV
export and in a notification e-mail."""

import csv
import io

import pytest

from helpdesk.models import OutboxMessage
from helpdesk.notifications.delivery import render_email
from helpdesk.services.replies import ticket_reply
from helpdesk.services.tickets import ticket_create
from tests.factories import ContactFactory, TechnicianFactory

pytestmark = pytest.mark.django_db


def test_open_is_offen_for_a_german_reader_everywhere(client, portal):
    contact = ContactFactory(user__language="de", is_main_contact=True)
    ticket = ticket_create(user=contact.user, title="XR-200 jams")
    assert ticket.status.code == "open"
    client.force_login(contact.user)

    page = client.get(f"/de/tickets/{ticket.number}/").content.decode()
    assert '<span class="prop-value">Offen</span>' in page
    assert ">Open<" not in page

    fields = client.get("/api/v1/ticket-fields/", HTTP_ACCEPT_LANGUAGE="de").json()
    status = next(field for field in fields if field["key"] == "status")
    assert {"code": "open", "label": "Offen"} in status["choices"]

    export = b"".join(client.get("/de/tickets/export.csv").streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(export)))
    assert row[header.index("Status")] == "Offen"

    ticket_reply(ticket=ticket, user=TechnicianFactory(), body="<p>XR-200 0x4712</p>")
    email = render_email(OutboxMessage.objects.get(template="ticket_reply_contact"))
    assert "Status: Offen" in email.body

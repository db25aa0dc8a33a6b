"""Notifications are written in the recipient's language: subject, text, field labels and
values, and dates and numbers in the locale's format. Fields the recipient may not see stay
out of the e-mail."""

import datetime

import pytest
import time_machine

from helpdesk.models import OutboxMessage
from helpdesk.notifications.delivery import render_email
from helpdesk.services.replies import ticket_reply
from helpdesk.services.tickets import ticket_create
from tests.factories import ContactFactory, CustomFieldFactory, TechnicianFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 3, 5, 14, 30, tzinfo=datetime.UTC)


def html_of(email):
    return next(content for content, mimetype in email.alternatives if mimetype == "text/html")


@pytest.fixture
def new_ticket_mail(portal):
    """The e-mail to a German and to an English technician about a new ticket."""
    CustomFieldFactory(
        key="affected_users",
        labels={"en": "Affected users", "de": "Betroffene Benutzer"},
        field_type="number",
    )
    TechnicianFactory(email="de@example.com", language="de")
    TechnicianFactory(email="en@example.com", language="en")
    contact = ContactFactory(customer__name="Acme Corp")
    with time_machine.travel(MOMENT, tick=False):
        ticket_create(
            user=contact.user,
            title="XR-200 jams",
            values={"affected_users": "1234.5", "priority": "high"},
        )
    return {
        message.recipient: render_email(message)
        for message in OutboxMessage.objects.filter(template="ticket_created_staff")
    }


def test_a_german_recipient_gets_german_subject_labels_date_and_number(new_ticket_mail):
    email = new_ticket_mail["de@example.com"]
    assert email.subject.startswith("Neues Ticket #")
    assert "Status: Offen" in email.body
    assert "Priorität: Hoch" in email.body
    assert "Betroffene Benutzer: 1234,5" in email.body
    assert "Aktualisiert: 5. März 2026 14:30" in email.body
    html = html_of(email)
    assert ">Offen</td>" in html
    assert ">5. März 2026 14:30</td>" in html


def test_an_english_recipient_gets_english(new_ticket_mail):
    email = new_ticket_mail["en@example.com"]
    assert email.subject.startswith("New ticket #")
    assert "Status: Open" in email.body
    assert "Affected users: 1234.5" in email.body
    assert "Updated: March 5, 2026, 2:30 p.m." in email.body


def test_a_contact_is_not_told_fields_hidden_from_contacts(portal):
    CustomFieldFactory(key="cost_centre", labels={"en": "Cost centre"}, visibility="hidden")
    technician = TechnicianFactory(language="fr")
    contact = ContactFactory(user__language="fr")
    ticket = ticket_create(user=contact.user, title="XR-200 jams")
    ticket.custom_values = {"cost_centre": "CC-4711"}
    ticket.save(update_fields=["custom_values"])

    ticket_reply(ticket=ticket, user=technician, body="<p>On it.</p>")
    message = OutboxMessage.objects.get(template="ticket_reply_contact")
    email = render_email(message)
    assert "Statut\xa0: Ouvert" in email.body
    assert "CC-4711" not in email.body + html_of(email)
    assert "Cost centre" not in email.body + html_of(email)

"""A sixth language (Dutch) is settings plus a catalog (docs/translating.md): until someone
adds "nl" labels in the admin, lookup and custom-field labels fall back to English, with no
migration and no error, on the page, in the API and in e-mails."""

import pytest
from django.conf import settings
from django.test import override_settings

from helpdesk.models import OutboxMessage, Status
from helpdesk.notifications.delivery import render_email
from helpdesk.services.replies import ticket_reply
from helpdesk.services.tickets import ticket_create
from tests.factories import ContactFactory, CustomFieldFactory, TechnicianFactory

pytestmark = pytest.mark.django_db

WITH_DUTCH = [*settings.LANGUAGES, ("nl", "Nederlands")]


@override_settings(LANGUAGES=WITH_DUTCH, WAGTAIL_CONTENT_LANGUAGES=WITH_DUTCH)
def test_dutch_readers_get_english_labels_until_dutch_ones_exist(client, portal):
    CustomFieldFactory(key="asset_tag", labels={"en": "Asset tag", "de": "Inventarnummer"})
    contact = ContactFactory(user__language="nl")
    ticket = ticket_create(user=contact.user, title="XR-200 jams")
    client.force_login(contact.user)

    page = client.get(f"/nl/tickets/{ticket.number}/")
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "nl"
    html = page.content.decode()
    assert '<span class="prop-value">Open</span>' in html
    assert "Asset tag</label>" in html

    fields = client.get("/api/v1/ticket-fields/", HTTP_ACCEPT_LANGUAGE="nl").json()
    labels = {field["key"]: field for field in fields}
    assert {"code": "open", "label": "Open"} in labels["status"]["choices"]
    assert labels["asset_tag"]["label"] == "Asset tag"

    ticket_reply(ticket=ticket, user=TechnicianFactory(), body="<p>XR-200 0x4712</p>")
    message = OutboxMessage.objects.get(template="ticket_reply_contact")
    assert message.language == "nl"
    assert "Status: Open" in render_email(message).body


@override_settings(LANGUAGES=WITH_DUTCH, WAGTAIL_CONTENT_LANGUAGES=WITH_DUTCH)
def test_a_dutch_label_is_data_not_a_migration(client, portal):
    status = Status.objects.get(code="open")
    status.labels = {**status.labels, "nl": "Open (nl)"}
    status.save()
    contact = ContactFactory(user__language="nl")
    client.force_login(contact.user)
    fields = client.get("/api/v1/ticket-fields/", HTTP_ACCEPT_LANGUAGE="nl").json()
    status_field = next(field for field in fields if field["key"] == "status")
    assert {"code": "open", "label": "Open (nl)"} in status_field["choices"]
    assert status.label("de") == "Offen"

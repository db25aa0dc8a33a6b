"""SECURITY C-22: every door through which a file can enter runs the same validation
(`attachment_add` via the services). One dangerous file, offered at each door, is refused
everywhere and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from helpdesk.models import Attachment, Reply, Ticket
from tests.factories import ContactFactory, TechnicianFactory, TicketFactory

pytestmark = pytest.mark.django_db

HTML_AS_PNG = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def bad_file():
    return SimpleUploadedFile("screenshot.png", HTML_AS_PNG, content_type="image/png")


@pytest.fixture
def contact(portal):
    return ContactFactory(user__email="a1@acme.example").user


@pytest.fixture
def ticket(contact):
    return TicketFactory(requester=contact, customer=contact.contact.customer)


def counts():
    return Ticket.objects.count(), Reply.objects.count(), Attachment.objects.count()


def test_C22_portal_new_ticket(client, contact):
    client.force_login(contact)
    before = counts()
    response = client.post("/en/tickets/new/", {"title": "Look", "files": [bad_file()]})
    assert response.status_code in (200, 400)
    assert "does not match its extension" in response.content.decode()
    assert counts() == before


def test_C22_portal_reply(client, contact, ticket):
    client.force_login(contact)
    before = counts()
    client.post(f"/en/tickets/{ticket.number}/reply/", {"body": "see file", "files": [bad_file()]})
    assert counts() == before


def test_C22_api_create_and_reply(contact, ticket):
    api = APIClient()
    api.force_authenticate(contact)
    before = counts()
    created = api.post(
        "/api/v1/tickets/", {"title": "Look", "files": [bad_file()]}, format="multipart"
    )
    replied = api.post(
        f"/api/v1/tickets/{ticket.number}/replies/",
        {"body": "see file", "files": [bad_file()]},
        format="multipart",
    )
    assert created.status_code == replied.status_code == 400
    assert "files" in created.json()["error"]["fields"]
    assert counts() == before


def test_C22_admin_reply(client, ticket):
    client.force_login(TechnicianFactory())
    before = counts()
    client.post(
        f"/admin/helpdesk/tickets/{ticket.number}/reply/",
        {"reply-body": "see file", "reply-files": [bad_file()]},
    )
    assert counts() == before


def good_file():
    return SimpleUploadedFile("notes.txt", b"printer log\n", content_type="text/plain")


def test_the_same_doors_take_a_good_file(client, contact, ticket):
    """Control: the requests above are well-formed, so their refusals come from the file."""
    client.force_login(contact)
    client.post("/en/tickets/new/", {"title": "Look", "files": [good_file()]})
    client.post(f"/en/tickets/{ticket.number}/reply/", {"body": "see", "files": [good_file()]})
    api = APIClient()
    api.force_authenticate(contact)
    api.post("/api/v1/tickets/", {"title": "Look", "files": [good_file()]}, format="multipart")
    api.post(
        f"/api/v1/tickets/{ticket.number}/replies/",
        {"body": "see", "files": [good_file()]},
        format="multipart",
    )
    client.force_login(TechnicianFactory())
    client.post(
        f"/admin/helpdesk/tickets/{ticket.number}/reply/",
        {"reply-body": "see", "reply-files": [good_file()]},
    )
    assert Attachment.objects.count() == 5

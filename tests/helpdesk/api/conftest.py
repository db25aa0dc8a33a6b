"""The SECURITY fixtures for API tests: company A (A_main, A1, A2), company B (B1), a
technician, anonymous; tickets tA1, tA2, tB1, each with a file."""

import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from helpdesk.models import BuiltinFieldSetting
from helpdesk.services import attachment_add
from tests.factories import (
    ContactFactory,
    CustomerFactory,
    TechnicianFactory,
    TicketFactory,
    api_token,
)


def text_file(name="notes.txt", content=b"log line 1\nlog line 2\n"):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def png_file(name="screen.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def client_for(user):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@dataclass
class World:
    A_main: object
    A1: object
    A2: object
    B1: object
    staff: object
    tA1: object
    tA2: object
    tB1: object
    files: dict  # ticket name -> its attachment

    def client(self, name):
        return client_for(None if name == "anon" else getattr(self, name))


@pytest.fixture
def world(db):
    acme = CustomerFactory(name="Acme Corp")
    bravo = CustomerFactory(name="Bravo Ltd")
    a_main = ContactFactory(customer=acme, is_main_contact=True, user__first_name="Ann")
    a1 = ContactFactory(customer=acme, user__first_name="Adam")
    a2 = ContactFactory(customer=acme, user__first_name="Ava")
    b1 = ContactFactory(customer=bravo, user__first_name="Ben")
    staff = TechnicianFactory(first_name="Tess", last_name="Tech", email="tess@helpdesk.example")
    tickets = {
        "tA1": TicketFactory(contact=a1, title="Printer jam A1"),
        "tA2": TicketFactory(contact=a2, title="VPN down A2"),
        "tB1": TicketFactory(contact=b1, title="Mail bounce B1"),
    }
    files = {
        name: attachment_add(ticket=ticket, uploaded_by=ticket.requester, upload=text_file())
        for name, ticket in tickets.items()
    }
    return World(
        A_main=a_main.user,
        A1=a1.user,
        A2=a2.user,
        B1=b1.user,
        staff=staff,
        files=files,
        **tickets,
    )


def set_builtin(field, visibility, required=False):
    BuiltinFieldSetting.objects.update_or_create(
        field=field, defaults={"visibility": visibility, "required": required}
    )


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


def same_answer_headers(response):
    """The headers two answers must share to be indistinguishable: all but the request id, which
    is new for every request by design (cms.core.logs)."""
    return sorted(
        (name, value) for name, value in response.headers.items() if name != "X-Request-ID"
    )

"""Fixtures of the SECURITY checklist: customer A with a main contact and two contacts, customer
B with one contact, a ticket of each, and a helper to upload files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk.models import BuiltinFieldSetting, Status
from helpdesk.services import attachment_add
from tests.factories import ContactFactory, CustomerFactory, TicketFactory


@pytest.fixture
def company_a(portal):
    return CustomerFactory(name="Acme Corp")


@pytest.fixture
def company_b(portal):
    return CustomerFactory(name="Globex Ltd")


@pytest.fixture
def a_main(company_a):
    return ContactFactory(customer=company_a, is_main_contact=True, user__first_name="Alice").user


@pytest.fixture
def a1(company_a):
    return ContactFactory(customer=company_a, user__first_name="Anton").user


@pytest.fixture
def a2(company_a):
    return ContactFactory(customer=company_a, user__first_name="Anna").user


@pytest.fixture
def b1(company_b):
    return ContactFactory(customer=company_b, is_main_contact=True, user__first_name="Bert").user


@pytest.fixture
def t_a1(a1):
    return TicketFactory(contact=a1.contact, title="Printer of A1 jams")


@pytest.fixture
def t_a2(a2):
    return TicketFactory(contact=a2.contact, title="VPN of A2 drops")


@pytest.fixture
def t_b1(b1):
    return TicketFactory(contact=b1.contact, title="Secret of Globex")


def upload(name="notes.txt", content=b"plain text notes", content_type="text/plain"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name="report.pdf"):
    return upload(name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf")


@pytest.fixture
def attach():
    def _attach(ticket, name="notes.txt"):
        return attachment_add(ticket=ticket, uploaded_by=ticket.requester, upload=upload(name))

    return _attach


@pytest.fixture
def set_visibility(db):
    def _set(field, visibility, **extra):
        BuiltinFieldSetting.objects.update_or_create(
            field=field, defaults={"visibility": visibility, **extra}
        )

    return _set


def status(code):
    return Status.objects.get(code=code)


def body(response):
    return response.content.decode()


def same_page(response, path):
    """The body with what legitimately differs per request taken out: the masked CSRF token,
    the CSP nonce and the page's own path (in the language links)."""
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", body(response))
    html = re.sub(r'nonce="[^"]+"', "NONCE", html)
    return html.replace(path.split("/", 2)[2], "PATH")

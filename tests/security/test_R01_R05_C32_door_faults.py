"""Faults injected at the HTTP doors (the service-level versions live in tests/helpdesk/services):

- R-05: the mail server is down while a ticket is opened, replies are written (portal, API,
  admin) and a reset code is requested: every request succeeds, the outbox keeps the e-mails,
  and they are delivered once the server is back.
- R-01/C-32: the private storage fails on the second of three files: a generic error, no
  ticket, no attachment row, no orphan file.
- C-32: a login, a wrong login, a password reset with its code and a token request leave no
  password, code, token or session id in any log record or on the console."""

import io
import logging
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from helpdesk.accounts.tokens import CODE_ALPHABET
from helpdesk.models import Attachment, OutboxMessage, OutboxStatus, Reply, Ticket
from helpdesk.notifications.delivery import deliver_due
from tests.factories import ContactFactory, CustomerFactory, TechnicianFactory, TicketFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db


class SmtpDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP is down (connection refused)")


@pytest.fixture
def people(portal):
    acme = CustomerFactory(name="Acme Corp", portal=portal)
    a1 = ContactFactory(customer=acme, user__email="anton@acme.example").user
    tech = TechnicianFactory(email="tess@helpdesk.example")
    return {"a1": a1, "tech": tech, "acme": acme}


def test_R05_mail_down_every_door_succeeds_and_the_outbox_delivers_later(
    people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.security.test_R01_R05_C32_door_faults.SmtpDown"
    portal = Client(raise_request_exception=False)
    portal.force_login(people["a1"])
    admin = Client(raise_request_exception=False)
    admin.force_login(people["tech"])
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(people["a1"])
    anonymous = Client(raise_request_exception=False)

    with django_capture_on_commit_callbacks(execute=True):
        created = portal.post("/en/tickets/new/", {"title": "Printer", "description": "Jam"})
    ticket = Ticket.objects.get(requester=people["a1"])
    with django_capture_on_commit_callbacks(execute=True):
        replied = api.post(
            f"/api/v1/tickets/{ticket.number}/replies/", {"body": "More"}, format="json"
        )
    with django_capture_on_commit_callbacks(execute=True):
        answered = admin.post(
            f"/admin/helpdesk/tickets/{ticket.number}/reply/", {"reply-body": "On it"}
        )
    with django_capture_on_commit_callbacks(execute=True):
        reset = anonymous.post("/en/account/password-reset/", {"email": people["a1"].email})

    assert [created.status_code, replied.status_code, answered.status_code] == [302, 201, 302]
    assert reset.status_code == 302 and reset["Location"] == "/en/account/password-reset/code/"
    assert Reply.objects.filter(ticket=ticket).count() == 2
    waiting = OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
    templates = set(waiting.values_list("template", flat=True))
    assert "password_reset_code" in templates and len(templates) >= 3, templates
    assert all(m.attempts >= 1 and "SMTP is down" in m.last_error for m in waiting)
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + timezone.timedelta(hours=7)
    counts = deliver_due(now=later)
    assert counts == {"sent": waiting.model.objects.count(), "retrying": 0, "failed": 0}
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {people["a1"].email, people["tech"].email}
    assert any(
        re.search(rf"[{CODE_ALPHABET}]{{4}} [{CODE_ALPHABET}]{{4}}", m.body) for m in mail.outbox
    )


def _files():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, "PNG")
    return [
        SimpleUploadedFile("screen.png", buffer.getvalue(), "image/png"),
        SimpleUploadedFile("log.txt", b"line one\n", "text/plain"),
        SimpleUploadedFile("invoice.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    ]


def _stored_files():
    root = Path(_private_storage().location)
    return sorted(str(p) for p in root.rglob("*") if p.is_file())


def _private_storage():
    # The instance the model field holds (resolved when models load); `storages["private"]`
    # is a new object after any STORAGES override, and patching that one would test nothing.
    return Attachment._meta.get_field("file").storage


@pytest.fixture
def storage_fails_on_the_second_file():
    storage = _private_storage()
    real_save = storage.save
    calls = {"n": 0}

    def failing_save(name, content, max_length=None):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("No space left on device: /var/private/attachments")
        return real_save(name, content, max_length=max_length)

    with mock.patch.object(storage, "save", side_effect=failing_save):
        yield calls


def _nothing_left(before):
    assert (Ticket.objects.count(), Attachment.objects.count(), Reply.objects.count()) == before[0]
    assert _stored_files() == before[1], "orphan files in the private storage"


def _state():
    return (Ticket.objects.count(), Attachment.objects.count(), Reply.objects.count()), (
        _stored_files()
    )


def test_R01_C32_storage_failing_mid_upload_on_the_portal_form(
    people, storage_fails_on_the_second_file
):
    client = Client(raise_request_exception=False)
    client.force_login(people["a1"])
    before = _state()
    response = client.post("/en/tickets/new/", {"title": "Files", "files": _files()})
    assert storage_fails_on_the_second_file["n"] == 2
    html = response.content.decode()
    assert response.status_code >= 500
    assert "No space left" not in html and "Traceback" not in html and "OSError" not in html
    _nothing_left(before)


@pytest.mark.parametrize("door", ["create", "reply"])
def test_R01_C32_storage_failing_mid_upload_on_the_api(
    people, storage_fails_on_the_second_file, door
):
    ticket = TicketFactory(requester=people["a1"], customer=people["acme"])
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(people["a1"])
    before = _state()
    if door == "create":
        response = api.post("/api/v1/tickets/", {"title": "Files", "files": _files()})
    else:
        response = api.post(
            f"/api/v1/tickets/{ticket.number}/replies/", {"body": "Files", "files": _files()}
        )
    assert storage_fails_on_the_second_file["n"] == 2
    assert response.status_code >= 500
    assert response.json()["error"]["code"]
    assert "No space left" not in response.content.decode()
    _nothing_left(before)


def test_C32_logs_carry_no_password_code_token_or_session(
    people, caplog, capsys, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    email = people["a1"].email
    client = Client(raise_request_exception=False)
    wrong = "Wrong-Secret-Passphrase-77"
    client.post("/en/account/login/", {"username": email, "password": wrong})
    assert (
        client.post("/en/account/login/", {"username": email, "password": PASSWORD}).status_code
        == 302
    )
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    anonymous = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post("/en/account/password-reset/", {"email": email})
    code = re.search(rf"([{CODE_ALPHABET}]{{4}}) ([{CODE_ALPHABET}]{{4}})", mail.outbox[-1].body)
    new_password = "Brand-New-Passphrase-2026"
    confirmed = anonymous.post(
        "/en/account/password-reset/code/",
        {"email": email, "code": "".join(code.groups()), "new_password1": new_password,
         "new_password2": new_password},
    )  # fmt: skip
    assert confirmed.status_code == 302

    token = APIClient().post(
        "/api/v1/auth/token/", {"email": email, "password": new_password}, format="json"
    )
    key = token.json()["token"]

    records = [record.getMessage() for record in caplog.records]
    records += [str(record.args) for record in caplog.records] + [caplog.text]
    out = capsys.readouterr()
    logged = "\n".join([*records, out.out, out.err])
    assert len(caplog.records) > 0  # the run did log (axes, requests): the check has material
    secrets = {
        "wrong password": wrong,
        "password": PASSWORD,
        "new password": new_password,
        "reset code": "".join(code.groups()),
        "reset code (grouped)": code.group(0),
        "API token": key,
        "session id": session_key,
    }
    found = [name for name, secret in secrets.items() if secret in logged]
    assert not found, f"logs carry: {found}"

"""An upload over the portal's limit is never stored whole, even on disk: the handler stops
writing at the limit, the file keeps its real size, and the form refuses it by that size
while keeping what the user typed."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from helpdesk.models import PortalSettings, Ticket
from helpdesk.tickets.uploads import PortalLimitUploadHandler
from tests.factories import ContactFactory, TicketFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def receive(handler, total, chunk=64 * 1024):
    handler.new_file("files", "big.log.txt", "text/plain", total)
    sent = 0
    while sent < total:
        handler.receive_data_chunk(b"x" * chunk, sent)
        sent += chunk
    return handler.file_complete(sent)


def test_the_handler_stops_writing_at_the_limit_and_keeps_the_real_size(portal):
    portal_settings = PortalSettings.for_site(portal)
    portal_settings.max_upload_mb = 1
    portal_settings.save()
    request = RequestFactory().post("/en/tickets/1/reply/", HTTP_HOST=portal.hostname)
    handler = PortalLimitUploadHandler(request)

    upload = receive(handler, 3 * MB)

    assert upload.size == 3 * MB
    assert os.fstat(upload.file.fileno()).st_size <= 1 * MB


def test_a_file_within_the_limit_is_stored_whole(portal):
    request = RequestFactory().post("/en/tickets/1/reply/", HTTP_HOST=portal.hostname)
    upload = receive(PortalLimitUploadHandler(request), 3 * MB)
    assert os.fstat(upload.file.fileno()).st_size == upload.size == 3 * MB


def test_admin_uploads_keep_djangos_behaviour(portal):
    portal_settings = PortalSettings.for_site(portal)
    portal_settings.max_upload_mb = 1
    portal_settings.save()
    request = RequestFactory().post("/admin/documents/multiple/add/", HTTP_HOST=portal.hostname)
    upload = receive(PortalLimitUploadHandler(request), 3 * MB)
    assert os.fstat(upload.file.fileno()).st_size == 3 * MB


def test_an_oversize_reply_is_refused_by_size_and_the_text_is_kept(client, portal):
    portal_settings = PortalSettings.for_site(portal)
    portal_settings.max_upload_mb = 1
    portal_settings.save()
    contact = ContactFactory(customer__portal=portal)
    ticket = TicketFactory(customer=contact.customer, requester=contact.user)
    client.force_login(contact.user)
    big = SimpleUploadedFile("big.log.txt", b"log line\n" * (400 * 1024), "text/plain")  # 3.6 MB

    response = client.post(
        f"/en/tickets/{ticket.number}/reply/",
        {"body": "Here is the full log.", "files": [big]},
    )

    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "larger than the limit of 1 MB" in html
    assert "Here is the full log." in html
    assert not Ticket.objects.get(pk=ticket.pk).replies.exists()

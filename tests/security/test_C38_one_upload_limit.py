"""C-38: one upload limit, and a file cut short is never stored (security round 2, finding 5).
The upload handler cut files at the limit of the portal whose host the request came through,
while validation used the limit of the ticket's portal: dave's 15 MB file for an Initech ticket
(20 MB limit), sent through the main host (10 MB), answered 201 with the full size and was
stored with its first 10 MB. The handler now caps at the largest limit of any portal and marks
what it cut; the ticket's portal's limit decides, and a cut file is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from helpdesk.models import Attachment, PortalSettings
from tests.factories import ContactFactory, CustomerFactory, PortalFactory, TicketFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def limit(site, megabytes):
    settings_row = PortalSettings.for_site(site)
    settings_row.max_upload_mb = megabytes
    settings_row.save()


@pytest.fixture
def dave(portal):
    """A contact of Initech, whose portal takes 5 MB; the main portal takes 3 MB. (Files under
    Django's 2.5 MB memory threshold never reach the spooling handler.)"""
    initech = PortalFactory(hostname="support.initech.localhost", site_name="Initech")
    limit(portal, 3)
    limit(initech, 5)
    contact = ContactFactory(customer=CustomerFactory(name="Initech", portal=initech))
    return contact


def reply_through_main_host(contact, size):
    ticket = TicketFactory(contact=contact)
    api = APIClient()
    api.force_authenticate(contact.user)
    upload = SimpleUploadedFile("trace.log.txt", b"x" * size, "text/plain")
    response = api.post(
        f"/api/v1/tickets/{ticket.number}/replies/",
        {"body": "The trace", "files": [upload]},
        format="multipart",
        HTTP_HOST="testserver",
    )
    return ticket, response


def test_C38_a_file_within_the_tickets_limit_is_stored_whole_through_any_host(dave):
    ticket, response = reply_through_main_host(dave, 4 * MB)

    assert response.status_code == 201
    (stored,) = Attachment.objects.filter(ticket=ticket)
    assert stored.size == 4 * MB
    with stored.file.open("rb") as handle:
        assert len(handle.read()) == 4 * MB


def test_C38_a_file_over_every_limit_is_refused_and_nothing_is_stored(dave):
    ticket, response = reply_through_main_host(dave, 6 * MB)

    assert response.status_code == 400
    assert "larger than the limit of 5 MB" in response.content.decode()
    assert not Attachment.objects.filter(ticket=ticket).exists()
    assert not ticket.replies.exists()


def test_C38_a_truncated_upload_is_never_accepted(dave):
    from django.core.exceptions import ValidationError

    from helpdesk.services.attachments import upload_limit_for, validate_upload

    upload = SimpleUploadedFile("trace.log.txt", b"x" * 1024, "text/plain")
    upload.truncated = True  # what the handler marks when it stopped writing
    with pytest.raises(ValidationError):
        validate_upload(upload, max_bytes=upload_limit_for(dave.customer))

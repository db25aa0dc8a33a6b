"""Range requests for KB documents (a video must seek; Safari on iOS plays media only from
servers that answer ranges) and ticket attachments: 206 with exactly the bytes asked for and
every download header kept, 416 past the end, the whole file when the range cannot be honoured,
and the access check first — another customer's range request is the same 404 as always."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk.services import attachment_add
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

VIDEO = bytes(range(256)) * 40  # 10,240 bytes, every offset distinguishable


@pytest.fixture
def video(kb):
    document = kb.document
    document.file.save("acme-gateways.mp4", ContentFile(VIDEO), save=True)
    return document


def body(response):
    return b"".join(response.streaming_content)


def test_a_range_is_answered_with_its_bytes_and_the_download_headers(client, acme_user, video):
    client.force_login(acme_user)
    response = client.get(video.url, HTTP_RANGE="bytes=1000-1999")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{len(VIDEO)}"
    assert response["Content-Length"] == "1000"
    assert body(response) == VIDEO[1000:2000]
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response["Cache-Control"]


def test_open_and_suffix_ranges(client, acme_user, video):
    client.force_login(acme_user)
    tail = client.get(video.url, HTTP_RANGE="bytes=10000-")
    assert tail.status_code == 206 and body(tail) == VIDEO[10000:]
    last = client.get(video.url, HTTP_RANGE="bytes=-16")
    assert last.status_code == 206 and body(last) == VIDEO[-16:]
    assert last["Content-Range"] == f"bytes {len(VIDEO) - 16}-{len(VIDEO) - 1}/{len(VIDEO)}"


def test_past_the_end_is_416_with_the_size(client, acme_user, video):
    client.force_login(acme_user)
    response = client.get(video.url, HTTP_RANGE=f"bytes={len(VIDEO)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"
    assert body(response) == b""


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_RANGE": "bytes=0-9,20-29"},  # several ranges: the whole file
        {"HTTP_RANGE": "bytes=0-9", "HTTP_IF_RANGE": '"some-version"'},  # unverifiable
    ],
)
def test_otherwise_the_whole_file(client, acme_user, video, headers):
    client.force_login(acme_user)
    response = client.get(video.url, **headers)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == VIDEO


def test_another_customers_range_request_is_the_same_404(client, globex_user, video):
    client.force_login(globex_user)
    plain = client.get(video.url)
    ranged = client.get(video.url, HTTP_RANGE="bytes=0-99")
    assert plain.status_code == ranged.status_code == 404
    assert "Content-Range" not in ranged and "Accept-Ranges" not in ranged
    assert ranged["Content-Type"] == plain["Content-Type"] == "text/html; charset=utf-8"
    assert VIDEO[:64] not in ranged.content


def test_a_ticket_attachment_resumes_from_a_range(client, contact):
    log = b"".join(b"log line %05d\n" % n for n in range(800))
    ticket = TicketFactory(customer=contact.customer, requester=contact.user)
    upload = SimpleUploadedFile("trace.txt", log, content_type="text/plain")
    attachment = attachment_add(ticket=ticket, uploaded_by=contact.user, upload=upload)
    client.force_login(contact.user)
    url = f"/en/tickets/{ticket.number}/attachments/{attachment.pk}/"
    response = client.get(url, HTTP_RANGE="bytes=4096-")
    assert response.status_code == 206
    assert body(response) == log[4096:]
    assert response["Content-Disposition"].startswith("attachment;")

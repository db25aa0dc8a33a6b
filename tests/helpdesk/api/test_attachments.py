"""GET /api/v1/attachments/{id}/: download headers (C-19), no 304 or other answer for a file
the caller may not see (C-20), internal-note files hidden from contacts."""

import pytest

from helpdesk.services import attachment_add
from tests.factories import ReplyFactory

from .conftest import text_file

pytestmark = pytest.mark.django_db


def _url(attachment):
    return f"/api/v1/attachments/{attachment.pk}/"


def test_C19_a_download_is_an_attachment_that_cannot_run(world):
    response = world.client("A1").get(_url(world.files["tA1"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''notes.txt"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"log line 1\nlog line 2\n"


def test_C19_any_accept_header_still_gets_the_file(world):
    response = world.client("A1").get(_url(world.files["tA1"]), HTTP_ACCEPT="image/png")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_IF_NONE_MATCH": '"*"'},
        {"HTTP_IF_NONE_MATCH": "*"},
        {"HTTP_IF_MODIFIED_SINCE": "Wed, 21 Oct 2015 07:28:00 GMT"},
    ],
)
def test_C20_a_foreign_attachment_is_the_plain_404_whatever_the_headers(world, headers):
    client = world.client("B1")
    foreign = client.get(_url(world.files["tA1"]), **headers)
    missing = client.get("/api/v1/attachments/999999/", **headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content
    assert "Content-Disposition" not in foreign


def test_C01_internal_note_files_are_404_for_contacts_not_technicians(world):
    note = ReplyFactory(ticket=world.tA1, author=world.staff, is_internal=True)
    secret = attachment_add(
        ticket=world.tA1, reply=note, uploaded_by=world.staff, upload=text_file("vip.txt")
    )
    missing = world.client("A1").get("/api/v1/attachments/999999/")
    for who in ("A1", "A_main"):
        response = world.client(who).get(_url(secret))
        assert response.status_code == 404
        assert response.content == missing.content
    assert world.client("staff").get(_url(secret)).status_code == 200


@pytest.mark.parametrize(("who", "status"), [("A_main", 200), ("A2", 404), ("staff", 200)])
def test_C02_C03_downloads_follow_ticket_visibility(world, who, status):
    assert world.client(who).get(_url(world.files["tA1"])).status_code == status


def test_a_download_through_the_api_resumes_from_a_range(world):
    """The API's request is DRF's wrapper; the range is still read from it."""
    response = world.client("A1").get(_url(world.files["tA1"]), HTTP_RANGE="bytes=11-")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 11-21/22"
    assert b"".join(response.streaming_content) == b"log line 2\n"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''notes.txt"


def test_another_callers_range_request_is_the_same_404(world):
    response = world.client("B1").get(_url(world.files["tA1"]), HTTP_RANGE="bytes=0-3")
    assert response.status_code == 404
    assert "Content-Range" not in response and b"log line" not in response.content

"""Replies: the public conversation for contacts, internal notes for technicians only, replies
with files, and the author is always the caller (C-08)."""

import pytest

from helpdesk.models import Attachment, Reply, Status
from tests.factories import ReplyFactory

from .conftest import error_of, png_file, text_file

pytestmark = pytest.mark.django_db


def _url(ticket):
    return f"/api/v1/tickets/{ticket.number}/replies/"


@pytest.fixture
def conversation(world):
    public = ReplyFactory(ticket=world.tA1, author=world.A1, body="<p>Any news?</p>")
    note = ReplyFactory(
        ticket=world.tA1, author=world.staff, body="<p>Customer is VIP</p>", is_internal=True
    )
    return public, note


def test_contacts_see_public_replies_without_internal_notes(world, conversation):
    public, _note = conversation
    for who in ("A1", "A_main"):
        response = world.client(who).get(_url(world.tA1))
        assert response.status_code == 200
        assert response.json() == [
            {
                "id": public.pk,
                "author": world.A1.get_full_name(),
                "body": "<p>Any news?</p>",
                "created_at": response.json()[0]["created_at"],
                "attachments": [],
            }
        ]
        assert b"VIP" not in response.content


def test_technicians_see_internal_notes_flagged(world, conversation):
    body = world.client("staff").get(_url(world.tA1)).json()
    assert [(r["body"], r["is_internal"]) for r in body] == [
        ("<p>Any news?</p>", False),
        ("<p>Customer is VIP</p>", True),
    ]
    assert body[1]["author"] == "Tess Tech"


def test_a_reply_with_files_in_multipart(world):
    response = world.client("A1").post(
        _url(world.tA1),
        {"body": "Here are the logs", "files": [text_file("a.log"), png_file()]},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    reply = Reply.objects.get(pk=body["id"])
    assert reply.author == world.A1 and not reply.is_internal
    assert sorted(a["name"] for a in body["attachments"]) == ["a.log", "screen.png"]
    assert Attachment.objects.filter(reply=reply).count() == 2
    assert "is_internal" not in body
    listed = world.client("A1").get(_url(world.tA1)).json()
    assert listed[-1]["attachments"] == body["attachments"]


def test_a_reply_in_json(world):
    response = world.client("A1").post(_url(world.tA1), {"body": "Thanks"}, format="json")
    assert response.status_code == 201
    assert "Thanks" in response.json()["body"]
    assert Reply.objects.get().author == world.A1


@pytest.mark.parametrize("value", [True, False])
def test_a_contact_cannot_send_is_internal(world, value):
    response = world.client("A1").post(
        _url(world.tA1), {"body": "psst", "is_internal": value}, format="json"
    )
    assert response.status_code == 400
    assert "is_internal" in error_of(response)["fields"]
    assert not Reply.objects.exists()


def test_a_technician_writes_an_internal_note(world):
    response = world.client("staff").post(
        _url(world.tA1), {"body": "Check the VIP list", "is_internal": True}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["is_internal"] is True
    assert Reply.objects.get().is_internal
    assert b"VIP" not in world.client("A1").get(_url(world.tA1)).content


def test_C08_the_author_is_always_the_caller(world):
    response = world.client("A1").post(
        _url(world.tA1), {"body": "x", "author": world.A2.pk}, format="json"
    )
    assert response.status_code == 400
    assert "author" in error_of(response)["fields"]
    assert not Reply.objects.exists()


def test_an_empty_body_names_the_field(world):
    response = world.client("A1").post(_url(world.tA1), {"body": "   "}, format="json")
    assert response.status_code == 400
    assert "body" in error_of(response)["fields"]


def test_a_closed_ticket_refuses_a_contacts_reply(world):
    world.tA1.status = Status.objects.get(code="closed")
    world.tA1.save()
    response = world.client("A1").post(_url(world.tA1), {"body": "Hello?"}, format="json")
    assert response.status_code == 400
    assert "body" in error_of(response)["fields"]


def test_reply_list_query_count_is_constant(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("A1")
    ReplyFactory(ticket=world.tA1, author=world.A1)
    client.get(_url(world.tA1))
    with CaptureQueriesContext(connection) as one:
        client.get(_url(world.tA1))
    for _ in range(20):
        ReplyFactory(ticket=world.tA1, author=world.staff)
    with django_assert_num_queries(len(one)):
        assert len(client.get(_url(world.tA1)).json()) == 21

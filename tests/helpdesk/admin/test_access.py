"""Only technicians reach the back office (SECURITY C-01 for the admin door, C-19/C-20 for
its downloads). Wagtail answers a refused admin view with its redirect; either way nothing of
the ticket or the file is sent."""

import pytest
from django.urls import reverse

from helpdesk.models import Attachment, Reply
from helpdesk.services import attachment_add
from tests.helpdesk.services.files import text

pytestmark = pytest.mark.django_db

SECRET = b"2026-11-27 printer offline\n"


@pytest.fixture
def attachment(ticket, tech):
    reply = Reply.objects.create(ticket=ticket, author=tech, body="<p>note</p>", is_internal=True)
    return attachment_add(ticket=ticket, reply=reply, uploaded_by=tech, upload=text())


def refused(response):
    return response.status_code in {302, 403, 404} and SECRET not in _body(response)


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("who", ["kb_editor", "alice", "manager_without_staff"])
def test_C01_non_technicians_cannot_open_the_admin_ticket_page(client, who, request, ticket):
    user = _user(who, request)
    client.force_login(user)

    for name in ("helpdesk_ticket", "helpdesk_ticket_reply", "helpdesk_ticket_assign"):
        response = client.get(reverse(name, args=[ticket.number]))
        assert response.status_code in {302, 403}
        assert b"Printer on fire" not in response.content
    response = client.get(reverse("helpdesk_tickets:index"))
    assert response.status_code in {302, 403}
    assert b"Printer on fire" not in response.content


@pytest.mark.parametrize("who", ["kb_editor", "alice"])
def test_C01_non_technicians_cannot_post_to_a_ticket(client, who, request, ticket):
    client.force_login(_user(who, request))
    response = client.post(
        reverse("helpdesk_ticket_reply", args=[ticket.number]), {"reply-body": "Hi"}
    )
    assert response.status_code in {302, 403}
    assert not Reply.objects.exists()


@pytest.mark.parametrize("who", ["kb_editor", "alice"])
def test_C19_non_technicians_cannot_download_through_the_admin(client, who, request, attachment):
    client.force_login(_user(who, request))
    response = client.get(reverse("helpdesk_attachment", args=[attachment.pk]))
    assert refused(response)


def test_C20_conditional_headers_change_nothing_for_a_refused_download(
    client, kb_editor, attachment
):
    client.force_login(kb_editor)
    url = reverse("helpdesk_attachment", args=[attachment.pk])
    plain = client.get(url)
    conditional = client.get(
        url, HTTP_IF_NONE_MATCH="*", HTTP_IF_MODIFIED_SINCE="Wed, 01 Jan 2020 00:00:00 GMT"
    )
    assert conditional.status_code == plain.status_code != 304
    assert refused(conditional)


def test_C20_unknown_attachment_is_404_for_a_technician(tech_client, attachment):
    url = reverse("helpdesk_attachment", args=[attachment.pk + 1000])
    assert tech_client.get(url).status_code == 404
    assert tech_client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 404


def test_anonymous_is_sent_to_the_admin_login(client, ticket):
    response = client.get(reverse("helpdesk_ticket", args=[ticket.number]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_C19_admin_download_headers(tech_client, attachment):
    response = tech_client.get(reverse("helpdesk_attachment", args=[attachment.pk]))

    assert response.status_code == 200
    assert _body(response) == SECRET
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''log.txt"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def _user(who, request):
    if who == "manager_without_staff":
        user = request.getfixturevalue("manager")
        user.is_staff = False
        user.save()
        return user
    return request.getfixturevalue(who)

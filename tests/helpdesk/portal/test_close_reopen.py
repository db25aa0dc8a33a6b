"""Close and reopen with an optional reason, per the portal's transitions; CSRF (C-26)."""

import pytest
from django.test import Client

from helpdesk.models import PortalSettings, Reply

from .conftest import body, status

pytestmark = pytest.mark.django_db


def test_close_with_a_reason_then_reopen(client, a1, t_a1, portal):
    client.force_login(a1)
    response = client.post(f"/en/tickets/{t_a1.number}/close/", {"reason": "Fixed itself"})
    assert response.status_code == 302
    t_a1.refresh_from_db()
    assert t_a1.status.code == "closed" and t_a1.closed_at is not None
    assert Reply.objects.get(ticket=t_a1).body == "<p>Fixed itself</p>"
    page = body(client.get(response["Location"]))
    assert "The ticket was closed." in page
    assert "Reopen" not in page  # contacts may not reopen closed tickets by default

    refused = client.post(f"/en/tickets/{t_a1.number}/reopen/")
    t_a1.refresh_from_db()
    assert t_a1.status.code == "closed"
    assert "This ticket cannot be reopened." in body(client.get(refused["Location"]))

    PortalSettings.objects.filter(site=portal).update(contacts_may_reopen_closed=True)
    assert "Reopen" in body(client.get(f"/en/tickets/{t_a1.number}/"))
    client.post(f"/en/tickets/{t_a1.number}/reopen/", {"reason": ""})
    t_a1.refresh_from_db()
    assert t_a1.status.code == "open" and t_a1.closed_at is None
    assert Reply.objects.filter(ticket=t_a1).count() == 1  # an empty reason adds no reply


def test_a_resolved_ticket_can_be_reopened(client, a1, t_a1):
    t_a1.status = status("resolved")
    t_a1.save()
    client.force_login(a1)
    client.post(f"/en/tickets/{t_a1.number}/reopen/")
    t_a1.refresh_from_db()
    assert t_a1.status.code == "open"


def test_closing_is_refused_when_the_portal_forbids_it(client, a1, t_a1, portal):
    PortalSettings.objects.filter(site=portal).update(contacts_may_close=False)
    client.force_login(a1)
    assert "Close ticket" not in body(client.get(f"/en/tickets/{t_a1.number}/"))
    client.post(f"/en/tickets/{t_a1.number}/close/")
    t_a1.refresh_from_db()
    assert t_a1.status.code == "open"


@pytest.mark.parametrize("action", ["close", "reopen", "reply", "fields"])
def test_C26_state_changes_need_post_and_a_csrf_token(a1, t_a1, action):
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(a1)
    path = f"/en/tickets/{t_a1.number}/{action}/"
    assert checked.get(path).status_code == 405
    data = {"body": "x", "field": "priority", "priority": "high"}
    assert checked.post(path, data).status_code == 403
    t_a1.refresh_from_db()
    assert t_a1.status.code == "open" and t_a1.priority.code == "medium"
    assert not Reply.objects.exists()


def test_C26_new_ticket_needs_a_csrf_token(a1):
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(a1)
    assert checked.post("/en/tickets/new/", {"title": "x"}).status_code == 403

"""The ticket page: details, properties per visibility, conversation, inline edits (C-07)."""

import pytest

from helpdesk.models import Activity, Impact, Priority, ProductFamily
from tests.factories import CustomFieldFactory, ReplyFactory, TechnicianFactory

from .conftest import body, status

pytestmark = pytest.mark.django_db


def url(ticket, action=""):
    return f"/en/tickets/{ticket.number}/" + (f"{action}/" if action else "")


def test_the_page_shows_details_properties_and_the_public_conversation(client, a1, t_a1):
    tech = TechnicianFactory(first_name="Tina", last_name="Tech")
    t_a1.assignee = tech
    t_a1.save()
    ReplyFactory(ticket=t_a1, author=tech, body="<p>Public answer</p>")
    ReplyFactory(ticket=t_a1, author=tech, body="<p>INTERNAL-ONLY note</p>", is_internal=True)
    client.force_login(a1)
    html = body(client.get(url(t_a1)))
    assert "Ticket details" in html and "Ticket properties" in html
    assert "Tina Tech" in html and a1.get_full_name() in html
    assert "Public answer" in html
    assert "INTERNAL-ONLY" not in html
    assert html.index("Something is broken.") < html.index("Public answer")  # oldest first
    assert "Close ticket" in html


def test_C07_hidden_fields_are_absent_and_view_only_are_read_only(client, a1, t_a1, set_visibility):
    set_visibility("impact", "hidden")
    set_visibility("type", "view_only")
    t_a1.impact = Impact.objects.get(code="crisis")
    t_a1.save()
    secret = CustomFieldFactory(key="cost_centre", labels={"en": "Cost centre"},
                                visibility="hidden")  # fmt: skip
    t_a1.custom_values = {secret.key: "CC-4711"}
    t_a1.save()
    client.force_login(a1)
    html = body(client.get(url(t_a1)))
    assert "Impact" not in html and "Crisis" not in html
    assert "Cost centre" not in html and "CC-4711" not in html
    assert "Incident" in html and 'name="type"' not in html  # view-only: shown, no input
    assert 'name="priority"' in html  # editable


def test_editable_field_is_saved_with_confirmation(client, a1, t_a1):
    client.force_login(a1)
    response = client.post(url(t_a1, "fields"), {"field": "priority", "priority": "high"})
    assert response.status_code == 302
    t_a1.refresh_from_db()
    assert t_a1.priority.code == "high"
    assert Activity.objects.filter(ticket=t_a1, field="priority", new_value="high").exists()
    page = body(client.get(response["Location"]))
    assert "Saved: Priority." in page
    assert "Priority: Medium → High" in page


def test_inline_edit_answers_json_for_the_script(client, a1, t_a1):
    client.force_login(a1)
    response = client.post(
        url(t_a1, "fields"),
        {"field": "priority", "priority": "low"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {
        "ok": True,
        "message": "Saved: Priority.",
        "values": {"priority": "Low"},
    }
    refused = client.post(
        url(t_a1, "fields"),
        {"field": "priority", "priority": "nope"},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"priority": ["Choose one of the offered values."]}


def test_an_invalid_value_is_shown_next_to_the_field_and_input_kept(client, a1, t_a1):
    field = CustomFieldFactory(key="seats", labels={"en": "Seats"}, field_type="number")
    client.force_login(a1)
    response = client.post(url(t_a1, "fields"), {"field": "cf_seats", "cf_seats": "many"})
    assert response.status_code == 400
    html = body(response)
    prop = html.split(f'data-prop="cf_{field.key}"', 1)[1].split("</form>", 1)[0]
    assert "Enter a number." in prop and 'value="many"' in prop
    t_a1.refresh_from_db()
    assert "seats" not in t_a1.custom_values


def test_C07_view_only_and_hidden_fields_refused_on_a_hand_made_post(
    client, a1, t_a1, set_visibility
):
    set_visibility("impact", "view_only")
    set_visibility("product_family", "hidden")
    family = ProductFamily.objects.create(code="servers", labels={"en": "Servers"})
    hidden = CustomFieldFactory(key="cost_centre", visibility="hidden")
    view_only = CustomFieldFactory(key="sla", visibility="view_only")
    t_a1.custom_values = {"sla": "gold"}
    t_a1.save()
    before = {
        "impact": t_a1.impact_id,
        "family": t_a1.product_family_id,
        "custom": dict(t_a1.custom_values),
        "priority": t_a1.priority_id,
        "updated": t_a1.updated_at,
    }
    client.force_login(a1)
    attempts = [
        {"field": "impact", "impact": "crisis"},
        {"field": "product_family", "product_family": family.code},
        {"field": f"cf_{hidden.key}", f"cf_{hidden.key}": "CC-1"},
        {"field": f"cf_{view_only.key}", f"cf_{view_only.key}": "platinum"},
        # an allowed field together with a refused one: nothing at all is saved
        {"field": "priority", "priority": "critical", "impact": "crisis"},
        {"field": "priority", "priority": "critical", "status": "closed"},
    ]
    for data in attempts:
        response = client.post(url(t_a1, "fields"), data)
        assert response.status_code == 400, data
        assert "read-only" in body(response) or "Unknown field" in body(response), data
    t_a1.refresh_from_db()
    assert t_a1.impact_id == before["impact"]
    assert t_a1.product_family_id == before["family"]
    assert t_a1.custom_values == before["custom"]
    assert t_a1.priority_id == before["priority"]
    assert t_a1.updated_at == before["updated"]
    assert not Activity.objects.filter(ticket=t_a1).exists()
    assert "Servers" not in body(client.get(url(t_a1)))


def test_status_changes_only_along_allowed_transitions(client, a1, t_a1, set_visibility):
    set_visibility("status", "editable")
    client.force_login(a1)
    html = body(client.get(url(t_a1)))
    status_form = html.split('data-prop="status"', 1)[1].split("</form>", 1)[0]
    assert 'value="closed"' in status_form and 'value="open"' in status_form
    assert 'value="resolved"' not in status_form and 'value="pending"' not in status_form
    refused = client.post(url(t_a1, "fields"), {"field": "status", "status": "resolved"})
    assert refused.status_code == 400
    assert "This status change is not allowed." in body(refused)
    t_a1.refresh_from_db()
    assert t_a1.status.code == "open"
    client.post(url(t_a1, "fields"), {"field": "status", "status": "closed"})
    t_a1.refresh_from_db()
    assert t_a1.status.code == "closed" and t_a1.closed_at is not None
    # closed → open only when the portal lets contacts reopen closed tickets (default: no)
    assert (
        client.post(url(t_a1, "fields"), {"field": "status", "status": "open"}).status_code == 400
    )
    t_a1.refresh_from_db()
    assert t_a1.status.code == "closed"


def test_unticking_a_checkbox_and_all_options_clears_them(client, a1, t_a1):
    CustomFieldFactory(key="vip", field_type="checkbox")
    CustomFieldFactory(
        key="os",
        field_type="multi_select",
        options=[{"code": "win", "labels": {}}, {"code": "mac", "labels": {}}],
    )
    t_a1.custom_values = {"vip": True, "os": ["win"]}
    t_a1.save()
    client.force_login(a1)
    client.post(url(t_a1, "fields"), {"field": "cf_os", "cf_os": ["win", "mac"]})
    t_a1.refresh_from_db()
    assert t_a1.custom_values["os"] == ["win", "mac"]
    client.post(url(t_a1, "fields"), {"field": "cf_vip"})
    client.post(url(t_a1, "fields"), {"field": "cf_os"})
    t_a1.refresh_from_db()
    assert t_a1.custom_values.get("vip") is False
    assert "os" not in t_a1.custom_values


def test_activity_shows_only_visible_fields(client, a1, t_a1, set_visibility):
    Activity.objects.create(ticket=t_a1, field="priority", old_value="medium", new_value="high")
    Activity.objects.create(ticket=t_a1, field="impact", old_value="none", new_value="crisis")
    set_visibility("impact", "hidden")
    client.force_login(a1)
    html = body(client.get(url(t_a1)))
    assert "Priority: Medium → High" in html
    assert "Crisis" not in html


def test_a_lookup_value_outside_the_offered_choices_is_still_shown(client, a1, t_a1):
    inactive = Priority.objects.create(code="legacy", labels={"en": "Legacy"}, is_active=False)
    t_a1.priority = inactive
    t_a1.status = status("pending")
    t_a1.save()
    client.force_login(a1)
    html = body(client.get(url(t_a1)))
    assert "legacy" in html.split('data-prop="priority"', 1)[1].split("</form>", 1)[0]

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from helpdesk.models import Activity, PortalSettings, Status
from helpdesk.services import (
    ticket_assign,
    ticket_close,
    ticket_reopen,
    ticket_reply,
    ticket_update_fields,
)
from tests.factories import CustomFieldFactory, TechnicianFactory, TicketFactory

from .files import png, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(a1):
    return TicketFactory(requester=a1, customer=a1.contact.customer)


def set_status(ticket, code):
    ticket.status = Status.objects.get(code=code)
    ticket.save()


def test_editable_field_is_saved_with_an_activity_entry(ticket, a1):
    changes = ticket_update_fields(ticket=ticket, user=a1, values={"priority": "high"})
    ticket.refresh_from_db()
    assert ticket.priority.code == "high"
    assert set(changes) == {"priority"}
    entry = Activity.objects.get(ticket=ticket)
    assert (entry.field, entry.old_value, entry.new_value, entry.actor) == (
        "priority",
        "medium",
        "high",
        a1,
    )


def test_C07_view_only_and_hidden_fields_are_refused_and_the_database_is_unchanged(ticket, a1):
    CustomFieldFactory(key="sla", visibility="view_only")
    CustomFieldFactory(key="internal_priority", visibility="hidden")
    ticket.custom_values = {"sla": "gold", "internal_priority": "p3"}
    ticket.save()
    for values in ({"sla": "bronze"}, {"internal_priority": "p1"}, {"impact": "crisis"}):
        with pytest.raises(ValidationError):
            ticket_update_fields(ticket=ticket, user=a1, values=values)
    ticket.refresh_from_db()
    assert ticket.custom_values == {"sla": "gold", "internal_priority": "p3"}
    assert ticket.impact is None
    assert not Activity.objects.exists()


def test_R04_two_editors_changing_different_fields_both_keep_their_change(ticket, a1, tech):
    stale_copy = type(ticket).objects.get(pk=ticket.pk)
    ticket_update_fields(ticket=ticket, user=a1, values={"priority": "high"})
    ticket_update_fields(ticket=stale_copy, user=tech, values={"impact": "major"})
    ticket.refresh_from_db()
    assert (ticket.priority.code, ticket.impact.code) == ("high", "major")


def test_contact_status_changes_follow_the_portal_transitions(ticket, a1, portal):
    from helpdesk.models import BuiltinFieldSetting

    setting = BuiltinFieldSetting.objects.get(field="status")
    setting.visibility = "editable"
    setting.save()
    with pytest.raises(ValidationError):
        ticket_update_fields(ticket=ticket, user=a1, values={"status": "resolved"})
    ticket_update_fields(ticket=ticket, user=a1, values={"status": "closed"})
    ticket.refresh_from_db()
    assert ticket.status.code == "closed" and ticket.closed_at is not None
    with pytest.raises(ValidationError):  # reopening closed tickets is off by default
        ticket_update_fields(ticket=ticket, user=a1, values={"status": "open"})
    PortalSettings.objects.filter(site=portal).update(contacts_may_reopen_closed=True)
    ticket_update_fields(ticket=ticket, user=a1, values={"status": "open"})
    ticket.refresh_from_db()
    assert ticket.status.code == "open" and ticket.closed_at is None


def test_technician_may_set_any_status(ticket, tech):
    ticket_update_fields(ticket=ticket, user=tech, values={"status": "resolved"})
    ticket.refresh_from_db()
    assert ticket.status.code == "resolved" and ticket.resolved_at is not None


def test_C01_a_foreign_contact_cannot_change_or_reply(ticket, b1):
    with pytest.raises(PermissionDenied):
        ticket_update_fields(ticket=ticket, user=b1, values={"priority": "high"})
    with pytest.raises(PermissionDenied):
        ticket_reply(ticket=ticket, user=b1, body="hi")
    assert ticket.replies.count() == 0


def test_reply_with_files(ticket, a1):
    reply = ticket_reply(ticket=ticket, user=a1, body="<p>Two files</p>", files=[png(), text()])
    assert reply.attachments.count() == 2
    assert {a.ticket_id for a in reply.attachments.all()} == {ticket.pk}


def test_contact_reply_moves_pending_back_to_open(ticket, a1):
    set_status(ticket, "pending")
    ticket_reply(ticket=ticket, user=a1, body="Here is the log.")
    ticket.refresh_from_db()
    assert ticket.status.code == "open"
    assert Activity.objects.filter(field="status", old_value="pending", new_value="open").exists()


def test_contact_reply_reopens_a_resolved_ticket_unless_the_portal_says_no(ticket, a1, portal):
    set_status(ticket, "resolved")
    ticket_reply(ticket=ticket, user=a1, body="Still broken.")
    ticket.refresh_from_db()
    assert ticket.status.code == "open"
    set_status(ticket, "resolved")
    PortalSettings.objects.filter(site=portal).update(reply_reopens_resolved=False)
    ticket_reply(ticket=ticket, user=a1, body="Thanks!")
    ticket.refresh_from_db()
    assert ticket.status.code == "resolved"


def test_technician_reply_keeps_the_status(ticket, tech):
    set_status(ticket, "pending")
    ticket_reply(ticket=ticket, user=tech, body="Any news?")
    ticket.refresh_from_db()
    assert ticket.status.code == "pending"


def test_C08_contacts_cannot_write_internal_notes_and_technicians_can(ticket, a1, tech):
    with pytest.raises(ValidationError) as error:
        ticket_reply(ticket=ticket, user=a1, body="psst", is_internal=True)
    assert "is_internal" in error.value.message_dict
    note = ticket_reply(ticket=ticket, user=tech, body="Call the vendor", is_internal=True)
    assert note.is_internal and note.author == tech


def test_a_closed_ticket_takes_no_contact_reply(ticket, a1):
    set_status(ticket, "closed")
    with pytest.raises(ValidationError):
        ticket_reply(ticket=ticket, user=a1, body="hello?")


def test_close_and_reopen_with_a_reason(ticket, a1):
    ticket_close(ticket=ticket, user=a1, reason="Fixed itself.")
    ticket.refresh_from_db()
    assert ticket.status.code == "closed"
    assert ticket.replies.get().body == "Fixed itself."
    with pytest.raises(ValidationError):
        ticket_reopen(ticket=ticket, user=a1)  # closed tickets stay closed for contacts


def test_contact_reopens_a_resolved_ticket(ticket, a1):
    set_status(ticket, "resolved")
    ticket_reopen(ticket=ticket, user=a1)
    ticket.refresh_from_db()
    assert ticket.status.code == "open"


def test_closing_can_be_switched_off_for_contacts(ticket, a1, portal):
    PortalSettings.objects.filter(site=portal).update(contacts_may_close=False)
    with pytest.raises(ValidationError):
        ticket_close(ticket=ticket, user=a1)
    ticket.refresh_from_db()
    assert ticket.status.code == "open"


def test_only_technicians_assign_and_only_to_technicians(ticket, a1, tech):
    with pytest.raises(PermissionDenied):
        ticket_assign(ticket=ticket, user=a1, assignee=tech)
    with pytest.raises(ValidationError):
        ticket_assign(ticket=ticket, user=tech, assignee=a1)
    other = TechnicianFactory()
    ticket_assign(ticket=ticket, user=tech, assignee=other)
    ticket.refresh_from_db()
    assert ticket.assignee == other
    assert Activity.objects.filter(field="assignee", new_value=other.pk).exists()


def test_C07_a_change_to_a_hidden_field_is_recorded_but_never_shown_to_contacts(ticket, a1, tech):
    from helpdesk.tickets.field_schema import field_schema_for
    from helpdesk.tickets.selectors import activities_visible_to

    CustomFieldFactory(key="internal_priority", visibility="hidden")
    ticket_update_fields(ticket=ticket, user=tech, values={"internal_priority": "p1"})
    ticket_update_fields(ticket=ticket, user=tech, values={"priority": "high"})
    assert set(Activity.objects.values_list("field", flat=True)) == {
        "internal_priority",
        "priority",
    }
    shown = activities_visible_to(ticket, field_schema_for(a1))
    assert [entry.field for entry in shown] == ["priority"]
    staff_view = activities_visible_to(ticket, field_schema_for(tech))
    assert {entry.field for entry in staff_view} == {"internal_priority", "priority"}

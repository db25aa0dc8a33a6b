from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages

from helpdesk.models import Attachment, Reply, Ticket, TicketCounter, TicketType
from helpdesk.services import ticket_create
from tests.factories import CustomFieldFactory

from .files import pdf, png, text

pytestmark = pytest.mark.django_db


def stored_files():
    storage = storages["private"]
    found = []

    def walk(path):
        dirs, files = storage.listdir(path)
        found.extend(f"{path}/{f}" for f in files)
        for d in dirs:
            walk(f"{path}/{d}")

    if storage.exists("attachments"):
        walk("attachments")
    return set(found)


def test_contact_opens_a_ticket_with_defaults_and_files(a1):
    ticket = ticket_create(
        user=a1, title="  Printer   on fire ", description="<p>Help</p>", files=[png(), text()]
    )
    assert ticket.title == "Printer on fire"
    assert ticket.customer == a1.contact.customer and ticket.requester == a1
    assert ticket.status.code == "open"
    assert ticket.priority.code == "medium" and ticket.type.code == "incident"  # defaults
    assert ticket.number == TicketCounter.objects.get().last_number
    assert ticket.attachments.count() == 2


def test_numbers_follow_the_counter(a1):
    first = ticket_create(user=a1, title="One")
    second = ticket_create(user=a1, title="Two")
    assert second.number == first.number + 1


def test_C23_description_is_sanitised(a1):
    ticket = ticket_create(
        user=a1,
        title="x",
        description='<p onclick="x()">Hi<script>alert(1)</script><style>*{}</style>'
        '<a href="javascript:alert(1)">l</a></p>',
    )
    assert "script" not in ticket.description and "style" not in ticket.description
    assert "onclick" not in ticket.description and "javascript" not in ticket.description


def test_title_is_mandatory(a1):
    with pytest.raises(ValidationError) as error:
        ticket_create(user=a1, title="   ")
    assert set(error.value.message_dict) == {"title"}
    assert Ticket.objects.count() == 0


def test_required_field_without_default_must_be_given(a1):
    CustomFieldFactory(
        key="region",
        field_type="dropdown",
        options=[{"code": "eu"}, {"code": "us"}],
        required=True,
    )
    with pytest.raises(ValidationError) as error:
        ticket_create(user=a1, title="x")
    assert "region" in error.value.message_dict
    ticket = ticket_create(user=a1, title="x", values={"region": "us"})
    assert ticket.custom_values == {"region": "us"}


def test_required_field_with_default_takes_it_when_omitted(a1):
    CustomFieldFactory(
        key="region",
        field_type="dropdown",
        options=[{"code": "eu"}, {"code": "us"}],
        required=True,
        default="eu",
    )
    assert ticket_create(user=a1, title="x").custom_values == {"region": "eu"}


def test_C07_hidden_and_view_only_fields_cannot_be_set_on_create(a1):
    CustomFieldFactory(key="sla", visibility="view_only")
    CustomFieldFactory(key="internal_priority", visibility="hidden")
    with pytest.raises(ValidationError) as error:
        ticket_create(
            user=a1,
            title="x",
            values={"sla": "gold", "internal_priority": "p1", "status": "closed"},
        )
    assert error.value.message_dict["sla"] == ["This field is read-only."]
    assert error.value.message_dict["internal_priority"] == ["Unknown field."]
    assert "status" in error.value.message_dict
    assert Ticket.objects.count() == 0


def test_a_type_the_customer_may_not_use_is_refused(a1, acme):
    acme.allowed_ticket_types.set(TicketType.objects.filter(code="request"))
    with pytest.raises(ValidationError) as error:
        ticket_create(user=a1, title="x", values={"type": "change"})
    assert "type" in error.value.message_dict


def test_C06_a_contact_cannot_open_a_ticket_for_someone_else(a1, b1):
    with pytest.raises(ValidationError) as error:
        ticket_create(user=a1, title="x", requester=b1)
    assert "requester" in error.value.message_dict
    assert Ticket.objects.count() == 0


def test_a_technician_can_open_a_ticket_for_a_contact(tech, b1):
    ticket = ticket_create(user=tech, title="Phoned in", requester=b1, source="admin")
    assert ticket.customer == b1.contact.customer and ticket.requester == b1


def test_R02_the_same_idempotency_key_gives_one_ticket(a1):
    first = ticket_create(user=a1, title="x", idempotency_key="k-1")
    again = ticket_create(user=a1, title="x", idempotency_key="k-1")
    assert again.pk == first.pk
    assert Ticket.objects.count() == 1


def test_a_refused_file_creates_nothing(a1):
    from .files import upload

    before = stored_files()
    with pytest.raises(ValidationError) as error:
        ticket_create(user=a1, title="x", files=[png(), upload("x.html", b"<html></html>")])
    assert "files" in error.value.message_dict
    assert Ticket.objects.count() == Attachment.objects.count() == 0
    assert stored_files() == before


def test_R01_storage_failure_on_the_second_of_three_files_leaves_nothing_behind(a1):
    storage = storages["private"]
    real_save = storage.save
    calls = {"n": 0}

    def failing_save(name, content, max_length=None):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real_save(name, content, max_length=max_length)

    before = stored_files()
    with mock.patch.object(storage, "save", side_effect=failing_save), pytest.raises(OSError):
        ticket_create(user=a1, title="x", files=[png(), text(), pdf()])
    assert Ticket.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert Reply.objects.count() == 0
    assert stored_files() == before

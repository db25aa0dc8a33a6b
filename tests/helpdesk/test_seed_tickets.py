"""`seed_demo`'s tickets: the ~40 hand-written ones (through the services) and the bulk
`--tickets N --customer NAME` path for scale tests."""

import io

import filetype
import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from helpdesk.models import (
    Activity,
    Attachment,
    BuiltinFieldSetting,
    CustomField,
    OutboxMessage,
    ProductFamily,
    Reply,
    Ticket,
    TicketCounter,
    Visibility,
)

pytestmark = pytest.mark.django_db

LANGUAGES = {"en", "de", "fr", "es", "it"}


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "tickets": Ticket.objects.count(),
        "replies": Reply.objects.count(),
        "notes": Reply.objects.filter(is_internal=True).count(),
        "attachments": Attachment.objects.count(),
        "activities": Activity.objects.count(),
        "custom_fields": CustomField.objects.count(),
        "families": ProductFamily.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "counter": TicketCounter.objects.get(pk=1).last_number,
    }


@pytest.fixture
def seeded(demo_seeded):
    """The demo's counts; seeded once for the module (tests/conftest.py: demo_seeded)."""
    return counts()


def test_demo_tickets_cover_every_customer_and_both_acme_contacts(seeded):
    assert 35 <= seeded["tickets"] <= 45
    by_requester = dict(
        Ticket.objects.values_list("requester__email")
        .annotate(n=Max("number"))
        .values_list("requester__email", "n")
    )
    assert set(by_requester) == {
        "alice@acme.example",
        "bob@acme.example",
        "carol@globex.example",
        "dave@initech.example",
    }
    customers = set(Ticket.objects.values_list("customer__name", flat=True))
    assert customers == {"Acme Corp", "Globex Ltd", "Initech"}
    categories = set(Ticket.objects.values_list("status__category", flat=True))
    assert categories == {"open", "pending", "resolved", "closed"}
    assert Ticket.objects.filter(assignee__email="tech@example.com").exists()
    assert Ticket.objects.filter(assignee__isnull=True).exists()


def test_demo_tickets_have_a_conversation_with_notes_and_files(seeded):
    public = Reply.objects.filter(is_internal=False)
    assert public.filter(author__email="tech@example.com").exists()
    assert public.filter(author__contact__isnull=False).exists()
    assert Reply.objects.filter(is_internal=True, author__email="tech@example.com").exists()
    assert Attachment.objects.filter(reply__isnull=True).exists()
    assert Attachment.objects.filter(reply__isnull=False).exists()
    kinds = set()
    for attachment in Attachment.objects.all():
        assert attachment.file.storage.exists(attachment.file.name), attachment.name
        with attachment.file.open("rb") as handle:
            head = handle.read(8192)
        assert len(head) == attachment.size or attachment.size > 8192
        kinds.add(attachment.content_type)
        if attachment.name.endswith(".pdf"):
            assert filetype.guess_extension(head) == "pdf"
    assert {"image/png", "application/pdf", "text/plain"} <= kinds


def test_demo_tickets_are_spread_over_the_past_two_months(seeded):
    newest = Ticket.objects.order_by("-created_at").first()
    oldest = Ticket.objects.order_by("created_at").first()
    assert (newest.created_at - oldest.created_at).days >= 50
    for ticket in Ticket.objects.all():
        assert ticket.updated_at >= ticket.created_at
        for reply in ticket.replies.all():
            assert ticket.created_at <= reply.created_at <= ticket.updated_at


def test_demo_history_queues_no_emails(seeded):
    assert seeded["outbox"] == 0


def test_visibility_setup_uses_every_mode(seeded):
    modes = set(CustomField.objects.values_list("visibility", flat=True)) | set(
        BuiltinFieldSetting.objects.values_list("visibility", flat=True)
    )
    assert modes == {Visibility.HIDDEN, Visibility.VIEW_ONLY, Visibility.EDITABLE}
    assert CustomField.objects.filter(visibility=Visibility.VIEW_ONLY).exists()
    assert CustomField.objects.filter(visibility=Visibility.HIDDEN).exists()
    dropdown = CustomField.objects.get(field_type="dropdown", required=True)
    assert dropdown.default in dropdown.option_codes()
    assert dropdown.visibility == Visibility.EDITABLE
    for field in CustomField.objects.all():
        assert set(field.labels) == LANGUAGES, field.key
    # The required dropdown's default reached the tickets that did not choose a value.
    assert not Ticket.objects.exclude(custom_values__has_key=dropdown.key).exists()
    # Hidden and view-only values were set by the technician on some tickets.
    assert Ticket.objects.filter(custom_values__has_key="cost_centre").exists()
    assert Ticket.objects.filter(custom_values__has_key="target_date").exists()


def test_product_families_are_labelled_in_every_language(seeded):
    assert seeded["families"] >= 3
    for family in ProductFamily.objects.all():
        assert set(family.labels) == LANGUAGES
    assert Ticket.objects.filter(product_family__isnull=False).exists()


def test_seed_demo_twice_keeps_every_count(seeded):
    seed()
    assert counts() == seeded


def test_bulk_tickets_for_a_customer(seeded):
    before = seeded
    acme_before = Ticket.objects.filter(customer__name="Acme Corp").count()

    output = seed("--tickets", "300", "--customer", "Acme Corp")

    assert Ticket.objects.count() == before["tickets"] + 300
    acme = Ticket.objects.filter(customer__name="Acme Corp")
    assert acme.count() == acme_before + 300
    numbers = list(Ticket.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert TicketCounter.objects.get(pk=1).last_number == max(numbers)
    assert Reply.objects.count() > before["replies"]
    new = acme.filter(number__gt=before["counter"])
    assert new.count() == 300
    assert set(new.values_list("requester__email", flat=True)) == {
        "alice@acme.example",
        "bob@acme.example",
    }
    assert new.values("status").distinct().count() > 1
    assert new.values("priority").distinct().count() > 1
    assert new.exclude(custom_values={}).exists()
    assert "300/300" in output and "peak memory" in output


def test_bulk_tickets_numbers_continue_after_the_bulk(seeded):
    from helpdesk.services.common import next_ticket_number

    seed("--tickets", "20", "--customer", "Globex Ltd")
    highest = Ticket.objects.aggregate(n=Max("number"))["n"]
    assert next_ticket_number() == highest + 1


def test_bulk_tickets_for_an_unknown_customer_is_refused(seeded):
    with pytest.raises(CommandError, match="No customer named 'Umbrella'"):
        seed("--tickets", "5", "--customer", "Umbrella")
    assert counts() == seeded  # one transaction: nothing half-seeded


def test_bulk_tickets_need_a_customer():
    with pytest.raises(CommandError, match="--customer"):
        seed("--tickets", "5")

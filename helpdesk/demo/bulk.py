"""`seed_demo --tickets N --customer NAME`: many generated tickets for load and scale tests
(SPEC §8: 100,000 in about a minute on SQLite, under 500 MB).

The services file one ticket at a time (locks, validation, files, notifications) — far too slow
for this. Here rows are bulk-inserted in batches built on the fly, so memory stays flat, with
numbers reserved from the counter in one locked step (never max()+1)."""

import random
import resource
import sys
import time
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import reset_queries
from django.utils import timezone

from ..models import (
    Contact,
    Customer,
    CustomField,
    Impact,
    Priority,
    ProductFamily,
    Reply,
    Status,
    StatusCategory,
    Ticket,
    TicketCounter,
    TicketSource,
    TicketType,
    User,
)

BATCH_SIZE = 5_000
REPLY_SHARE = 0.05  # tickets that get 1-3 replies
HISTORY_DAYS = 730
BAR_WIDTH = 30

PROBLEMS = (
    "cannot print to", "no connection to", "error message on", "very slow", "licence expired for",
    "password reset needed for", "cannot log in to", "crashes when opening", "request access to",
    "replace battery of", "update needed for", "sync fails on", "noise from", "setup of new",
)  # fmt: skip
THINGS = (
    "the 2nd floor printer", "the VPN", "Outlook", "my laptop", "the CRM", "the shared drive",
    "the meeting room display", "the payroll software", "my desk phone", "the guest Wi-Fi",
    "the scanner at reception", "Excel", "the file server", "my mobile phone", "the web shop",
)  # fmt: skip
DETAILS = (
    "It started this morning.", "Several colleagues have the same problem.",
    "I already restarted the computer.", "It worked fine yesterday.",
    "This blocks the month-end closing.", "No error code is shown.",
    "It happens only when working from home.", "Screenshot available on request.",
)  # fmt: skip
REPLIES = (
    "Thanks, we are looking into it.", "Could you send us a screenshot of the error?",
    "It works again, thank you!", "We restarted the service; please try again.",
    "The part is ordered and should arrive this week.", "Still happening on my side.",
)  # fmt: skip
STATUS_WEIGHTS = {
    StatusCategory.OPEN: 30,
    StatusCategory.PENDING: 10,
    StatusCategory.RESOLVED: 20,
    StatusCategory.CLOSED: 40,
}


def add_arguments(parser):
    parser.add_argument(
        "--tickets",
        type=int,
        default=0,
        metavar="N",
        help="Also add N generated tickets (bulk, for scale tests); needs --customer.",
    )
    parser.add_argument(
        "--customer", metavar="NAME", help="Customer that gets the --tickets (e.g. 'Acme Corp')."
    )


def find_customer(name):
    if not name:
        raise CommandError("--tickets needs --customer NAME (e.g. --customer 'Acme Corp').")
    matches = list(Customer.objects.filter(name=name))
    if not matches:
        known = ", ".join(Customer.objects.order_by("name").values_list("name", flat=True))
        raise CommandError(f"No customer named {name!r}. Known customers: {known or 'none'}.")
    if len(matches) > 1:
        raise CommandError(f"Several customers are named {name!r} (one per portal); rename one.")
    customer = matches[0]
    if not Contact.objects.filter(customer=customer).exists():
        raise CommandError(f"Customer {name!r} has no contacts to file tickets for.")
    return customer


def reserve_numbers(count) -> int:
    """Take `count` consecutive numbers from the counter; returns the first one."""
    counter = TicketCounter.objects.select_for_update().get(pk=1)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return first


class _Generator:
    """Random but reproducible ticket fields (seeded: the same N gives the same data)."""

    def __init__(self, customer):
        self.rng = random.Random(customer.pk)
        self.customer = customer
        self.requesters = list(
            Contact.objects.filter(customer=customer).values_list("user_id", flat=True)
        )
        self.technicians = list(
            User.objects.filter(is_staff=True, groups__name="Technicians").values_list(
                "id", flat=True
            )
        )
        by_category = {}
        for pk, category in Status.objects.filter(is_active=True).values_list("id", "category"):
            by_category.setdefault(category, pk)
        self.statuses = [(by_category[c], c) for c in STATUS_WEIGHTS if c in by_category]
        self.status_weights = [STATUS_WEIGHTS[c] for _pk, c in self.statuses]
        self.lookups = {
            name: list(model.objects.filter(is_active=True).values_list("id", flat=True))
            for name, model in (
                ("priority", Priority),
                ("type", TicketType),
                ("impact", Impact),
                ("product_family", ProductFamily),
            )
        }
        self.custom_fields = list(
            CustomField.objects.filter(is_active=True).values_list("key", "field_type", "options")
        )

    def _pick(self, name):
        ids = self.lookups[name]
        return self.rng.choice(ids) if ids else None

    def custom_values(self):
        rng, values = self.rng, {}
        for key, kind, options in self.custom_fields:
            if rng.random() < 0.4:
                continue  # optional fields are often left empty
            codes = [option["code"] for option in options or []]
            if kind == "dropdown" and codes:
                values[key] = rng.choice(codes)
            elif kind == "multi_select" and codes:
                values[key] = sorted(rng.sample(codes, rng.randint(1, min(2, len(codes)))))
            elif kind == "number":
                values[key] = rng.randint(1, 50)
            elif kind == "checkbox":
                values[key] = rng.random() < 0.5
            elif kind == "date":
                values[key] = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            elif kind in {"text", "long_text"}:
                values[key] = f"{key[:3].upper()}-{rng.randint(1000, 9999)}"
        return values

    def ticket(self, number, now):
        rng = self.rng
        status_id, category = rng.choices(self.statuses, weights=self.status_weights)[0]
        created = now - timedelta(seconds=rng.randint(3_600, HISTORY_DAYS * 86_400))
        updated = min(now, created + timedelta(seconds=rng.randint(60, 30 * 86_400)))
        title = f"{rng.choice(PROBLEMS).capitalize()} {rng.choice(THINGS)}"
        return Ticket(
            number=number,
            title=title,
            description=f"<p>{title}. {rng.choice(DETAILS)} {rng.choice(DETAILS)}</p>",
            status_id=status_id,
            priority_id=self._pick("priority"),
            type_id=self._pick("type"),
            impact_id=self._pick("impact") if rng.random() < 0.7 else None,
            product_family_id=self._pick("product_family") if rng.random() < 0.6 else None,
            custom_values=self.custom_values(),
            customer_id=self.customer.pk,
            requester_id=rng.choice(self.requesters),
            assignee_id=(
                rng.choice(self.technicians) if self.technicians and rng.random() < 0.6 else None
            ),
            source=rng.choice(TicketSource.values),
            created_at=created,
            updated_at=updated,
            resolved_at=updated if category == StatusCategory.RESOLVED else None,
            closed_at=updated if category == StatusCategory.CLOSED else None,
        )

    def replies(self, ticket):
        rng = self.rng
        when = ticket.created_at
        for _ in range(rng.randint(1, 3)):
            when = min(ticket.updated_at, when + timedelta(minutes=rng.randint(5, 3_000)))
            by_staff = self.technicians and rng.random() < 0.5
            yield Reply(
                ticket_id=ticket.pk,
                author_id=rng.choice(self.technicians) if by_staff else ticket.requester_id,
                body=f"<p>{rng.choice(REPLIES)}</p>",
                is_internal=bool(by_staff and rng.random() < 0.3),
                created_at=when,
            )


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _progress(stdout, done, total):
    total = max(total, 1)
    filled = BAR_WIDTH * done // total
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    stdout.write(f"\r  tickets [{bar}] {done:,}/{total:,} ({100 * done // total}%)", ending="")
    stdout.flush()


def seed_bulk(*, stdout, count, customer_name):
    if count < 0:
        raise CommandError("--tickets must be zero or more.")
    customer = find_customer(customer_name)
    started = time.monotonic()
    generator = _Generator(customer)
    first = reserve_numbers(count)
    now = timezone.now()
    replies = 0
    _progress(stdout, 0, count)
    for offset in range(0, count, BATCH_SIZE):
        size = min(BATCH_SIZE, count - offset)
        batch = Ticket.objects.bulk_create(
            [generator.ticket(first + offset + i, now) for i in range(size)]
        )
        if batch and batch[0].pk is None:  # a backend that cannot return ids from inserts
            ids = dict(
                Ticket.objects.filter(
                    number__gte=batch[0].number, number__lte=batch[-1].number
                ).values_list("number", "id")
            )
            for ticket in batch:
                ticket.pk = ids[ticket.number]
        reply_rows = [
            reply
            for ticket in batch
            if generator.rng.random() < REPLY_SHARE
            for reply in generator.replies(ticket)
        ]
        Reply.objects.bulk_create(reply_rows)
        replies += len(reply_rows)
        del batch, reply_rows
        reset_queries()  # DEBUG keeps every query's SQL; these are megabytes each
        _progress(stdout, offset + size, count)
    elapsed = time.monotonic() - started
    stdout.write("")
    stdout.write(
        f"  helpdesk: {count:,} tickets (#{first}-#{first + count - 1}) and {replies:,} replies "
        f"for {customer.name} in {elapsed:.1f} s; peak memory {peak_memory_mb():.0f} MB"
    )

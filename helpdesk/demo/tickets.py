"""The ~40 demo tickets of `seed_demo`, filed through the services like any real ticket
(validation, sanitising, numbering, attachments via `attachment_add`), then back-dated.

Each ticket carries a stable idempotency key, so a second run finds it and adds nothing."""

import io
import zlib
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw

from ..models import Activity, Attachment, OutboxMessage, Reply, Ticket, TicketSource, User
from ..services import ticket_assign, ticket_create, ticket_reply, ticket_update_fields
from ..tickets.field_schema import field_schema_for
from .content import TICKETS

TECH_EMAIL = "tech@example.com"
CONTACT_EMAILS = {
    "alice": "alice@acme.example",
    "bob": "bob@acme.example",
    "carol": "carol@globex.example",
    "dave": "dave@initech.example",
}
KEY_PREFIX = "demo-"


# --- small, valid files (each passes attachment_add's content sniffing) ---


def _png(name: str) -> bytes:
    colour = zlib.crc32(name.encode()) & 0xFFFFFF
    image = Image.new("RGB", (240, 120), (colour >> 16, (colour >> 8) & 0xFF, colour & 0xFF))
    ImageDraw.Draw(image).text((12, 50), name, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf(name: str) -> bytes:
    """A one-page PDF with a correct cross-reference table, so viewers open it cleanly."""
    text = name.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 30 70 Td (Demo document: {text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 144] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _text(name: str) -> bytes:
    lines = [f"# {name} (demo data)"]
    lines += [
        f"2026-11-{day:02d} 09:{minute:02d}:12 INFO step {step} finished"
        for step, (day, minute) in enumerate(((2, 14), (2, 15), (3, 41), (5, 7)), start=1)
    ]
    lines.append("2026-11-05 09:07:13 WARN connection reset by peer, retrying")
    return ("\n".join(lines) + "\n").encode()


def demo_file(name: str) -> SimpleUploadedFile:
    extension = name.rsplit(".", 1)[-1]
    content = {"png": _png, "pdf": _pdf}.get(extension, _text)(name)
    return SimpleUploadedFile(name, content)


def _html(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n"))


# --- seeding ---


def _last_activity_id(ticket):
    return Activity.objects.filter(ticket=ticket).aggregate(last=Max("id"))["last"] or 0


def _backdate_activities(ticket, since_id, when):
    Activity.objects.filter(ticket=ticket, pk__gt=since_id).update(created_at=when)


def _seed_one(item, *, tech, people, now):
    requester = people[item.who]
    creator = tech if item.by_tech else requester
    # The requester gives what the portal lets them edit; the technician sets the rest
    # (view-only and hidden fields) when triaging, as it would happen in real life.
    schema = field_schema_for(creator, customer=requester.contact.customer)
    given = {
        key: value
        for key, value in item.values.items()
        if (spec := schema.get(key)) is not None and spec.editable
    }
    triage = {key: value for key, value in item.values.items() if key not in given}

    created = now - timedelta(days=item.days_ago, hours=2 + zlib.crc32(item.key.encode()) % 6)
    span = max(timedelta(days=item.days_ago) * 0.6, timedelta(hours=1))
    steps = len(item.thread) + 2
    ticket = ticket_create(
        user=creator,
        requester=requester,
        title=item.title,
        description=_html(item.text),
        values=given,
        files=[demo_file(name) for name in item.files],
        source=TicketSource.ADMIN if item.by_tech else TicketSource.PORTAL,
        idempotency_key=KEY_PREFIX + item.key,
    )
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created)
    Attachment.objects.filter(ticket=ticket).update(created_at=created)

    when = created + timedelta(minutes=25)
    mark = _last_activity_id(ticket)
    if item.assign:
        ticket_assign(ticket=ticket, user=tech, assignee=tech)
    if triage:
        ticket_update_fields(ticket=ticket, user=tech, values=triage)
    _backdate_activities(ticket, mark, when)

    for number, entry in enumerate(item.thread, start=1):
        author, text, files = (*entry, ())[:3]
        when = created + span * number / steps
        mark = _last_activity_id(ticket)
        reply = ticket_reply(
            ticket=ticket,
            user=tech if author in {"tech", "note"} else people.get(author, requester),
            body=_html(text),
            files=[demo_file(name) for name in files],
            is_internal=author == "note",
        )
        Reply.objects.filter(pk=reply.pk).update(created_at=when)
        Attachment.objects.filter(reply=reply).update(created_at=when)
        _backdate_activities(ticket, mark, when)

    ticket.refresh_from_db()
    if ticket.status.code != item.status:
        when = created + span * (steps - 1) / steps
        mark = _last_activity_id(ticket)
        ticket_update_fields(ticket=ticket, user=tech, values={"status": item.status})
        _backdate_activities(ticket, mark, when)
        ticket.refresh_from_db()
    Ticket.objects.filter(pk=ticket.pk).update(
        updated_at=when,
        resolved_at=when if ticket.resolved_at else None,
        closed_at=when if ticket.closed_at else None,
    )


def seed_tickets(*, stdout):
    tech = User.objects.get(email=TECH_EMAIL)
    people = {
        key: User.objects.select_related("contact__customer").get(email=email)
        for key, email in CONTACT_EMAILS.items()
    }
    existing = set(
        Ticket.objects.filter(idempotency_key__startswith=KEY_PREFIX).values_list(
            "requester_id", "idempotency_key"
        )
    )
    last_outbox_id = OutboxMessage.objects.aggregate(last=Max("id"))["last"] or 0
    now = timezone.now()
    added = 0
    for item in TICKETS:
        if (people[item.who].pk, KEY_PREFIX + item.key) in existing:
            continue
        _seed_one(item, tech=tech, people=people, now=now)
        added += 1
    # Demo history is not news: drop the notifications it queued, so seeding never e-mails
    # anyone (the demo addresses do not exist) and the console stays readable.
    OutboxMessage.objects.filter(pk__gt=last_outbox_id).delete()
    stdout.write(f"  helpdesk: {len(TICKETS)} demo tickets ({added} new)")

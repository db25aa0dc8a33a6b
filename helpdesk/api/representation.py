"""Tickets, replies and attachments as API dicts, built from the caller's field schema.

Plain functions rather than nested DRF serializers: a page of 100 tickets serialises in a
few loops with a fixed number of queries (select_related + two prefetches + one settings
query), and a hidden field is simply never written (absent, not null)."""

import json
from collections import namedtuple
from functools import lru_cache, partial

import orjson
from django.db.models import Exists, Func, OuterRef, Prefetch, TextField, prefetch_related_objects
from django.db.models.functions import Cast
from django.utils import translation
from wagtail.models import Site

from cms.core.site_cache import SITES
from cms.core.versioned_cache import cached, version

from ..core.links import api_attachment_link, portal_base_urls, ticket_link_prefix
from ..core.permissions import is_technician
from ..models import Attachment, Customer, User
from ..models.versions import PORTAL_CONFIG
from ..tickets.lookup_rows import LOOKUP_FIELDS, lookup_codes, lookup_row, lookup_tables
from ..tickets.selectors import public_replies, tickets_visible_to, visible_ticket_or_none
from .common import display_name

# The five look-ups are attached from helpdesk.tickets.lookup_rows (joins made planning slow).
TICKET_RELATED = ("customer__portal", "requester", "assignee")


def api_tickets(user):
    """The caller's tickets (the one selector), with what a representation reads joined in."""
    return tickets_visible_to(user).select_related(*TICKET_RELATED)


def visible_ticket(user, number):
    """The ticket with this number if the caller may see it, else None (the caller answers
    404). The number check is the selector's own."""
    ticket = visible_ticket_or_none(user, number)
    if ticket is None:
        return None
    return api_tickets(user).get(pk=ticket.pk)


def attachment_dict(attachment, base_url):
    return {
        "id": attachment.pk,
        "name": attachment.name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "url": api_attachment_link(attachment, base_url=base_url),
    }


def _language():
    return translation.get_language()


def _own_files(ticket_ids):
    """{ticket id: [its own attachments]} in one query (files of replies are the replies');
    none when no ticket has any."""
    files = {}
    if not ticket_ids:
        return files
    rows = Attachment.objects.filter(ticket__in=ticket_ids, reply__isnull=True)
    for item in rows.order_by("created_at", "id"):
        files.setdefault(item.ticket_id, []).append(item)
    return files


def _code_maps(keys):
    """[(field, id attribute, {look-up id: code, None: None})] of the cached look-up codes."""
    codes = lookup_codes()
    return [(key, f"{key}_id", {None: None, **codes[key]}) for key in keys]


def _code(key, pk):
    """The code of a look-up id the cached table does not know yet."""
    lookup = lookup_row(lookup_tables(), key, pk)
    return lookup.code if lookup is not None else None


def _dicts(rows, *, schema, customers, portals, names):
    """The API dicts: `rows` carry the Ticket attributes a representation reads (instances or
    plain rows); `customers` maps customer id to (name, portal id), `portals` portal id to its
    Site, `names` user id to display name."""
    # Plain rows say whether the ticket has files of its own (most have none).
    files = _own_files([row.id for row in rows if getattr(row, "has_own_files", True)])
    bases = portal_base_urls(portals.values())
    builtin = _code_maps(spec.key for spec in schema.builtin() if spec.visible)
    custom = [spec.key for spec in schema.custom() if spec.visible]
    language = _language()
    links = {pk: ticket_link_prefix(base_url=base, language=language) for pk, base in bases.items()}
    result = []
    for row in rows:
        customer, portal_id = customers[row.customer_id]
        base = bases[portal_id]
        data = {"number": row.number, "title": row.title, "description": row.description}
        for key, attname, codes in builtin:
            pk = getattr(row, attname)
            data[key] = codes[pk] if pk in codes else _code(key, pk)
        values = _custom_values(row)
        data["custom_fields"] = {key: values.get(key) for key in custom}
        data["customer"] = customer
        data["requester"] = names.get(row.requester_id)
        data["assignee"] = names.get(row.assignee_id)
        data["created_at"] = row.created_at
        data["updated_at"] = row.updated_at
        data["url"] = f"{links[portal_id]}{row.number}/"
        data["attachments"] = [attachment_dict(item, base) for item in files.get(row.id, ())]
        result.append(data)
    return result


def ticket_dicts(tickets, *, schema):
    """API dicts of `tickets` (instances from `api_tickets`) for a caller with this schema."""
    tickets = list(tickets)
    people = [p for t in tickets for p in (t.requester, t.assignee) if p is not None]
    return _dicts(
        tickets,
        schema=schema,
        customers={t.customer_id: (t.customer.name, t.customer.portal_id) for t in tickets},
        portals={t.customer.portal_id: t.customer.portal for t in tickets},
        names={person.pk: display_name(person) for person in people},
    )


# A list page reads these columns as plain rows: building five model instances a ticket (the
# ticket, customer, portal, requester, assignee) was most of the API list's time. Customers
# and their portals come from the cache (`_customer_portals`): joining them doubled the time
# PostgreSQL spent planning the query.
ROW_COLUMNS = (
    "id",
    "number",
    "title",
    "description",
    *(f"{name}_id" for name in LOOKUP_FIELDS),
    "customer_id",
    "requester_id",
    "assignee_id",
    *(
        f"{person}__{name}"
        for person in ("requester", "assignee")
        for name in ("first_name", "last_name", "is_staff")
    ),
)
TIMESTAMPS = ("created_at", "updated_at")


class APITime(Func):
    """A timestamp as the API writes a datetime (orjson with OPT_UTC_Z: ISO 8601 in UTC,
    microseconds only when there are any, then Z), made by the database: psycopg's loader
    behind Django's time-zone conversion, then orjson writing the datetime back as text, took
    a tenth of the API list's time for its 200 timestamps."""

    output_field = TextField()
    # SQLite stores "2026-01-02 03:04:05.082000" in UTC, without ".000000" on a whole second.
    template = "REPLACE(%(expressions)s, ' ', 'T') || 'Z'"

    def as_postgresql(self, compiler, connection, **extra):
        template = (
            "REPLACE(TO_CHAR(%(expressions)s AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '.000000Z', 'Z')"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


# Built once: making the subquery and expressions anew was a fifth of the list query's cost.
ROW_ANNOTATIONS = {
    "has_own_files": Exists(Attachment.objects.filter(ticket=OuterRef("pk"), reply__isnull=True)),
    "custom_values_json": Cast("custom_values", TextField()),
    **{f"{name}_text": APITime(name) for name in TIMESTAMPS},
}


def fetch_rows(tickets, limit):
    """`ticket_page`'s reader for the API list: named rows (with the sort key when it is the
    annotated priority order), not instances, each saying whether the ticket has files of its
    own, so that the files are looked up only when some have. Custom values come as JSON text
    for orjson (`_custom_values`: the stdlib decoder was a tenth of the list's time), the two
    timestamps as the API's text (`APITime`)."""
    extra = ["priority_order"] if "priority_order" in tickets.query.annotations else []
    columns = (*ROW_COLUMNS, *extra, "has_own_files", "custom_values_json")
    make = _row_type((*columns, *TIMESTAMPS))._make
    texts = [f"{name}_text" for name in TIMESTAMPS]
    return list(
        map(make, tickets.annotate(**ROW_ANNOTATIONS).values_list(*columns, *texts)[:limit])
    )


@lru_cache(maxsize=8)
def _row_type(names):
    return namedtuple("TicketRow", names)


def _custom_values(row):
    """The custom field values of a ticket instance or of a plain row of `fetch_rows`."""
    text = getattr(row, "custom_values_json", None)
    if text is None:
        return getattr(row, "custom_values", None) or {}
    try:
        return orjson.loads(text) or {}
    except orjson.JSONDecodeError:  # e.g. an integer beyond 64 bits
        return json.loads(text) or {}


def _row_name(row, person):
    """display_name of the requester or assignee of a plain row (None when there is none)."""
    user = User(
        first_name=getattr(row, f"{person}__first_name"),
        last_name=getattr(row, f"{person}__last_name"),
        is_staff=getattr(row, f"{person}__is_staff"),
    )
    return display_name(user)


def row_dicts(rows, *, schema):
    """`ticket_dicts` for the rows of `fetch_rows`."""
    names = {}
    for row in rows:
        for person in ("requester", "assignee"):
            user_id = getattr(row, f"{person}_id")
            if user_id is not None and user_id not in names:
                names[user_id] = _row_name(row, person)
    directory = _customer_portals({row.customer_id for row in rows})
    portals = {
        portal_id: Site(id=portal_id, hostname=host, port=port)
        for _name, portal_id, host, port in directory.values()
    }
    return _dicts(
        rows,
        schema=schema,
        customers={pk: (name, portal_id) for pk, (name, portal_id, _h, _p) in directory.items()},
        portals=portals,
        names=names,
    )


def _customer_portals(customer_ids):
    """{customer id: (name, portal id, portal hostname, portal port)}, each kept until a
    customer (PORTAL_CONFIG) or a site (SITES) is saved."""

    def lookup(pk):
        customer = Customer.objects.select_related("portal").get(pk=pk)
        portal = customer.portal
        return customer.name, portal.pk, portal.hostname, portal.port

    sites = version(SITES)
    return {
        pk: cached(PORTAL_CONFIG, ("customer-portal", sites, pk), partial(lookup, pk))
        for pk in customer_ids
    }


def ticket_dict(ticket, *, schema):
    return ticket_dicts([ticket], schema=schema)[0]


def replies_for(ticket, user):
    """The conversation the caller may see: contacts the public replies, technicians every
    reply including internal notes."""
    if is_technician(user):
        return ticket.replies.select_related("author").order_by("created_at", "id")
    return public_replies(ticket)


def reply_dicts(replies, *, ticket, user):
    replies = list(replies)
    prefetch_related_objects(
        replies, Prefetch("attachments", Attachment.objects.order_by("created_at", "id"))
    )
    base = portal_base_urls([ticket.customer.portal])[ticket.customer.portal_id]
    staff = is_technician(user)
    result = []
    for reply in replies:
        data = {
            "id": reply.pk,
            "author": display_name(reply.author),
            "body": reply.body,
            "created_at": reply.created_at,
            "attachments": [attachment_dict(item, base) for item in reply.attachments.all()],
        }
        if staff:
            data["is_internal"] = reply.is_internal
        result.append(data)
    return result

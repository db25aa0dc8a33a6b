"""Ticket look-ups (status, priority, type, impact, product family) attached from a cache
instead of joined into every ticket query.

Why: each joined look-up table multiplies PostgreSQL's planning work; with all five plus
requester and assignee, planning a 25-row page took ~100x longer than running it (measured in
bench/). The tables are tiny and change rarely, so they are read once per PORTAL_CONFIG version
(moved on by every save of a look-up) and set on the tickets as if select_related had fetched
them. An id the cached table does not know yet is left to Django's normal lazy query."""

from cms.core.versioned_cache import cached

from ..models import Impact, Priority, ProductFamily, Status, Ticket, TicketType
from ..models.versions import PORTAL_CONFIG

LOOKUP_FIELDS = {
    "status": Status,
    "priority": Priority,
    "type": TicketType,
    "impact": Impact,
    "product_family": ProductFamily,
}


def _tables():
    return {
        name: {row.pk: row for row in model.objects.all()} for name, model in LOOKUP_FIELDS.items()
    }


def _attach(tickets, tables):
    fields = [(Ticket._meta.get_field(name), tables[name]) for name in LOOKUP_FIELDS]
    for ticket in tickets:
        for field, table in fields:
            pk = getattr(ticket, field.attname)
            if pk is None:
                field.set_cached_value(ticket, None)
            elif pk in table:
                field.set_cached_value(ticket, table[pk])
    return tickets


def _cached_tables():
    return cached(PORTAL_CONFIG, ("lookup-rows",), _tables)


def attach_lookups(tickets):
    """Set the five look-ups on each ticket (an iterable of Ticket); returns the tickets."""
    return _attach(tickets, _cached_tables())


def with_lookups(iterable):
    """`attach_lookups` for a stream of tickets (the CSV export): the tables are read from the
    cache once, not once a row."""
    tables = _cached_tables()
    for ticket in iterable:
        yield _attach([ticket], tables)[0]


def lookup_tables():
    """{field name: {id: look-up row}}, for code that reads the ids off plain rows."""
    return _cached_tables()


def lookup_codes():
    """{field name: {id: code}}: what the API writes for each look-up, as plain values (reading
    the tables' model instances back from the cache cost the API list 0.2 ms a request)."""

    def codes():
        tables = _cached_tables()
        return {name: {pk: row.code for pk, row in rows.items()} for name, rows in tables.items()}

    return cached(PORTAL_CONFIG, ("lookup-codes",), codes)


def lookup_row(tables, name, pk):
    """The look-up row `pk` of field `name` from `tables`; one the cached table does not know
    yet is read from the database (as the lazy relation would)."""
    if pk is None:
        return None
    row = tables[name].get(pk)
    if row is None:
        row = LOOKUP_FIELDS[name].objects.filter(pk=pk).first()
    return row

"""Filtering, searching, sorting and keyset pagination of ticket lists — for the portal list,
the CSV export and the API alike (DESIGN rule 3).

Every filter and sort key comes from an allow-list built from the caller's field schema:
query parameters are never passed to `filter()` or `order_by()` as they are. A parameter that
names a field the caller may not see is refused, so it cannot be used as an oracle."""

import base64
import binascii
import contextlib
import datetime
import json
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _

from cms.core.params import MAX_DB_INT, parse_date, parse_datetime, parse_int

from ..models import BuiltinField, CustomFieldType, StatusCategory, Ticket
from .field_schema import CUSTOM_PREFIX, FieldSchema

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200

# sort key -> (expression name, model field or annotation). Each is index-backed together
# with the customer id (see Ticket.Meta.indexes); "id" breaks ties so the order is total.
SORT_KEYS = {
    "updated": "updated_at",
    "created": "created_at",
    "number": "number",
    "priority": "priority_order",
}
DEFAULT_SORT = "-updated"
SCOPES = ("mine", "company")
RANGE_SUFFIXES = ("_from", "_to")
OPEN_CATEGORIES = [StatusCategory.OPEN, StatusCategory.PENDING]
# Parameters that are not filters (the caller's own view state).
CONTROL_PARAMS = {"scope", "q", "sort", "ordering", "cursor", "page_size", "format", "lang"}


class QueryError(ValidationError):
    """A refused list query; `message_dict` names the offending parameters."""


@dataclass
class TicketPage:
    tickets: list
    next_cursor: str | None
    sort: str
    filters: dict  # the applied filters, as given (for forms and links)


def _codes(raw):
    values = raw if isinstance(raw, list | tuple) else [raw]
    codes = []
    for value in values:
        codes += [part.strip() for part in str(value).split(",") if part.strip()]
    return codes


def _bool(raw):
    word = str(raw).strip().lower()
    if word in {"true", "1", "yes", "on"}:
        return True
    if word in {"false", "0", "no", "off"}:
        return False
    raise ValueError


def _number(raw):
    value = float(str(raw).strip().replace(",", "."))
    if not math.isfinite(value):  # NaN/inf are not JSON: the database would refuse the query
        raise ValueError
    return value


def _storable(value):
    """The value without NUL and lone surrogates, which PostgreSQL refuses in a text
    comparison (a DataError, i.e. a 5xx, for `?q=%00` on the portal list)."""
    if not isinstance(value, str):
        return value
    return "".join(ch for ch in value if ch != "\x00" and not 0xD800 <= ord(ch) <= 0xDFFF)


def _last(params, name):
    value = params.getlist(name) if hasattr(params, "getlist") else params.get(name)
    if isinstance(value, list):
        value = value[-1] if value else None
    return _storable(value)


def _all(params, name):
    if hasattr(params, "getlist"):
        return [_storable(value) for value in params.getlist(name)]
    value = params.get(name)
    return [_storable(v) for v in value] if isinstance(value, list) else [_storable(value)]


def _field_filter(spec, params, errors):
    """Q for one schema field from its parameter(s), or None when not filtered."""
    name = spec.param
    if not spec.is_custom:
        codes = _codes(_all(params, name)) if name in params else []
        if not codes:
            return None
        unknown = [code for code in codes if spec.choice(code) is None]
        if unknown:
            errors[name] = [_("Not a valid choice: %(values)s.") % {"values": ", ".join(unknown)}]
            return None
        return Q(**{f"{spec.key}_id__in": [spec.choice(code).id for code in codes]})
    path = f"custom_values__{spec.key}"
    try:
        if spec.type in (CustomFieldType.DROPDOWN, CustomFieldType.MULTI_SELECT):
            codes = _codes(_all(params, name)) if name in params else []
            if not codes:
                return None
            unknown = [code for code in codes if spec.choice(code) is None]
            if unknown:
                errors[name] = [
                    _("Not a valid choice: %(values)s.") % {"values": ", ".join(unknown)}
                ]
                return None
            query = Q()
            for code in codes:
                if spec.type == CustomFieldType.DROPDOWN:
                    query |= Q(**{path: code})
                else:
                    # The stored JSON list as text contains "code" (codes are slugs).
                    query |= Q(**{f"{spec.key}_text__contains": json.dumps(code)})
            return query
        if spec.type == CustomFieldType.CHECKBOX:
            if name not in params or _last(params, name) in (None, ""):
                return None
            wanted = _bool(_last(params, name))
            if wanted:
                return Q(**{path: True})
            # "No" includes tickets where the box was never set (no key in the JSON).
            return Q(**{path: False}) | ~Q(custom_values__has_key=spec.key)
        if spec.type in (CustomFieldType.NUMBER, CustomFieldType.DATE):
            parse = _number if spec.type == CustomFieldType.NUMBER else parse_date
            query = Q()
            for suffix, lookup in (("", "exact"), ("_from", "gte"), ("_to", "lte")):
                raw = _last(params, name + suffix)
                if raw in (None, ""):
                    continue
                value = parse(raw)
                value = value.isoformat() if isinstance(value, datetime.date) else value
                query &= Q(**{f"{path}__{lookup}": value})
            return query or None
        if spec.type in (CustomFieldType.TEXT, CustomFieldType.LONG_TEXT):
            raw = _last(params, name)
            if raw in (None, ""):
                return None
            return Q(**{f"{spec.key}_text__icontains": str(raw)[:MAX_QUERY_LENGTH]})
    except ValueError:
        errors[name] = [_("This value is not valid.")]
    return None


def _refuse_unknown(schema, params, errors, strict):
    """Field-like parameters the caller may not use are refused; others ignored unless strict."""
    known = set(CONTROL_PARAMS) | {"requester", "created_from", "created_to", "open"}
    for spec in schema.visible():
        known |= {spec.param, *(spec.param + s for s in RANGE_SUFFIXES)}
    for name in params:
        if name in known:
            continue
        looks_like_field = name in BuiltinField.values or name.startswith(CUSTOM_PREFIX)
        if looks_like_field or strict:
            errors[name] = [_("You cannot filter by “%(name)s”.") % {"name": name}]


def _search(tickets, q):
    q = " ".join(str(q).split())[:MAX_QUERY_LENGTH]
    if not q:
        return tickets
    query = Q(title__icontains=q) | Q(description__icontains=q)
    with contextlib.suppress(ValueError):  # "#1042" or "1042" also finds that ticket
        query |= Q(number=parse_int(q.lstrip("#")))
    return tickets.filter(query)


def _sort(raw, schema=None):
    sort = (raw or DEFAULT_SORT).strip()
    key = sort.lstrip("-")
    # Sorting by a field the caller may not see would reveal its values through the order.
    hidden = schema is not None and key in BuiltinField.values and not _visible(schema, key)
    if key not in SORT_KEYS or hidden:
        raise QueryError(
            {"sort": [_("Sort by one of: %(keys)s.") % {"keys": ", ".join(SORT_KEYS)}]}
        )
    return sort


def _visible(schema, key):
    spec = schema.get(key)
    return spec is not None and spec.visible


def encode_cursor(values: list) -> str:
    raw = json.dumps(values, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise QueryError({"cursor": [_("This page link is not valid.")]}) from None
    if not isinstance(values, list) or len(values) != 2:
        raise QueryError({"cursor": [_("This page link is not valid.")]})
    return values


def _cursor_int(raw):
    # Only JSON numbers: a string in a cursor was never written by us.
    if not isinstance(raw, int):
        raise ValueError
    return parse_int(raw, minimum=-MAX_DB_INT)


def _cursor_value(sort_field, raw):
    if raw is None:
        return None
    if sort_field in ("updated_at", "created_at"):
        return parse_datetime(raw)
    return _cursor_int(raw)


def _cursor_values(field, cursor):
    """(sort value, last id) of a cursor; a tampered cursor is refused, never a server error."""
    value, last_id = decode_cursor(cursor)
    try:
        return _cursor_value(field, value), _cursor_int(last_id)
    except (TypeError, ValueError):  # also a date that does not exist in UTC (year 1, +14:00)
        raise QueryError({"cursor": [_("This page link is not valid.")]}) from None


def filter_tickets(tickets, *, schema: FieldSchema, params, user, strict=False):
    """`tickets` (already scoped by `tickets_visible_to`) narrowed by the query parameters.

    Raises QueryError naming each refused parameter. `strict` (the API) also refuses
    parameters it does not know."""
    errors = {}
    _refuse_unknown(schema, params, errors, strict)
    for spec in schema.custom():
        # The value as text, for the filters that match inside it; only when filtered by it
        # (otherwise every page would fetch and convert the extra columns).
        if (
            spec.visible
            and spec.param in params
            and spec.type
            in (CustomFieldType.MULTI_SELECT, CustomFieldType.TEXT, CustomFieldType.LONG_TEXT)
        ):
            tickets = tickets.annotate(**{f"{spec.key}_text": KT(f"custom_values__{spec.key}")})
    for spec in schema.visible():
        query = _field_filter(spec, params, errors)
        if query is not None:
            tickets = tickets.filter(query)
    scope = _last(params, "scope")
    if scope not in (None, "") and scope not in SCOPES:
        errors["scope"] = [_("Choose “mine” or “company”.")]
    elif scope == "mine":
        tickets = tickets.filter(requester=user)
    if _last(params, "open") not in (None, "") and not _visible(schema, "status"):
        # Open/closed is the status category: no filtering by it when the status is hidden.
        errors["open"] = [_("You cannot filter by “%(name)s”.") % {"name": "open"}]
    elif _last(params, "open") not in (None, ""):
        try:
            wanted = _bool(_last(params, "open"))
            status_open = Q(status__category__in=OPEN_CATEGORIES)
            tickets = tickets.filter(status_open if wanted else ~status_open)
        except ValueError:
            errors["open"] = [_("This value is not valid.")]
    requester = _last(params, "requester")
    if requester not in (None, ""):
        try:
            tickets = tickets.filter(requester_id=parse_int(requester))
        except ValueError:
            errors["requester"] = [_("This value is not valid.")]
    for name, lookup in (("created_from", "gte"), ("created_to", "lte")):
        raw = _last(params, name)
        if raw in (None, ""):
            continue
        try:
            tickets = tickets.filter(**{f"created_at__date__{lookup}": parse_date(raw)})
        except ValueError:
            errors[name] = [_("Enter a date as YYYY-MM-DD.")]
    q = _last(params, "q")
    if q:
        tickets = _search(tickets, q)
    if errors:
        raise QueryError(errors)
    return tickets


def _nullable(field):
    return field == "priority_order" or Ticket._meta.get_field(field).null


def order_tickets(tickets, sort):
    field = SORT_KEYS[sort.lstrip("-")]
    if field == "priority_order":
        tickets = tickets.annotate(priority_order=F("priority__order"))
    if not _nullable(field):
        # Plain ASC/DESC: an explicit NULLS LAST on a NOT NULL column keeps PostgreSQL from
        # walking the (customer, key, id) index and makes it sort the customer's every row.
        return (
            tickets.order_by(f"-{field}", "-id")
            if sort.startswith("-")
            else tickets.order_by(field, "id")
        )
    if sort.startswith("-"):
        return tickets.order_by(F(field).desc(nulls_last=True), "-id")
    return tickets.order_by(F(field).asc(nulls_first=True), "id")


def _after_cursor(tickets, sort, cursor):
    field = SORT_KEYS[sort.lstrip("-")]
    value, last_id = _cursor_values(field, cursor)
    descending = sort.startswith("-")
    if value is None:
        # NULLs sort last when descending, first when ascending.
        if descending:
            return tickets.filter(**{f"{field}__isnull": True, "id__lt": last_id})
        return tickets.filter(
            Q(**{f"{field}__isnull": True, "id__gt": last_id}) | Q(**{f"{field}__isnull": False})
        )
    op = "lt" if descending else "gt"
    if not _nullable(field):
        # (key, id) past the cursor, with the key bound on its own so that it is an index
        # condition: page 2,000 starts where it starts instead of skipping 50,000 rows.
        bound = Q(**{f"{field}__{op}e": value})
        return tickets.filter(
            bound & (Q(**{f"{field}__{op}": value}) | Q(**{f"id__{op}": last_id}))
        )
    after = Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"id__{op}": last_id})
    if descending:
        after |= Q(**{f"{field}__isnull": True})
    return tickets.filter(after)


def _instances(tickets, limit):
    return list(tickets[:limit])


def ticket_page(
    tickets, *, schema, params, user, page_size=PAGE_SIZE, strict=False, fetch=_instances
):
    """One page of the filtered, sorted list and the cursor of the next page.

    `fetch(queryset, limit)` reads the rows: model instances by default; the API reads plain
    rows instead (any object with `id` and the sort key as attributes serves the cursor)."""
    tickets = filter_tickets(tickets, schema=schema, params=params, user=user, strict=strict)
    sort = _sort(_last(params, "sort") or _last(params, "ordering"), schema)
    tickets = order_tickets(tickets, sort)
    cursor = _last(params, "cursor")
    if cursor:
        tickets = _after_cursor(tickets, sort, cursor)
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    rows = fetch(tickets, page_size + 1)
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        field = SORT_KEYS[sort.lstrip("-")]
        next_cursor = encode_cursor([getattr(last, field), last.id])
    applied = {name: _all(params, name) for name in params if name not in CONTROL_PARAMS}
    return TicketPage(tickets=rows, next_cursor=next_cursor, sort=sort, filters=applied)

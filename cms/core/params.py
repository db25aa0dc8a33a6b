"""One parser for the numbers and dates every door reads from its input (C-41).

Each value is checked against what Python and the database can hold: an id of 23 digits, a
date that leaves the calendar when moved to UTC, are bad input (a 400, or a 404 for an id in a
path), never an overflow (a 500). Every function raises ValueError for input it refuses."""

import datetime

# The largest value of a database integer column (bigint): larger would overflow the query.
MAX_DB_INT = 2**63 - 1
_DIGITS = len(str(MAX_DB_INT))


def parse_int(raw, *, minimum=1, maximum=MAX_DB_INT) -> int:
    """`raw` (ASCII digits with an optional sign, or an int; never a bool) in the range."""
    if isinstance(raw, bool):
        raise ValueError("not a number")
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not (digits.isascii() and digits.isdigit()) or len(digits) > _DIGITS:
            raise ValueError("not a number")
        value = int(text)
    if not minimum <= value <= maximum:
        raise ValueError("out of range")
    return value


def parse_date(raw) -> datetime.date:
    """An ISO 8601 date (YYYY-MM-DD)."""
    return datetime.date.fromisoformat(str(raw).strip())


def parse_datetime(raw) -> datetime.datetime:
    """An ISO 8601 date and time that exists in UTC too (year 1 at +14:00 does not)."""
    value = datetime.datetime.fromisoformat(str(raw).strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    try:
        value.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError("out of range") from None
    return value


class DatabaseIdConverter:
    """`<dbid:pk>` in a URL: an id the database can hold; anything longer does not match (404)."""

    regex = f"[0-9]{{1,{_DIGITS}}}"

    def to_python(self, value):
        return parse_int(value)

    def to_url(self, value):
        return str(value)

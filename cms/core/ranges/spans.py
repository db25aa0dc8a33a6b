"""Which bytes a Range header asks for. One range per request, which is what players and
download managers send; several ranges, or a header that does not parse, get the whole file
(RFC 9110 §14.2 lets a server ignore Range)."""

import re

ONE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class Unsatisfiable(Exception):
    """The range starts after the end of the file: 416."""


def requested_span(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte, both included, of the one range `header` asks for in a file of
    `size` bytes; None to send the whole file."""
    match = ONE_RANGE.fullmatch(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    start, end = match.groups()
    if not start:  # "bytes=-500": the last 500 bytes
        if int(end) == 0:
            raise Unsatisfiable
        return max(size - int(end), 0), size - 1
    first = int(start)
    if end and int(end) < first:
        return None  # not a valid range: ignored
    if first >= size:
        raise Unsatisfiable
    return first, min(int(end) if end else size - 1, size - 1)

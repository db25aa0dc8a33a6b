"""Which bytes a Range header asks for (cms.core.ranges.spans): one range, as players and
download managers send it; anything else is the whole file or, past the end, 416."""

import pytest

from cms.core.ranges.spans import Unsatisfiable, requested_span

SIZE = 1000


@pytest.mark.parametrize(
    ("header", "span"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),  # the last 100 bytes
        ("bytes=-5000", (0, 999)),  # more than the file: all of it
        ("bytes=990-5000", (990, 999)),  # an end past the file is cut to it
        ("bytes=999-999", (999, 999)),
        (" bytes=0-0 ", (0, 0)),
    ],
)
def test_one_range_is_the_bytes_asked_for(header, span):
    assert requested_span(header, SIZE) == span


@pytest.mark.parametrize(
    "header",
    ["bytes=0-1,5-9", "bytes=-", "bytes=9-2", "items=0-9", "bytes=a-b", "0-99", ""],
)
def test_anything_else_gets_the_whole_file(header):
    assert requested_span(header, SIZE) is None


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_past_the_end_is_unsatisfiable(header):
    with pytest.raises(Unsatisfiable):
        requested_span(header, SIZE)

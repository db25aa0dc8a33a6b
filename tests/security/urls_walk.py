"""Every route the URL resolver knows, spelled as matrix.py spells them."""

import re

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern


def routes(patterns=None, prefix=""):
    """(route, pattern) for every leaf pattern, recursively through includes, i18n_patterns,
    Wagtail's admin and serving patterns and the DRF router."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            part = (
                "<lang>/"
                if isinstance(pattern.pattern, LocalePrefixPattern)
                else str(pattern.pattern)
            )
            yield from routes(pattern.url_patterns, prefix + part)
        else:
            yield prefix + str(pattern.pattern), pattern


SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


def sample_url(route):
    """A concrete URL for a route: converters and regex groups get placeholder values."""
    url = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    url = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "x"), url)
    url = re.sub(r"\((?:\\d\+|\[0-9\]\+)\)", "1", url)
    url = re.sub(r"\([^)]*\)[*+?]?", "x", url)
    url = url.replace(".*", "x").replace("\\", "")
    return "/" + url.replace("^", "").replace("$", "")

"""Search terms from user input and escaped highlighting (the text is escaped, then each match
is wrapped in <mark>; nothing from the input is ever marked safe)."""

import re

from django.utils.html import format_html, format_html_join

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Plain words only: quotes, brackets and operators never reach the search backend's parser.
_WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str) -> str:
    """Whitespace-normalised input; control characters dropped."""
    return " ".join("".join(ch for ch in raw if ch.isprintable()).split())


def terms(query: str) -> list[str]:
    """Words of the query worth highlighting (quotes and operators are not words)."""
    found = []
    for word in _WORD.findall(query):
        if len(word) > 1 and word.lower() not in found:
            found.append(word.lower())
    return found[:MAX_TERMS]


def highlight(text: str, words: list[str]):
    """`text` escaped, with every case-insensitive occurrence of `words` in <mark>."""
    text = text or ""
    if not words:
        return format_html("{}", text)
    pattern = re.compile("(" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
    parts = pattern.split(text)
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<mark>{}</mark>", part) if index % 2 else part,)
            for index, part in enumerate(parts)
        ),
    )

"""HTML that users write (ticket descriptions, replies) goes through one allow-list (nh3)
before it is stored, and again before it is shown."""

import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li",
    "a", "code", "pre", "blockquote", "h3", "h4",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def _clean(html, *, tags, attributes, link_rel):
    return nh3.clean(
        html or "",
        tags=tags,
        attributes=attributes,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=link_rel,
        strip_comments=True,
    )


def clean_html(html: str) -> str:
    """Allow-listed HTML: no scripts, styles, event handlers or non-http(s)/mailto links."""
    return _clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def plain_text_to_html(text: str) -> str:
    """A textarea's plain text as safe paragraphs (the no-JavaScript editor)."""
    return linebreaks(escape(text or ""))


# Wagtail rich text (KB articles, page intros) once Wagtail has expanded its links and
# embeds: the editor cleans what it saves, but HTML can reach the database another way (an
# import, a translation upload, a direct write), so it is cleaned again where it is shown.
RICH_TEXT_TAGS = ALLOWED_TAGS | {"h2", "h5", "h6", "hr", "img", "sub", "sup"}
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "class"},
}


def clean_rich_text(html: str) -> str:
    return _clean(html, tags=RICH_TEXT_TAGS, attributes=RICH_TEXT_ATTRIBUTES, link_rel=None)

"""The XSS payload set and the oracle that decides whether a page renders them inert.

Every executable part of a payload carries the canary `xss7`. A page is unsafe when, as a
browser parses it, the canary sits in an event handler, in a URL attribute, inside a script or
style element, or on an element that runs or loads content (script, iframe, object, embed,
svg, base, meta, link, style). Escaped text and attribute values such as a form field's
`value` are inert and allowed."""

from html.parser import HTMLParser

CANARY = "xss7"
PAYLOADS = [
    "<script>alert('xss7')</script>",
    "<img src=x onerror=alert('xss7')>",
    "<svg onload=alert('xss7')><circle r=1></svg>",
    "<style>body{background:url(//evil.example/xss7)}</style>",
    "<a href=\"javascript:alert('xss7')\">click</a>",
    "<a href=\"jav&#x09;ascript:alert('xss7')\">tab</a>",
    '<a href="data:text/html;base64,eHNzNw==#xss7">data</a>',
    "[markdown](javascript:alert('xss7'))",
    '"><script>alert("xss7")</script>',
    "</textarea><iframe src=//evil.example/xss7></iframe>",
    "<div style=\"background:url('//evil.example/xss7')\" onmouseover=\"alert('xss7')\">d</div>",
]
ALL = " ".join(PAYLOADS)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "style"}
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "base", "meta", "link", "style"}


def _unsafe_url(name, value):
    """A URL attribute holding the canary, unless it is a same-site path (the language links
    repeat the page's own query string, which is harmless)."""
    if name not in URL_ATTRIBUTES:
        return False
    compact = "".join(ch for ch in value if ch > " ").lower()
    same_site = compact.startswith("/") and not compact.startswith("//")
    return name in ("style", "srcdoc") or not same_site


class _Oracle(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self._in = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if CANARY not in value:
                continue
            if name.startswith("on") or tag in ACTIVE_TAGS or _unsafe_url(name, value):
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            kind = dict(attrs).get("type") or ""
            # JSON islands (Wagtail's admin) are data, not code; a `</script>` breakout in
            # them would end the element and be caught as a new one.
            self._in.append("data" if "json" in kind else tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] in (tag, "data"):
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] != "data" and CANARY in data:
            self.findings.append(f"<{self._in[-1]}>{data[:60]}")


def active_payloads(html: str) -> list:
    """What of the payloads would run or load in a browser (empty when the page is inert)."""
    oracle = _Oracle()
    oracle.feed(html)
    oracle.close()
    return oracle.findings


def assert_inert(html: str, where: str = ""):
    found = active_payloads(html)
    assert not found, f"{where}: active payloads {found}"

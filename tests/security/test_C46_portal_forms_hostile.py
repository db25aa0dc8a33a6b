"""Every portal form under hostile values (security round 2, "Also": the portal half of the fuzz;
the API half is tests/helpdesk/api/test_schemathesis.py).

The forms are not listed by hand: each page a role can open is fetched, every `<form>` in it is
read (fields, pre-filled values, choices) and sent back with hostile values — every field at
once, and each field alone with the others left valid. No answer may be a server error, hostile
markup never comes back unescaped, and a refused form says why in the page's language. Runs on
PostgreSQL, whose stricter types (NUL bytes, integer and date ranges) are where such input
breaks; the values are fixed, so the run is the same every time."""

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the portal form fuzz runs on PostgreSQL only; CI runs it in the PostgreSQL pass",
    ),
]

SCRIPT = "<script>alert('fz')</script>"
HOSTILE = [
    "",
    " \t ",
    "\x00",
    "a\x00b",
    "x" * 100_000,
    "-1",
    "9" * 30,
    "1e309",
    "NaN",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31",
    SCRIPT,
    "' OR 1=1 --",
    "%(name)s {0} %n",
    "../../../etc/passwd",
    "\u202e\ufeff\U0001f600" * 20,
    b"\xed\xa0\x80\xff\xfe",  # not UTF-8: an encoded lone surrogate and two stray bytes
]

# Pages per role; `{tA1}` is the ticket of the world's contact a1.
PAGES = {
    "anon": [
        "/en/account/login/",
        "/en/account/password-reset/",
        "/en/account/password-reset/code/",
        "/en/_util/login/?next=/en/",
    ],
    "a1": [
        "/en/account/profile/",
        "/en/account/settings/",
        "/en/tickets/",
        "/en/tickets/new/",
        "/en/tickets/{tA1}/",
        "/en/kb/network/vpn/connect/",
        "/de/tickets/new/",
    ],
}
# Forms whose only effect is to end the session; sending them proves nothing.
SKIP_ACTIONS = ("/account/logout/",)
# Paths whose token is part of the URL: hostile tokens go into the path itself.
TOKEN_PATHS = ["/en/account/welcome/{}/", "/en/account/email/{}/"]
# How a refused form or request tells the reader (field errors, form errors, the 400 page).
ERROR_MARKERS = (
    "errorlist",
    "has-error",
    "form-errors",
    'role="alert"',
    "error-code",
    "error-page",
)


class Forms(HTMLParser):
    """The forms of a page: method, action and fields with a valid value each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = {"method": method, "action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or ("name" not in attrs and tag != "option"):
            return
        elif tag == "button" or (tag == "input" and attrs.get("type") in ("submit", "image")):
            # The first named button says which of a page's actions the form asks for.
            if (attrs.get("type") or "submit") == "submit" or tag == "input":
                self._form["fields"].setdefault(attrs["name"], ("submit", attrs.get("value", "")))
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("button", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self._form["fields"].setdefault(attrs["name"], None)
                return
            self._form["fields"][attrs["name"]] = (kind, attrs.get("value") or "fuzz")
        elif tag == "select":
            self._select = attrs["name"]
            self._form["fields"][self._select] = ("select", "")
        elif tag == "option" and self._select:
            if "selected" in attrs or not self._form["fields"][self._select][1]:
                self._form["fields"][self._select] = ("select", attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form["fields"][self._textarea] = ("textarea", "fuzz text")

    def handle_data(self, data):
        if self._textarea and data.strip():
            self._form["fields"][self._textarea] = ("textarea", data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html, page):
    parser = Forms()
    parser.feed(html)
    for form in parser.forms:
        form["action"] = urljoin(page, form["action"] or page)
        form["fields"] = {
            name: spec
            for name, spec in form["fields"].items()
            if spec is not None and name != "csrfmiddlewaretoken"
        }
    return [f for f in parser.forms if not f["action"].endswith(SKIP_ACTIONS)]


def payloads(fields):
    """Every field hostile at once (one payload per value), then each field alone hostile (a
    different value per field, so every value meets every kind of field over the pages)."""
    valid = {name: value for name, (_kind, value) in fields.items()}
    # Which action a form asks for stays as the page's button sends it.
    fuzzed = sorted(name for name, (kind, _value) in fields.items() if kind != "submit")
    for value in HOSTILE:
        yield {**valid, **{name: _as(fields[name][0], value) for name in fuzzed}}
    for index, name in enumerate(fuzzed):
        for value in (HOSTILE[index % len(HOSTILE)], HOSTILE[(index + 7) % len(HOSTILE)]):
            yield {**valid, name: _as(fields[name][0], value)}
        yield {**valid, name: [valid[name], "second value"]}  # one field sent twice


def _as(kind, value):
    if kind == "file":
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        content = value if isinstance(value, bytes) else value.encode()
        return SimpleUploadedFile("..\\..\\" + (text[:40] or "empty") + ".php", content)
    return value


def send(client, form, data):
    if form["method"] == "post":
        return client.post(form["action"], data)
    return client.get(form["action"], data)


def check(response, language, sent):
    status = response.status_code
    assert status < 500, f"{status} for {sent!r:.300}"
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return
    body = response.content.decode()
    assert SCRIPT not in body, "hostile markup came back unescaped"
    if status == 400:
        # The portal answers a refused form with 400 (C-14), showing it again or the 400 page:
        # it says what was wrong, in the page's language.
        assert any(marker in body for marker in ERROR_MARKERS), (sent, body[-1500:])
        assert f'<html lang="{language}"' in body, body[:300]


@pytest.mark.parametrize(
    ("role", "page"), [(role, page) for role, pages in PAGES.items() for page in pages]
)
def test_C46_every_form_of_the_page_survives_hostile_values(client, security_world, role, page):
    page = page.format(tA1=security_world.tickets["tA1"].number)
    user = security_world.users[role]
    if user:
        client.force_login(user)
    response = client.get(page)
    assert response.status_code == 200, page
    forms = forms_of(response.content.decode(), page)
    assert forms, f"no form found on {page}"
    language = page.split("/")[1]
    sent = 0
    for form in forms:
        for data in payloads(form["fields"]):
            check(send(client, form, data), language, (form["action"], data))
            sent += 1
            if user:
                client.force_login(user)  # a form that signs out must not end the run
    assert sent >= len(forms) * len(HOSTILE)


@pytest.mark.parametrize("path", TOKEN_PATHS)
def test_C46_hostile_tokens_in_the_path_are_refused_cleanly(client, security_world, path):
    for token in ("x" * 5000, "%00", "..%2F..%2F", "9" * 40, "%F0%9F%98%80"):
        for method in (client.get, client.post):
            response = method(path.format(token), {"password1": "x", "password2": "x"})
            assert response.status_code < 500, (path, token, response.status_code)

"""SECURITY R-03, R-04, C-09, C-29, C-40 against a live server: real HTTP requests (API
tokens, or an anonymous session with its CSRF token) from threads released together by a Barrier.

On PostgreSQL the requests really overlap. On SQLite the test database is one connection, so
threads would prove nothing: there the same scenarios run one request after another through
Django's test client inside the test transaction (a smoke version of the same assertions).
The parallel SQLite suite is test_C40_sqlite_concurrent_writes.py: its own server process on a
file database, as `make run` serves."""

import re
from json import dumps
from types import SimpleNamespace

import pytest
import requests
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from helpdesk.accounts import reset
from helpdesk.accounts.tokens import CODE_ALPHABET
from helpdesk.models import (
    AccountToken,
    Activity,
    BuiltinFieldSetting,
    CustomField,
    Reply,
    Ticket,
)
from kb.models import ArticleRating
from tests.factories import (
    ContactFactory,
    CustomerFactory,
    TechnicianFactory,
    TicketFactory,
    api_token,
)
from tests.factories.helpdesk import PASSWORD
from tests.kb.builders import article, category, kb_root, section

from . import parallel

PARALLEL = connection.vendor == "postgresql"
pytestmark = pytest.mark.django_db(transaction=PARALLEL, serialized_rollback=PARALLEL)


class ClientSession:
    """The few `requests.Session` calls used here, answered by Django's test client (SQLite)."""

    def __init__(self):
        self.client = Client()
        self.headers = {}

    def _send(self, method, url, *, json=None, data=None, headers=None, timeout=None):
        extra = {
            "HTTP_" + name.upper().replace("-", "_"): value
            for name, value in {**self.headers, **(headers or {})}.items()
        }
        if json is not None:
            extra.update(data=dumps(json), content_type="application/json")
        elif data is not None:
            extra["data"] = data
        response = getattr(self.client, method)(url, **extra)
        response.text = response.content.decode()
        return response

    def get(self, url, **kwargs):
        return self._send("get", url, **kwargs)

    def post(self, url, **kwargs):
        return self._send("post", url, **kwargs)

    def patch(self, url, **kwargs):
        return self._send("patch", url, **kwargs)


def new_session():
    return requests.Session() if PARALLEL else ClientSession()


@pytest.fixture
def server(request):
    """The live server on PostgreSQL; on SQLite an empty base URL for the test client."""
    if not PARALLEL:
        return SimpleNamespace(url="")
    return request.getfixturevalue("live_server")


def together(jobs):
    """At the same moment on PostgreSQL, one after another on SQLite."""
    return parallel.together(jobs, parallel=PARALLEL)


def api(user, base):
    """A token session with its connection already open: fifty new connections at one moment
    would overflow the test server's listen backlog (a reset, not an answer)."""
    session = new_session()
    session.headers["Authorization"] = f"Token {api_token(user)}"
    assert session.get(f"{base}/api/v1/me/", timeout=60).status_code == 200
    return session


@pytest.fixture
def acme(portal):
    return CustomerFactory(name="Acme Corp", portal=portal)


def test_R03_twenty_parallel_replies_over_http_all_persist(server, acme):
    requester = ContactFactory(customer=acme, is_main_contact=True).user
    ticket = TicketFactory(requester=requester, customer=acme)
    colleagues = [ContactFactory(customer=acme, is_main_contact=True).user for _ in range(20)]
    url = f"{server.url}/api/v1/tickets/{ticket.number}/replies/"
    sessions = [api(user, server.url) for user in colleagues]

    results = together(
        [
            lambda s=s, n=n: s.post(url, json={"body": f"parallel reply {n}"}, timeout=60)
            for n, s in enumerate(sessions)
        ]
    )

    assert [getattr(r, "status_code", r) for r in results] == [201] * 20
    bodies = set(Reply.objects.filter(ticket=ticket).values_list("body", flat=True))
    assert bodies == {f"parallel reply {n}" for n in range(20)}
    ticket.refresh_from_db()
    latest = Reply.objects.filter(ticket=ticket).latest("created_at")
    assert ticket.updated_at >= latest.created_at


def test_R04_parallel_patches_of_different_fields_lose_nothing(server, acme):
    BuiltinFieldSetting.objects.update_or_create(
        field="priority", defaults={"visibility": "editable"}
    )
    CustomField.objects.create(key="room", labels={"en": "Room"}, visibility="editable")
    a1 = ContactFactory(customer=acme).user
    a_main = ContactFactory(customer=acme, is_main_contact=True).user
    ticket = TicketFactory(requester=a1, customer=acme)
    url = f"{server.url}/api/v1/tickets/{ticket.number}/"
    first, second = api(a1, server.url), api(a_main, server.url)
    priorities = ["high", "low", "critical", "medium", "high"]

    for round_, priority in enumerate(priorities):
        room = f"Room {round_}"
        before = Ticket.objects.get(pk=ticket.pk)
        results = together(
            [
                lambda p=priority: first.patch(url, json={"priority": p}, timeout=60),
                lambda r=room: second.patch(url, json={"custom_fields": {"room": r}}, timeout=60),
            ]
        )
        statuses = [getattr(r, "status_code", r) for r in results]
        assert all(status in (200, 409, 412) for status in statuses), statuses
        after = Ticket.objects.select_related("priority").get(pk=ticket.pk)
        # Whatever was answered 200 is in the database; a refused write left its field alone.
        if statuses[0] == 200:
            assert after.priority.code == priority, f"round {round_}: priority lost"
        else:
            assert after.priority_id == before.priority_id
        if statuses[1] == 200:
            assert after.custom_values.get("room") == room, f"round {round_}: room lost"
        else:
            assert after.custom_values.get("room") == before.custom_values.get("room")


def _csrf_session(base):
    session = new_session()
    page = session.get(f"{base}/en/account/password-reset/code/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session, token


def test_C09_fifty_parallel_reset_guesses_over_http_use_at_most_five_tries(
    server, acme, django_capture_on_commit_callbacks
):
    user = ContactFactory(customer=acme, user__email="alice@acme.example").user
    with django_capture_on_commit_callbacks(execute=True):
        assert reset.request_code(email=user.email)
    (sent,) = mail.outbox
    code = "".join(
        re.search(rf"\b([{CODE_ALPHABET}]{{4}}) ([{CODE_ALPHABET}]{{4}})\b", sent.body).groups()
    )
    base = server.url
    url = f"{base}/en/account/password-reset/code/"
    prepared = [_csrf_session(base) for _ in range(50)]

    def guess(session, csrf, number):
        data = {
            "csrfmiddlewaretoken": csrf,
            "email": user.email,
            "code": f"WRONG{number:03d}",
            "new_password1": "a-new-passphrase-never-set",
            "new_password2": "a-new-passphrase-never-set",
        }
        return session.post(url, data=data, headers={"Referer": url}, timeout=60)

    results = together([lambda s=s, c=c, n=n: guess(s, c, n) for n, (s, c) in enumerate(prepared)])

    assert [getattr(r, "status_code", r) for r in results] == [400] * 50
    assert AccountToken.objects.get(user=user).attempts == reset.MAX_ATTEMPTS
    with pytest.raises(ValidationError):  # the right code is dead now
        reset.reset_with_code(email=user.email, code=code, password="another-long-passphrase")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_C29_fifty_parallel_votes_over_http_leave_one_rating(server, acme):
    root = kb_root(acme.portal)
    page = article(section(category(root, "Network"), "VPN"), "Connect to the VPN")
    voter = ContactFactory(customer=acme).user
    sessions = [api(voter, server.url) for _ in range(50)]
    url = f"{server.url}/api/v1/kb/articles/{page.pk}/rating/"

    results = together(
        [
            lambda s=s, n=n: s.post(url, json={"helpful": n % 2 == 0}, timeout=60)
            for n, s in enumerate(sessions)
        ]
    )

    assert [getattr(r, "status_code", r) for r in results] == [200] * 50
    assert ArticleRating.objects.filter(user=voter).count() == 1


def test_C40_parallel_closes_and_reopens_record_exactly_the_moves_answered(server, acme):
    technician = TechnicianFactory()
    ticket = TicketFactory(requester=ContactFactory(customer=acme).user, customer=acme)
    initial = ticket.status.code
    session = api(technician, server.url)
    moves = ["close", "reopen"] * 8
    url = f"{server.url}/api/v1/tickets/{ticket.number}/"

    results = together([lambda m=m: session.post(f"{url}{m}/", timeout=60) for m in moves])

    statuses = [getattr(r, "status_code", r) for r in results]
    assert all(status in (200, 400) for status in statuses), statuses
    history = list(Activity.objects.filter(ticket=ticket, field="status").order_by("id"))
    assert len(history) == statuses.count(200) >= 1
    # Each move started where the one before it ended, and the ticket stands where the last
    # one left it: no move acted on a status another had already changed.
    assert [a.old_value for a in history] == [initial, *[a.new_value for a in history[:-1]]]
    ticket.refresh_from_db()
    assert ticket.status.code == history[-1].new_value

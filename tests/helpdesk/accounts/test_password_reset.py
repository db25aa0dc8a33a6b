import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from helpdesk.accounts import reset, tokens
from helpdesk.models import AccountToken, OutboxMessage
from tests.factories import ContactFactory, UserFactory
from tests.factories.helpdesk import PASSWORD

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db

REQUEST = "/en/account/password-reset/"
CONFIRM = "/en/account/password-reset/code/"
NEW = "a-fresh-long-passphrase-7"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class FailingMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP is down")


def request_code(client, email, **extra):
    return client.post(REQUEST, {"email": email}, **extra)


def codes_sent(to=None):
    rows = OutboxMessage.objects.filter(template="password_reset_code").order_by("id")
    if to:
        rows = rows.filter(recipient=to)
    # Addresses no account may use get a note through the same template, without a code.
    return [row.context["code"] for row in rows if row.context["known"]]


def confirm(client, email, code, password=NEW, again=None):
    return client.post(
        CONFIRM,
        {
            "email": email,
            "code": code,
            "new_password1": password,
            "new_password2": again or password,
        },
    )


@pytest.fixture
def alice(configured_portal):
    return ContactFactory(user__email="alice@acme.example").user


def test_login_page_links_to_the_reset_page(client, portal):
    html = client.get("/en/account/login/").content.decode()
    assert 'href="/en/account/password-reset/"' in html
    assert client.get(REQUEST).status_code == 200


def test_C10_code_is_eight_characters_without_look_alikes():
    for _ in range(200):
        code = tokens.new_code()
        assert re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", code)
        assert not set(code) & set("0O1IL")


def test_C10_code_is_stored_hashed_and_mailed_with_a_link(client, alice):
    request_code(client, "alice@acme.example")
    (code,) = codes_sent("alice@acme.example")
    row = AccountToken.objects.get(user=alice)
    assert code.replace(" ", "") not in row.token_hash
    assert row.expires_at <= timezone.now() + timedelta(minutes=10)
    message = OutboxMessage.objects.get(template="password_reset_code")
    assert message.context["reset_url"] == f"{PUBLIC_BASE_URL}/en/account/password-reset/code/"


def answer(response):
    return (
        response.status_code,
        response["Location"],
        [str(m) for m in get_messages(response.wsgi_request)],
        sorted(response.cookies),
    )


@override_settings(TASKS=DUMMY_TASKS)
def test_C11_known_unknown_and_inactive_addresses_get_the_same_answer_and_task(portal):
    ContactFactory(user__email="alice@acme.example")
    ContactFactory(user__email="gone@acme.example", user__is_active=False)
    answers, tasks = [], []
    for email in ("alice@acme.example", "nobody@acme.example", "gone@acme.example"):
        default_task_backend.clear()
        answers.append(answer(request_code(Client(), email)))
        (result,) = default_task_backend.results
        tasks.append((result.task.name, sorted(result.kwargs)))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][:2] == (302, CONFIRM)
    assert tasks[0] == tasks[1] == tasks[2]


@override_settings(EMAIL_BACKEND="tests.helpdesk.accounts.test_password_reset.FailingMailBackend")
def test_C11_failing_mail_gives_the_same_answer(client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        failing = answer(request_code(Client(), "alice@acme.example"))
    unknown = answer(request_code(Client(), "nobody@acme.example"))
    assert failing == unknown
    sent = OutboxMessage.objects.get(template="password_reset_code", recipient="alice@acme.example")
    assert "SMTP is down" in sent.last_error


def test_full_reset_sets_the_password_logs_in_and_ends_other_sessions(client, alice):
    other = Client()
    other.force_login(alice)
    request_code(client, "ALICE@acme.example ")
    (code,) = codes_sent()
    client.get(CONFIRM)
    client.session.save()
    before = client.session.session_key

    response = confirm(client, "alice@acme.example", code.lower())  # case-insensitive

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert client.session[SESSION_KEY] == str(alice.pk)
    assert client.session.session_key != before
    other.get("/en/account/profile/")
    assert SESSION_KEY not in other.session
    assert OutboxMessage.objects.filter(template="password_changed").count() == 1
    assert not AccountToken.objects.filter(user=alice).exists()


def test_the_code_page_remembers_the_address(client, alice):
    request_code(client, "alice@acme.example")
    assert 'value="alice@acme.example"' in client.get(CONFIRM).content.decode()


def test_C10_code_expires_after_ten_minutes(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        request_code(client, "alice@acme.example")
        (code,) = codes_sent()
        clock.shift(timedelta(minutes=10, seconds=1))
        response = confirm(client, "alice@acme.example", code)
    assert response.status_code == 400
    assert "not valid or has expired" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_C10_code_is_single_use(client, alice):
    request_code(client, "alice@acme.example")
    (code,) = codes_sent()
    assert confirm(client, "alice@acme.example", code).status_code == 302
    response = confirm(Client(), "alice@acme.example", code, password="yet-another-passphrase")
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_C10_a_newer_code_kills_the_older(client, alice):
    request_code(client, "alice@acme.example")
    request_code(client, "alice@acme.example")
    first, second = codes_sent()
    assert confirm(client, "alice@acme.example", first).status_code == 400
    assert confirm(client, "alice@acme.example", second).status_code == 302


def test_C10_a_code_for_one_account_fails_for_another(client, alice):
    ContactFactory(user__email="bob@acme.example")
    request_code(client, "alice@acme.example")
    (code,) = codes_sent()
    assert confirm(client, "bob@acme.example", code).status_code == 400


def test_C10_a_password_change_kills_the_code(client, alice):
    request_code(client, "alice@acme.example")
    (code,) = codes_sent()
    from helpdesk.accounts.services import password_set

    password_set(user=alice, password="changed-elsewhere-123")
    assert confirm(client, "alice@acme.example", code).status_code == 400


def test_C09_five_wrong_guesses_kill_the_code(client, alice):
    request_code(client, "alice@acme.example")
    (code,) = codes_sent()
    for _ in range(reset.MAX_ATTEMPTS):
        assert confirm(client, "alice@acme.example", "ZZZZZZZZ").status_code == 400
    assert confirm(client, "alice@acme.example", code).status_code == 400
    assert AccountToken.objects.get(user=alice).attempts == reset.MAX_ATTEMPTS
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_weak_new_password_is_refused_by_djangos_validators(client, alice):
    request_code(client, "alice@acme.example")
    (code,) = codes_sent()
    response = confirm(client, "alice@acme.example", code, password="12345678")
    assert response.status_code == 400
    response = confirm(client, "alice@acme.example", code, password=NEW, again=NEW + "x")
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_C12_at_most_three_codes_per_account_and_hour_whatever_the_spelling(client, alice):
    spellings = ["alice@acme.example", "ALICE@acme.example", " alice@ACME.example "] * 3
    for number, email in enumerate(spellings):
        response = request_code(
            Client(), email, REMOTE_ADDR=f"10.0.0.{number}", HTTP_X_FORWARDED_FOR="1.2.3.4"
        )
        assert response.status_code == 302
    assert len(codes_sent("alice@acme.example")) == 3
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        from django.core.cache import cache

        cache.clear()  # locmem ignores the frozen clock; a new window starts empty
        request_code(Client(), "alice@acme.example")
    assert len(codes_sent("alice@acme.example")) == 4


@override_settings(PASSWORD_RESET_REQUESTS_PER_IP=5)
def test_C12_requests_are_limited_per_ip(portal):
    users = [ContactFactory().user for _ in range(7)]
    for user in users:
        request_code(Client(), user.email, REMOTE_ADDR="10.9.9.9")
    assert len(codes_sent()) == 5
    request_code(Client(), users[-1].email, REMOTE_ADDR="10.9.9.10")
    assert len(codes_sent()) == 6


def test_C13_unicode_look_alike_address_gets_no_code(client, portal):
    ContactFactory(user__email="mike@x.example")
    request_code(client, "m\u0131ke@x.example")  # dotless i
    request_code(client, "mike@x.example\u200b")
    assert codes_sent() == []
    request_code(client, " MIKE@x.example ")
    assert len(codes_sent()) == len(codes_sent("mike@x.example")) == 1


def test_contact_without_portal_access_gets_no_code(client, portal):
    ContactFactory(user__email="old@acme.example", portal_access=False)
    request_code(client, "old@acme.example")
    assert codes_sent() == []
    (note,) = OutboxMessage.objects.filter(recipient="old@acme.example")
    assert note.context["code"] == "" and not note.context["known"]


def test_staff_can_reset_too(client, portal):
    UserFactory(email="tech@example.com", is_staff=True)
    request_code(client, "tech@example.com")
    assert len(codes_sent("tech@example.com")) == 1


def test_reset_forms_need_csrf(portal):
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(REQUEST, {"email": "a@b.example"}).status_code == 403
    assert csrf_client.post(CONFIRM, {"email": "a@b.example"}).status_code == 403


@override_settings(TASKS=DUMMY_TASKS)
def test_C11_the_request_runs_the_same_queries_for_known_and_unknown_addresses(portal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ContactFactory(user__email="alice@acme.example")
    request_code(Client(), "warm-up@acme.example")  # fills the caches (site, settings) first
    counts = []
    for email in ("alice@acme.example", "nobody@acme.example"):
        with CaptureQueriesContext(connection) as queries:
            request_code(Client(), email)
        # Savepoint names and session keys differ; the statements must not.
        counts.append(
            [
                re.sub(r"'[^']*'", "?", re.sub(r'"s\d+_x\d+"', "sp", q["sql"]))
                for q in queries.captured_queries
            ]
        )
    assert counts[0] == counts[1]

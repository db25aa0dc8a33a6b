from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.factories import ContactFactory, UserFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/account/login/"
WRONG = "The e-mail address or password is not correct."


def login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_login_page_renders_in_the_portal_shell(client, portal):
    html = client.get(LOGIN).content.decode()
    assert 'type="email"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'class="brand-name"' in html


@pytest.mark.parametrize(
    "typed", ["alice@acme.example", "ALICE@Acme.Example", " Alice@acme.example "]
)
def test_login_by_email_is_case_insensitive(client, portal, typed):
    user = ContactFactory(user__email="alice@acme.example").user
    response = login(client, typed)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_wrong_password_and_unknown_email_get_the_same_answer(client, portal):
    ContactFactory(user__email="alice@acme.example")
    wrong_password = login(client, "alice@acme.example", "not-the-password")
    unknown = login(client, "nobody@acme.example")
    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    assert SESSION_KEY not in client.session


def test_inactive_user_cannot_log_in_and_is_told_nothing_more(client, portal):
    ContactFactory(user__email="gone@acme.example", user__is_active=False)
    response = login(client, "gone@acme.example")
    assert WRONG in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_keeps_the_email_typed_after_a_failure(client, portal):
    html = login(client, "alice@acme.example", "nope").content.decode()
    assert 'value="alice@acme.example"' in html


def test_login_follows_a_same_site_next(client, portal):
    ContactFactory(user__email="alice@acme.example")
    response = login(client, "alice@acme.example", next="/en/?welcome=1")
    assert response["Location"] == "/en/?welcome=1"


def test_login_ignores_a_foreign_next(client, portal):
    ContactFactory(user__email="alice@acme.example")
    response = login(client, "alice@acme.example", next="//evil.example/")
    assert response["Location"] == "/en/"


def test_login_switches_to_the_users_language(client, portal):
    ContactFactory(user__email="bob@acme.example", user__language="de")
    response = login(client, "bob@acme.example")
    assert response["Location"] == "/de/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"


def test_session_key_changes_at_login(client, portal):
    ContactFactory(user__email="alice@acme.example")
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    login(client, "alice@acme.example")
    assert client.session.session_key != before


def test_logout_needs_post(client, portal):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/en/account/logout/").status_code == 405
    assert client.session[SESSION_KEY] == str(user.pk)

    response = client.post("/en/account/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert SESSION_KEY not in client.session


def test_logout_without_csrf_token_is_refused(portal):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    csrf_client.force_login(user)
    assert csrf_client.post("/en/account/logout/").status_code == 403
    assert csrf_client.session[SESSION_KEY] == str(user.pk)


def test_wagtail_admin_login_takes_the_email_too(client, portal):
    UserFactory(email="tech@example.com", is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": "TECH@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- Hardening: lockout (C-17), `next` (C-25), session timeouts (C-16) -----------------------


def fail(client, email="alice@acme.example", times=5, ip="127.0.0.1"):
    for _ in range(times):
        response = login_from(client, email, ip, "not-the-password")
        assert response.status_code == 200
    return response


def login_from(client, email, ip, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_C17_five_failures_lock_with_the_wrong_password_message_until_the_cool_off(client, portal):
    import time_machine
    from django.utils import timezone

    user = ContactFactory(user__email="alice@acme.example").user
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(client, "ALICE@acme.example")  # lower-cased before axes counts it
        locked = login(client, "alice@acme.example")  # the right password, but locked
        assert locked.status_code == 200
        assert WRONG in locked.content.decode()
        assert SESSION_KEY not in client.session

        clock.shift(timedelta(minutes=14))
        login(client, "alice@acme.example")
        assert SESSION_KEY not in client.session  # still locked (and the cool-off restarts)

        clock.shift(timedelta(minutes=15, seconds=1))
        response = login(client, "alice@acme.example")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_C17_the_lock_is_per_username_and_ip(client, portal):
    ContactFactory(user__email="alice@acme.example")
    bob = ContactFactory(user__email="bob@acme.example").user
    fail(client, "alice@acme.example", ip="10.1.1.1")
    assert login_from(Client(), "alice@acme.example", "10.1.1.1").status_code == 200
    # The same person from another address, and another person from the same address, get in.
    assert login_from(Client(), "alice@acme.example", "10.1.1.2").status_code == 302
    response = login_from(Client(), "bob@acme.example", "10.1.1.1")
    assert response.status_code == 302
    assert response.wsgi_request.user == bob


def test_C17_a_success_resets_the_failure_count(client, portal):
    ContactFactory(user__email="alice@acme.example")
    fail(client, times=4)
    assert login(client, "alice@acme.example").status_code == 302
    client.post("/en/account/logout/")
    fail(client, times=4)
    assert login(client, "alice@acme.example").status_code == 302


def test_C17_the_admin_login_is_locked_too(client, portal):
    UserFactory(email="tech@example.com", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "tech@example.com", "password": "nope"})
    response = client.post("/admin/login/", {"username": "TECH@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_contact_without_portal_access_gets_the_wrong_password_message(client, portal):
    ContactFactory(user__email="old@acme.example", portal_access=False)
    response = login(client, "old@acme.example")
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert SESSION_KEY not in client.session


def test_staff_without_a_contact_logs_in_to_the_portal(client, portal):
    UserFactory(email="tech@example.com", is_staff=True)
    assert login(client, "tech@example.com").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "//evil.example/",
        "https:evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "%2F%2Fevil.example",
        "/%2F%2Fevil.example",
        "/%5Cevil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_C25_login_never_redirects_off_site(client, portal, target):
    ContactFactory(user__email="alice@acme.example")
    response = login(client, "alice@acme.example", next=target)
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_C25_a_foreign_next_in_the_query_string_is_not_offered_by_the_form(client, portal):
    html = client.get(LOGIN, {"next": "//evil.example"}).content.decode()
    assert '<input type="hidden" name="next" value="">' in html


def test_C16_idle_session_ends_after_the_idle_timeout(client, portal):
    import time_machine
    from django.utils import timezone

    ContactFactory(user__email="alice@acme.example")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(client, "alice@acme.example")
        clock.shift(timedelta(days=13))
        assert client.get("/en/account/profile/").status_code == 200
        clock.shift(timedelta(days=14, minutes=1))
        assert client.get("/en/account/profile/").status_code == 302


def test_C16_absolute_timeout_ends_even_an_active_session(client, portal):
    import time_machine
    from django.utils import timezone

    ContactFactory(user__email="alice@acme.example")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(client, "alice@acme.example")
        for _day in range(29):
            clock.shift(timedelta(days=1))
            assert client.get("/en/account/profile/").status_code == 200
        clock.shift(timedelta(days=1, minutes=1))
        assert client.get("/en/account/profile/").status_code == 302


def test_C16_cookies_are_httponly_and_lax_and_timeouts_default_to_2_weeks_and_30_days():
    from django.conf import settings as active

    assert active.SESSION_COOKIE_HTTPONLY
    assert active.SESSION_COOKIE_SAMESITE == "Lax"
    assert active.SESSION_IDLE_TIMEOUT == 14 * 24 * 3600
    assert active.SESSION_ABSOLUTE_TIMEOUT == 30 * 24 * 3600


def test_C17_the_api_token_door_is_locked_too_with_its_usual_answer(client, portal, monkeypatch):
    from helpdesk.api.auth import ObtainTokenView

    # DRF reads throttle rates once per process; this test is about axes, not the throttle.
    monkeypatch.setattr(ObtainTokenView, "throttle_classes", [])
    ContactFactory(user__email="alice@acme.example")
    url = "/api/v1/auth/token/"
    for _ in range(5):
        response = client.post(url, {"email": "Alice@acme.example", "password": "nope"})
        assert response.status_code == 400
    locked = client.post(url, {"email": "alice@acme.example", "password": PASSWORD})
    assert locked.status_code == 400
    assert locked.json()["error"]["code"] == response.json()["error"]["code"]

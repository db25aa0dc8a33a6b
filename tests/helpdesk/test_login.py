import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY

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

import pytest
from django.test import Client

from helpdesk.models import AccountToken, OutboxMessage
from tests.factories import ContactFactory
from tests.factories.helpdesk import PASSWORD

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db

PROFILE = "/en/account/profile/"


@pytest.fixture
def alice(configured_portal):
    return ContactFactory(user__email="alice@acme.example", user__language="fr").user


def ask(client, new_email, password=PASSWORD):
    return client.post(
        PROFILE, {"action": "email", "new_email": new_email, "current_password": password}
    )


def confirm_path():
    url = OutboxMessage.objects.get(template="email_change_confirm").context["confirm_url"]
    assert url.startswith(f"{PUBLIC_BASE_URL}/fr/account/email/")
    return url.removeprefix(PUBLIC_BASE_URL)


def test_C15_email_change_needs_the_current_password(client, alice):
    client.force_login(alice)
    assert ask(client, "new@acme.example", password="wrong-password").status_code == 400
    assert not OutboxMessage.objects.filter(template="email_change_confirm").exists()


def test_C15_the_change_waits_for_the_link_sent_to_the_new_address(client, alice):
    client.force_login(alice)
    assert ask(client, "New@Acme.example").status_code == 302
    mail = OutboxMessage.objects.get(template="email_change_confirm")
    assert mail.recipient == "new@acme.example"
    assert mail.language == "fr"
    alice.refresh_from_db()
    assert alice.email == "alice@acme.example"  # not yet

    path = confirm_path()
    assert client.get(path).status_code == 200
    alice.refresh_from_db()
    assert alice.email == "alice@acme.example"  # a GET (mail scanner) changes nothing

    assert client.post(path).status_code == 302
    alice.refresh_from_db()
    assert alice.email == "new@acme.example"
    notice = OutboxMessage.objects.get(template="email_changed")
    assert notice.recipient == "alice@acme.example"
    assert notice.context["new_email"] == "new@acme.example"


def test_C15_the_link_works_once(client, alice):
    client.force_login(alice)
    ask(client, "new@acme.example")
    path = confirm_path()
    client.post(path)
    assert Client().post(path).status_code == 404


def test_C15_an_address_in_use_gets_no_link_and_the_same_answer(client, alice):
    ContactFactory(user__email="bob@acme.example")
    client.force_login(alice)
    taken = ask(client, "BOB@acme.example")
    free = ask(client, "free@acme.example")
    assert taken.status_code == free.status_code == 302
    sent = OutboxMessage.objects.filter(template="email_change_confirm").order_by("id")
    # The owner of the address in use is told that nothing changed: no link, no token.
    assert [(m.recipient, m.context["in_use"]) for m in sent] == [
        ("bob@acme.example", True),
        ("free@acme.example", False),
    ]
    assert "confirm_url" not in sent[0].context and "confirm_url" in sent[1].context
    assert list(AccountToken.objects.filter(user=alice).values_list("new_email", flat=True)) == [
        "free@acme.example"
    ]


def test_C10_an_email_change_kills_a_pending_reset_code(client, alice):
    from helpdesk.accounts.reset import request_code

    request_code(email=alice.email)
    client.force_login(alice)
    ask(client, "new@acme.example")
    client.post(confirm_path())
    assert not AccountToken.objects.filter(user=alice, purpose="password_reset").exists()


def test_email_change_form_is_on_the_profile_page(client, alice):
    client.force_login(alice)
    html = client.get(PROFILE).content.decode()
    assert 'name="new_email"' in html and 'value="email"' in html

"""C-37: one sign-in rule at every door (security round 2, finding 4). A contact whose portal
access was withdrawn (or whose customer was switched off) still logged in through Wagtail's
page-privacy login (`/<lang>/_util/login/`) and the admin's login, reaching *My profile*: the
rule lived in the portal's form only. It now sits in the login backend (every form, the API's
token endpoint, the session of every request) and in the API's token authentication."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import ContactFactory, UserFactory, api_token
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_DOORS = {
    "portal": ("/en/account/login/", "username"),
    "page privacy": ("/en/_util/login/", "username"),
    "admin": ("/admin/login/", "username"),
}


def withdraw(contact, how):
    if how == "portal access":
        contact.portal_access = False
        contact.save()
    else:
        contact.customer.is_active = False
        contact.customer.save()


@pytest.fixture(params=["portal access", "customer"])
def withdrawn(request, portal):
    contact = ContactFactory(user__email="dave@initech.example")
    contact.withdraw = lambda: withdraw(contact, request.param)
    return contact


@pytest.mark.parametrize("door", LOGIN_DOORS)
def test_C37_no_login_form_signs_in_a_withdrawn_contact(withdrawn, door):
    withdrawn.withdraw()
    path, field = LOGIN_DOORS[door]
    client = Client()
    client.get(path)
    client.post(path, {field: withdrawn.user.email, "password": PASSWORD})

    assert SESSION_KEY not in client.session
    assert client.get("/en/account/profile/").status_code == 302


def test_C37_an_open_session_ends_when_access_is_withdrawn(withdrawn):
    client = Client()
    assert (
        client.post(
            "/en/account/login/", {"username": withdrawn.user.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    assert client.get("/en/account/profile/").status_code == 200
    withdrawn.withdraw()

    assert client.get("/en/account/profile/").status_code == 302
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_C37_an_api_token_stops_working_when_access_is_withdrawn(withdrawn):
    api = APIClient(HTTP_AUTHORIZATION=f"Token {api_token(withdrawn.user)}")
    assert api.get("/api/v1/me/").status_code == 200
    withdrawn.withdraw()

    refused = api.get("/api/v1/me/")
    assert refused.status_code == 401
    assert withdrawn.user.email not in refused.content.decode()
    login = APIClient().post(
        "/api/v1/auth/token/",
        {"email": withdrawn.user.email, "password": PASSWORD},
        format="json",
    )
    assert login.status_code == 400


def test_C37_staff_without_a_contact_still_sign_in(portal):
    staff = UserFactory(email="tess@helpdesk.example", is_staff=True)
    client = Client()
    client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert client.session[SESSION_KEY] == str(staff.pk)

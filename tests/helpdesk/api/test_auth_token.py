import pytest
from rest_framework.test import APIClient
from wagtail.models import APIToken

from tests.factories import ContactFactory, CustomerFactory, UserFactory
from tests.factories.helpdesk import PASSWORD

from .conftest import same_answer_headers

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def api():
    return APIClient()


def test_token_is_issued_for_email_and_password(api):
    user = ContactFactory(user__email="alice@acme.example").user
    response = api.post(TOKEN_URL, {"email": "Alice@ACME.example", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expires_at"}
    # Only a hash is stored, under the user; the key in the answer finds it.
    (stored,) = APIToken.objects.filter(user=user)
    assert body["token"] not in {stored.key_hash, stored.prefix}
    assert stored.key_hash in APIToken.candidate_key_hashes(body["token"])


def test_the_token_authenticates_api_calls(api):
    ContactFactory(user__email="alice@acme.example")
    key = api.post(TOKEN_URL, {"email": "alice@acme.example", "password": PASSWORD}).json()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key['token']}")
    assert api.get("/api/v1/").status_code == 200


def test_unknown_email_is_answered_exactly_as_a_wrong_password(api):
    UserFactory(email="alice@acme.example")
    wrong = api.post(TOKEN_URL, {"email": "alice@acme.example", "password": "wrong-password"})
    unknown = api.post(TOKEN_URL, {"email": "nobody@acme.example", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.content == unknown.content
    assert wrong.json() == {
        "error": {
            "code": "invalid_credentials",
            "message": "The e-mail address or password is not correct.",
            "fields": {},
        }
    }
    assert APIToken.objects.count() == 0


def test_staff_get_a_token(api):
    UserFactory(email="tom@helpdesk.example", is_staff=True)
    response = api.post(TOKEN_URL, {"email": "tom@helpdesk.example", "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "make_account",
    [
        pytest.param(lambda: ContactFactory(portal_access=False).user, id="no-portal-access"),
        pytest.param(lambda: ContactFactory(user__is_active=False).user, id="inactive-user"),
        pytest.param(
            lambda: ContactFactory(customer=CustomerFactory(is_active=False)).user,
            id="inactive-customer",
        ),
        pytest.param(lambda: UserFactory(), id="neither-contact-nor-staff"),
    ],
)
def test_C11_no_token_without_portal_access_and_the_same_answer_as_a_wrong_password(
    api, make_account
):
    user = make_account()
    refused = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD})
    ContactFactory(user__email="alice@acme.example")
    wrong = api.post(TOKEN_URL, {"email": "alice@acme.example", "password": "wrong-password"})
    assert refused.status_code == wrong.status_code == 400
    assert refused.content == wrong.content
    assert same_answer_headers(refused) == same_answer_headers(wrong)
    assert APIToken.objects.count() == 0


def test_missing_fields_are_named_in_the_error(api):
    response = api.post(TOKEN_URL, {"email": "not-an-email"})
    body = response.json()["error"]
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"email", "password"}


def test_anonymous_call_gets_401_in_the_error_shape(api):
    response = api.get("/api/v1/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "error": {
            "code": "not_authenticated",
            "message": "Authentication credentials were not provided.",
            "fields": {},
        }
    }


def test_a_bad_token_gets_401_in_the_error_shape(api):
    api.credentials(HTTP_AUTHORIZATION="Token nonsense")
    response = api.get("/api/v1/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_token_endpoint_is_throttled(api, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    # The class keeps the rates it read at import; monkeypatch puts them back afterwards (the
    # rates of this test once stayed for the rest of the test process: 429s elsewhere).
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/minute"})
    codes = [
        api.post(TOKEN_URL, {"email": "x@example.org", "password": "x"}).status_code
        for _ in range(3)
    ]
    third = api.post(TOKEN_URL, {"email": "x@example.org", "password": "x"})
    assert codes == [400, 400, 429]
    assert third.json()["error"]["code"] == "throttled"
    assert "Retry-After" in third


def test_schema_and_docs_are_served_without_the_internet(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert "/api/v1/auth/token/" in schema.content.decode()
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn.jsdelivr.net" not in docs and "unpkg.com" not in docs

"""Structured logs (cms.core.logs): every line of a request carries its id (returned as
X-Request-ID), the user id and the portal; sign-ins, resets, tokens and refusals are security
events; and no password, code, token, key or e-mail address ever reaches a line."""

import io
import json
import logging

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from cms.core.logs.fields import PortalJsonFormatter, RequestContextFilter
from helpdesk.accounts import reset
from helpdesk.models import OutboxMessage
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/account/login/"
NEW_PASSWORD = "a-new-and-long-passphrase-42"


@pytest.fixture
def log_lines():
    """Every record of every logger, as the production handler writes it (JSON)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(PortalJsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line]
    root.removeHandler(handler)
    root.setLevel(old_level)


def events(lines):
    return [line for line in lines if line["logger"] == "portal.security"]


def test_a_request_has_an_id_in_its_lines_and_its_answer(client, contact, log_lines):
    response = client.post(LOGIN, {"username": contact.user.email, "password": "wrong-one-1"})
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [failed] = [e for e in events(log_lines()) if e["event"] == "login_failed"]
    assert failed["request_id"] == request_id
    assert failed["level"] == "WARNING" and failed["door"] == "portal"
    assert failed["portal"] == "testserver" and failed["time"].endswith("+00:00")


def test_the_request_id_of_a_trusted_proxy_is_kept_and_a_forged_one_is_not(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-4f2a.77")["X-Request-ID"] == "lb-4f2a.77"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x", "level": "fake')["X-Request-ID"]
    assert len(forged) == 32 and '"' not in forged
    settings.TRUSTED_PROXY_COUNT = 0
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-4f2a.77")["X-Request-ID"] != "lb-4f2a.77"


def test_sign_in_reset_and_tokens_are_security_events_with_ids_only(client, contact, log_lines):
    user = contact.user
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    client.post("/en/account/profile/", {"action": "create_token", "name": "laptop"})
    reset.request_code(email=user.email)
    reset.request_code(email="nobody@nowhere.example")
    code = OutboxMessage.objects.get(template="password_reset_code", context__known=True)
    reset.reset_with_code(email=user.email, code=code.context["code"], password=NEW_PASSWORD)

    seen = [(e["event"], e["subject_user_id"]) for e in events(log_lines())]
    assert ("login_succeeded", user.pk) in seen
    assert ("api_token_created", user.pk) in seen
    assert ("password_reset_requested", user.pk) in seen
    assert ("password_reset_requested", None) in seen  # an unknown address: no id, no address
    assert ("password_reset_used", user.pk) in seen
    assert ("password_changed", user.pk) in seen


def test_a_refused_ticket_is_logged_like_a_missing_one(client, contact, log_lines):
    client.force_login(contact.user)
    assert client.get("/en/tickets/999999/").status_code == 404
    [refused] = [e for e in events(log_lines()) if e["event"] == "object_refused"]
    assert refused["kind"] == "ticket" and refused["user_id"] == contact.user.pk


def test_no_secret_ever_reaches_a_log_line(client, contact, log_lines):
    user = contact.user
    # A password typed into the name field, a wrong and a right password, a token, a reset.
    client.post(LOGIN, {"username": PASSWORD, "password": PASSWORD})
    client.post(LOGIN, {"username": user.email, "password": "wrong-but-secret-9"})
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    page = client.post("/en/account/profile/", {"action": "create_token", "name": "ci"})
    key = page.context["new_key"]
    client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    reset.request_code(email=user.email)
    code = OutboxMessage.objects.get(template="password_reset_code").context["code"]
    with pytest.raises(ValidationError):
        reset.reset_with_code(email=user.email, code="ZZZZ ZZZZ", password=NEW_PASSWORD)
    reset.reset_with_code(email=user.email, code=code, password=NEW_PASSWORD)

    text = "\n".join(json.dumps(line) for line in log_lines())
    assert "login_failed" in text and "password_reset_used" in text  # the run was logged
    secrets = [
        PASSWORD,
        "wrong-but-secret-9",
        NEW_PASSWORD,
        key,
        code,
        code.replace(" ", ""),
        settings.SECRET_KEY,
        user.email,
        client.cookies["sessionid"].value,
    ]
    assert [secret for secret in secrets if secret and secret in text] == []

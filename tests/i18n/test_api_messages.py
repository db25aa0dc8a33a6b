"""API error messages follow Accept-Language like the pages do (SPEC §5: every error message
in every language): no English UI text in a de/fr/es/it error answer."""

import pytest

from tests.factories import ContactFactory

from .catalogs import LANGUAGES
from .leaks import LeakFinder

pytestmark = pytest.mark.django_db


def messages(body):
    """Every message of the API's error shape {"error": {"code", "message", "fields"}}."""
    error = body["error"]
    texts = [error["message"]]
    stack = [error.get("fields") or {}]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            texts.append(str(item))
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_api_errors_are_in_the_requested_language(client, portal, language):
    client.force_login(ContactFactory().user)
    answers = {
        "unknown ticket": client.get("/api/v1/tickets/999999/", HTTP_ACCEPT_LANGUAGE=language),
        "invalid ticket": client.post(
            "/api/v1/tickets/",
            {"title": "", "priority": "nope", "secret_field": "x"},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        ),
        "bad filter": client.get("/api/v1/tickets/?scope=nope", HTTP_ACCEPT_LANGUAGE=language),
    }
    finder = LeakFinder(language)
    found = {}
    for name, response in answers.items():
        assert response.status_code in (400, 404), (name, response.status_code)
        leaks = finder.leaks(messages(response.json()))
        if leaks:
            found[name] = leaks
    assert found == {}

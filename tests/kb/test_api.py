"""/api/v1/kb/articles/: the one reading policy over the API (C-27), the API's error shape."""

import pytest

from tests.factories import ContactFactory, CustomerFactory, PortalFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/kb/articles/"


def titles(response):
    return [item["title"] for item in response.json()["results"]]


def test_anonymous_callers_get_401_in_the_error_shape(client, kb):
    response = client.get(LIST)
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_C27_suggestions_return_only_readable_articles(client, kb, globex_user, acme_user):
    client.force_login(globex_user)
    for language in ("en", "de", "it"):
        response = client.get(LIST, {"q": "gateway", "lang": language})
        assert response.status_code == 200 and titles(response) == []
    assert titles(client.get(LIST, {"q": "vpn"})) == ["Connect to the VPN"]
    assert "Acme gateway addresses" not in titles(client.get(LIST))
    client.force_login(acme_user)
    assert titles(client.get(LIST, {"q": "gateway"})) == ["Acme gateway addresses"]


def test_suggestions_are_in_the_requested_language(client, kb, globex_user):
    client.force_login(globex_user)
    result = client.get(LIST, {"q": "vpn", "lang": "de", "limit": 5}).json()["results"]
    assert [item["language"] for item in result] == ["de"]
    assert result[0]["url"] == "/de/kb/network/vpn/connect-to-the-vpn/"


def test_C27_article_detail_is_404_when_unreadable(client, kb, globex_user, acme_user):
    client.force_login(globex_user)
    response = client.get(f"{LIST}{kb.secret.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get(f"{LIST}{kb.article.pk}/").status_code == 200
    client.force_login(acme_user)
    data = client.get(f"{LIST}{kb.secret.pk}/").json()
    assert data["attachments"][0]["title"] == "acme-gateways.pdf"


def test_C27_initech_contact_reads_nothing_of_the_main_portal(client, kb):
    initech = PortalFactory(hostname="support.initech.localhost")
    dave = ContactFactory(customer=CustomerFactory(name="Initech", portal=initech)).user
    client.force_login(dave)
    assert titles(client.get(LIST)) == []
    assert client.get(f"{LIST}{kb.article.pk}/").status_code == 404


@pytest.mark.parametrize("query", ['"', "(((", "a" * 200, "\\' OR 1=1"])
def test_C30_odd_queries_answer_200(client, kb, globex_user, query):
    client.force_login(globex_user)
    assert client.get(LIST, {"q": query}).status_code == 200


def test_C30_a_very_long_query_is_a_400(client, kb, globex_user):
    client.force_login(globex_user)
    response = client.get(LIST, {"q": "x" * 100_000})
    assert response.status_code == 400
    assert "q" in response.json()["error"]["fields"]


def test_the_new_ticket_page_calls_the_suggestions_endpoint(client, globex_user):
    client.force_login(globex_user)
    html = client.get("/en/tickets/new/").content.decode()
    assert 'data-kb-suggest="/api/v1/kb/articles/"' in html
    assert 'data-for="id_title"' in html
    from pathlib import Path

    from django.contrib.staticfiles import finders

    script = Path(finders.find("helpdesk/tickets.js")).read_text(encoding="utf-8")
    assert "[data-kb-suggest]" in script and "textContent = article.title" in script

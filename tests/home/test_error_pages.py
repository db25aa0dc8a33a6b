import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_404_is_the_portals_own_page(client, portal):
    response = client.get("/en/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'class="brand-name"' in html  # rendered inside the portal shell
    assert 'href="/en/"' in html


def test_404_is_translated(client, portal):
    response = client.get("/de/no-such-page/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_500_is_the_portals_own_page_without_details(portal, settings):
    settings.ROOT_URLCONF = "tests.home.urls_failing"
    response = Client(raise_request_exception=False).get("/en/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html


def test_unknown_api_path_answers_in_the_api_error_shape(client, portal):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "fields": {}}
    }


def test_api_server_error_answers_json_without_details(portal, settings):
    settings.ROOT_URLCONF = "tests.home.urls_failing"
    response = Client(raise_request_exception=False).get("/api/boom/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "RuntimeError" not in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing/", "/documents/99999/nothing.pdf"])
def test_unprefixed_areas_answer_404_instead_of_redirecting_into_a_language(client, portal, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Location" not in response


def test_pages_for_a_logged_in_person_are_never_kept_by_shared_caches(client, portal):
    from tests.factories import ContactFactory

    assert "private" not in client.get("/en/").get("Cache-Control", "")
    client.force_login(ContactFactory().user)
    for path in ("/en/", "/en/tickets/", "/en/tickets/new/"):
        cache_control = client.get(path)["Cache-Control"]
        assert "private" in cache_control and "no-cache" in cache_control, path


def test_a_post_to_an_unknown_api_path_is_the_json_404_not_a_csrf_page(portal):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/api/v1/kb/articles/null,null/rating/", {"helpful": "no"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"

"""SECURITY C-32: failures answer a generic page or JSON error, never a traceback."""

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.security.urls_failing"


def test_C32_database_down_is_a_503_page_without_details(portal, failing_urls):
    response = Client(raise_request_exception=False).get("/en/db-down/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Temporarily unavailable" in html
    assert "OperationalError" not in html and "Traceback" not in html
    assert "could not connect" not in html


def test_C32_database_down_is_a_503_json_error_on_the_api(portal, failing_urls):
    response = Client(raise_request_exception=False).get("/api/db-down/")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
    assert "could not connect" not in response.content.decode()


def test_C32_other_failures_stay_a_generic_500(portal, failing_urls):
    response = Client(raise_request_exception=False).get("/en/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_C32_the_503_page_is_translated(portal, failing_urls):
    response = Client(raise_request_exception=False).get("/de/db-down/")
    assert "Vorübergehend nicht verfügbar" in response.content.decode()


def test_fault_urls_really_fail():
    """Control: the stand-in view raises what the tests above claim it raises."""
    from tests.security.urls_failing import database_down

    with pytest.raises(OperationalError):
        database_down(None)

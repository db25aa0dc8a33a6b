"""What `make run` shows a person who mistypes an address: the portal's own 404 page, in their
language, never Django's debug page (which lists every URL pattern of the site), with the
portal's styles still served (runserver --insecure). SQLite: `make run`'s database."""

import pytest
import requests
from django.db import connection

from tests.live_sqlite import serve_a_copy

pytestmark = [
    pytest.mark.django_db,  # so that the test database exists to be copied
    pytest.mark.subprocess,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="make run serves SQLite"),
]


@pytest.fixture(scope="module")
def make_run(django_db_setup, django_db_blocker, tmp_path_factory):
    server = serve_a_copy(django_db_blocker, tmp_path_factory.mktemp("make-run"), world=False)
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Page not found"), ("de", "Seite nicht gefunden")]
)
def test_a_missing_page_is_the_portals_404_not_djangos_debug_page(make_run, language, heading):
    response = requests.get(f"{make_run.url}/{language}/no-such-page/", timeout=30)
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in response.text
    assert "Using the URLconf" not in response.text and "DEBUG = True" not in response.text
    assert "api/v1/" not in response.text  # no URL pattern of the site is listed


def test_the_portals_styles_are_served(make_run):
    response = requests.get(f"{make_run.url}/static/home/portal.css", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")

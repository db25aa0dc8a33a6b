"""The meta-test of the permission matrix: every route the resolver knows has a row (or falls
under the explicit admin family rule), every row names a real route and its URL lands on it,
every page type and routable-page route has a row; and the admin family rule itself is run."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from .matrix import ADMIN_FAMILY_PREFIX, ADMIN_FAMILY_ROLES, ADMIN_PUBLIC, PAGE_ROUTES, ROWS
from .test_permission_matrix import ALL_MARKERS, fill, placeholders
from .urls_walk import routes, sample_url


def plain(route):
    """Django drops the `^`/`$` of nested regex patterns when it joins a match's route."""
    return route.replace("^", "").replace("$", "")


def row_routes():
    return {route for row in ROWS for route in row.routes}


def admin_family():
    """Admin routes the family rule covers: no row of their own and not public."""
    own = row_routes()
    return [
        route
        for route, _pattern in routes()
        if route.startswith(ADMIN_FAMILY_PREFIX) and route not in own and route not in ADMIN_PUBLIC
    ]


def test_every_url_pattern_has_a_matrix_row():
    covered = row_routes()
    missing = [
        route
        for route, _pattern in routes()
        if route not in covered and not route.startswith(ADMIN_FAMILY_PREFIX)
    ]
    assert not missing, f"routes without a row in tests/security/matrix.py: {missing}"


def test_the_walk_reaches_every_kind_of_pattern():
    """Control: the walker really descends into i18n_patterns, Wagtail, the DRF router, the
    helpdesk's admin hooks and wagtail-localize (else the test above would pass on nothing)."""
    found = {route for route, _pattern in routes()}
    for expected in (
        "<lang>/tickets/<dbid:number>/",
        "<lang>/^((?:[\\w\\-]+/)*)$",
        "api/v1/^tickets/(?P<number>[^/]+)/$",
        "admin/helpdesk/tickets/<dbid:number>/",
        "documents/^(\\d+)/(.*)$",
    ):
        assert expected in found
    assert any(route.startswith("admin/localize/") for route in found)
    assert len(admin_family()) > 200


def test_rows_and_public_admin_entries_name_real_routes():
    known = {route for route, _pattern in routes()}
    assert row_routes() <= known, sorted(row_routes() - known)
    assert set(ADMIN_PUBLIC) <= known, sorted(set(ADMIN_PUBLIC) - known)
    assert len({row.id for row in ROWS}) == len(ROWS), "row ids must be unique"


@pytest.mark.django_db
def test_every_row_url_lands_on_the_route_it_claims(security_world):
    values = placeholders(security_world)
    wrong = []
    for row in ROWS:
        path = urlsplit(fill(row.path, values)).path
        route = resolve(path).route
        if route.startswith("en/"):
            route = "<lang>/" + route.removeprefix("en/")
        if plain(route) not in {plain(claimed) for claimed in row.routes}:
            wrong.append((row.id, path, route))
    assert not wrong


def test_every_page_type_and_page_route_has_a_row():
    row_ids = {row.id for row in ROWS}
    missing = []
    for model in get_page_models():
        subroutes = [None]
        if issubclass(model, RoutablePageMixin):
            subroutes = {str(pattern.pattern) for pattern in model.get_subpage_urls()}
        for subroute in subroutes:
            if PAGE_ROUTES.get((model._meta.label, subroute)) not in row_ids:
                missing.append((model._meta.label, subroute))
    assert not missing, f"page types/routes without a row (PAGE_ROUTES in matrix.py): {missing}"


def _refused_without_data(response):
    body = response.content.decode(errors="replace") if not response.streaming else ""
    return (
        response.status_code == 302
        and urlsplit(response["Location"]).path == "/admin/login/"
        and not any(marker in body for marker in ALL_MARKERS)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ADMIN_FAMILY_ROLES)
def test_C01_admin_family_refuses_non_staff(security_world, role):
    """The family rule of matrix.py: every admin route without a row of its own sends the
    non-staff roles to the admin login, for GET and (anonymous) POST, with no data."""
    client = Client()
    if role != "anon":
        client.force_login(security_world.users[role])
    failures = []
    for route in admin_family():
        url = sample_url(route)
        methods = (client.get, client.post) if role == "anon" else (client.get,)
        for method in methods:
            response = method(url)
            if not _refused_without_data(response):
                failures.append((method.__name__, url, response.status_code))
    assert not failures


@pytest.mark.django_db
def test_public_admin_pages_hold_no_data(security_world):
    client = Client(raise_request_exception=False)
    for route in ADMIN_PUBLIC:
        response = client.get(sample_url(route))
        assert response.status_code < 500, route
        assert not any(marker in response.content.decode() for marker in ALL_MARKERS), route

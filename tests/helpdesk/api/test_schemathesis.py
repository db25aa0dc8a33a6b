"""Property-based API testing with schemathesis: every operation of /api/schema/, at least 50
generated requests each, as a contact and as a technician, in-process through WSGI. No 5xx,
and every answer (status, content type, headers, body) matches the schema.

PostgreSQL only: it is the production database, and the one that refuses what SQLite lets
through (NUL characters, integer overflow, JSON edge cases). CI runs it there."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis import checks

from helpdesk.api.throttling import FixedWindowThrottle

from .conftest import client_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="schemathesis runs on PostgreSQL only (set DATABASE_URL=postgres://…); "
    "CI runs it in the PostgreSQL pass",
)

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,  # the same requests on every run: a failure reproduces
    suppress_health_check=list(HealthCheck),
)


def _load_schema():
    """The schema /api/schema/ serves, generated in-process (no request, no database, so it
    can be built while pytest collects), bound to the WSGI application."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    loaded.app = get_wsgi_application()
    return loaded


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # A bare WSGI call closes the database connection when the request ends (Django's test
    # client switches that off); here it would end the test's transaction under our feet.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    # Hundreds of requests a minute are the point here; throttling has its own test.
    for throttle in (SimpleRateThrottle, FixedWindowThrottle):
        monkeypatch.setattr(throttle, "allow_request", lambda self, request, view: True)


schema = _load_schema()


def _aim(case, world):
    """Point half of the generated ids at real tickets and files, so that reads and writes
    reach existing (visible and invisible) objects, not only 404s."""
    params = case.path_parameters or {}
    tickets = [world.tA1, world.tA2, world.tB1]
    number = params.get("number")
    if isinstance(number, int) and number % 2 == 0:
        params["number"] = tickets[number // 2 % 3].number
    ident = params.get("id")
    if isinstance(ident, int) and ident % 2 == 0:
        params["id"] = list(world.files.values())[ident // 2 % 3].pk


def _run(case, world, user):
    _aim(case, world)
    token = client_for(user)._credentials["HTTP_AUTHORIZATION"]
    case.call_and_validate(headers={"Authorization": token}, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_a_contact(case, world):
    _run(case, world, world.A_main)


@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_a_technician(case, world):
    _run(case, world, world.staff)

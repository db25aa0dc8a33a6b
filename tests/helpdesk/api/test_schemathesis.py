"""Property-based API testing with schemathesis: every operation of /api/schema/, at least 50
generated requests each, as a contact and as a technician, in-process through WSGI. No 5xx,
and every answer (status, content type, headers, body) matches the schema. Then the same
stateful: sequences of calls that feed what one answer returned (a new ticket's number, a
reply, a next-page cursor) into the next, valid and invalid values alike (C-41).

The per-operation fuzz runs on PostgreSQL only: it is the production database, and the one
that refuses what SQLite lets through (NUL characters, JSON edge cases). The call sequences
run on both: SQLite refuses what PostgreSQL lets through (integers beyond 64 bits)."""

import datetime
import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.throttling import SimpleRateThrottle
from schemathesis import checks

from helpdesk.api.throttling import FixedWindowThrottle
from helpdesk.tickets.query import encode_cursor

from .conftest import client_for

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the per-operation fuzz runs on PostgreSQL only (set DATABASE_URL=postgres://…); "
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


# What the fuzz knows beyond the schema (C-41): integers meet a database column, so values
# around its end are worth trying; a cursor is base64 JSON of (sort value, id), so the fuzz
# makes real ones with extreme dates and offsets instead of random text that only says 400.
DB_INT = {"format": "int64", "maximum": 2**63 - 1}
OFFSETS = [datetime.UTC, *(datetime.timezone(datetime.timedelta(hours=h)) for h in (14, -14))]
# The calendar's ends at the extreme offsets: the classic boundary values of a date input.
BOUNDARY_MOMENTS = [
    moment.replace(tzinfo=offset).isoformat()
    for moment in (datetime.datetime.min, datetime.datetime.max)
    for offset in OFFSETS
]
schemathesis.openapi.format(
    "ticket-cursor",
    st.builds(
        lambda value, last_id: encode_cursor([value, last_id]),
        st.one_of(
            st.sampled_from(BOUNDARY_MOMENTS),
            st.datetimes(timezones=st.sampled_from(OFFSETS)).map(datetime.datetime.isoformat),
            st.integers(),
            st.none(),
        ),
        st.integers(),
    ),
)


def _with_known_formats(document):
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["schema"].get("type") == "integer":
                    parameter["schema"] = {**DB_INT, **parameter["schema"]}
                if parameter["name"] == "cursor":
                    parameter["schema"]["format"] = "ticket-cursor"
    return document


def _load_schema():
    """The schema /api/schema/ serves, generated in-process (no request, no database, so it
    can be built while pytest collects), bound to the WSGI application."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    document = _with_known_formats(json.loads(OpenApiJsonRenderer().render(document)))
    loaded = schemathesis.openapi.from_dict(document)
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


@POSTGRESQL_ONLY
@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_a_contact(case, world):
    _run(case, world, world.A_main)


@POSTGRESQL_ONLY
@schema.parametrize()
@FUZZ
def test_the_api_holds_its_schema_for_a_technician(case, world):
    _run(case, world, world.staff)


STATEFUL = settings(
    max_examples=100,
    stateful_step_count=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


class Workflow(schema.as_state_machine()):
    """Calls chained by the links schemathesis infers from the schema (a created ticket's
    number into reading, replying to, closing it; a list's cursor into the next page)."""

    authorization = None  # set per test: the caller's token header

    def setup(self):
        # Each scenario starts from the same data (Hypothesis replays and shrinks scenarios;
        # tickets left by an earlier one would change what the links find).
        self.savepoint = transaction.savepoint()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def get_call_kwargs(self, case):
        return {"headers": {"Authorization": self.authorization}}

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)


def _run_workflows(user):
    Workflow.authorization = client_for(user)._credentials["HTTP_AUTHORIZATION"]
    Workflow.run(settings=STATEFUL)


def test_call_sequences_hold_the_schema_for_a_contact(world):
    _run_workflows(world.A_main)


def test_call_sequences_hold_the_schema_for_a_technician(world):
    _run_workflows(world.staff)

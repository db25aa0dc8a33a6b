"""Guards added to the shared selectors/query for input the API lets anyone send: numbers
beyond a database integer, tampered cursors and non-finite numbers answer 404/400, never 500."""

import base64
import json

import pytest

from helpdesk.tickets.field_schema import field_schema_for
from helpdesk.tickets.query import QueryError, encode_cursor, ticket_page
from helpdesk.tickets.selectors import (
    attachment_visible_to,
    tickets_visible_to,
    visible_ticket_or_none,
)
from tests.factories import CustomFieldFactory

from .conftest import error_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [2**63, 10**30, -1, 0, "1e5", None])
def test_C01_selectors_treat_out_of_range_ids_as_missing(world, value):
    assert visible_ticket_or_none(world.staff, value) is None
    assert attachment_visible_to(world.staff, value) is None


def _cursor(values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("ordering", "values"),
    [
        ("-updated", [123, 1]),
        ("-updated", ["not a date", 1]),
        ("number", ["x", 1]),
        ("number", [1, "x"]),
        ("number", [1, 2**70]),
        ("number", [True, 1]),
        ("priority", [{"a": 1}, 1]),
    ],
)
def test_tampered_cursors_are_400(world, ordering, values):
    response = world.client("A1").get(
        f"/api/v1/tickets/?ordering={ordering}&cursor={_cursor(values)}"
    )
    assert response.status_code == 400
    assert "cursor" in error_of(response)["fields"]


def test_a_genuine_cursor_still_works(world):
    schema = field_schema_for(world.staff)
    page = ticket_page(
        tickets_visible_to(world.staff),
        schema=schema,
        params={"cursor": encode_cursor([world.tB1.number + 1, 0]), "sort": "-number"},
        user=world.staff,
    )
    assert world.tB1 in page.tickets


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "1e999"])
def test_non_finite_number_filters_are_refused(world, raw):
    CustomFieldFactory(key="seats", field_type="number")
    with pytest.raises(QueryError) as caught:
        ticket_page(
            tickets_visible_to(world.staff),
            schema=field_schema_for(world.staff),
            params={"cf_seats": raw},
            user=world.staff,
        )
    assert "cf_seats" in caught.value.message_dict

"""SECURITY C-41: numbers and dates of every door go through one parser with range checks
(cms.core.params). Out-of-range input is a 400 in the error shape (a 404 for an id in a path),
never an overflow 500: a cursor dated year 1 at +14:00, a requester of 20 digits, a KB article
id of 23 digits. A JSON body over the size limit gets the API's error shape, not an HTML page."""

import json

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from cms.core.params import parse_datetime, parse_int
from helpdesk.tickets.query import encode_cursor
from tests.factories import ContactFactory, CustomerFactory, TicketFactory
from tests.factories.tickets import TechnicianFactory
from tests.helpdesk.api.conftest import client_for
from tests.kb.builders import article, category, kb_root, section

pytestmark = pytest.mark.django_db

HUGE = "9" * 20  # over 2**63 - 1
HUGER = "1" * 23


@pytest.fixture
def acme(portal):
    customer = CustomerFactory(name="Acme Corp", portal=portal)
    main = ContactFactory(customer=customer, is_main_contact=True).user
    TicketFactory(requester=main, customer=customer)
    return main


def error_of(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"cursor": encode_cursor(["0001-01-01T00:00:00+14:00", 1])}, "cursor"),
        ({"cursor": encode_cursor(["9999-12-31T23:59:59-14:00", 1])}, "cursor"),
        ({"cursor": encode_cursor(["2026-01-01T00:00:00Z", 2**70])}, "cursor"),
        ({"sort": "number", "cursor": encode_cursor([2**64, 1])}, "cursor"),
        ({"requester": HUGE}, "requester"),
        ({"requester": "١٢"}, "requester"),  # Arabic-Indic digits: int() reads them, we do not
        ({"created_from": "0000-01-01"}, "created_from"),
        ({"page_size": HUGE}, "page_size"),
    ],
    ids=[
        "cursor-year-1-plus-14",
        "cursor-year-9999-minus-14",
        "cursor-id-over-bigint",
        "cursor-number-over-bigint",
        "requester-20-digits",
        "requester-non-ascii-digits",
        "date-year-0",
        "page-size-20-digits",
    ],
)
def test_C41_the_api_list_refuses_out_of_range_values_with_a_400(acme, params, field):
    error = error_of(client_for(acme).get("/api/v1/tickets/", params))
    assert field in error["fields"]


@pytest.mark.parametrize("params", [{"requester": HUGE}, {"created_to": "2026-13-01"}])
def test_C41_the_portal_list_explains_the_refused_value(client, acme, params):
    client.force_login(acme)
    response = client.get("/en/tickets/", params)
    assert response.status_code == 400
    assert "This value is not valid." in response.content.decode() or "YYYY-MM-DD" in (
        response.content.decode()
    )


@pytest.mark.parametrize("q", [f"#{HUGE}", HUGER, "²"])
def test_C41_a_search_for_a_huge_ticket_number_finds_nothing_instead_of_failing(acme, q):
    response = client_for(acme).get("/api/v1/tickets/", {"q": q})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/kb/articles/{HUGER}/",
        f"/api/v1/kb/articles/{HUGER}/rating/",
        f"/api/v1/tickets/{HUGER}/",
        f"/api/v1/attachments/{HUGER}/",
    ],
)
def test_C41_an_id_of_23_digits_is_not_found(acme, path):
    assert error_of(client_for(acme).get(path), status=404)["code"] == "not_found"


def test_C41_a_vote_on_an_article_id_of_23_digits_is_not_found(acme, portal):
    page = article(section(category(kb_root(portal)))).pk
    client = client_for(acme)
    assert client.post(f"/api/v1/kb/articles/{page}/rating/", {"helpful": True}).status_code == 200
    response = client.post(f"/api/v1/kb/articles/{HUGER}/rating/", {"helpful": True})
    assert error_of(response, status=404)["code"] == "not_found"


def test_C41_portal_and_admin_paths_with_23_digits_are_not_found(client, acme):
    client.force_login(acme)
    assert client.get(f"/en/tickets/{HUGER}/").status_code == 404
    client.force_login(TechnicianFactory())
    assert client.get(f"/admin/helpdesk/tickets/{HUGER}/").status_code == 404


@pytest.mark.parametrize("limit", ["ten", HUGE, "0"])
def test_C41_the_kb_search_limit_is_checked_too(acme, limit):
    error = error_of(client_for(acme).get("/api/v1/kb/articles/", {"limit": limit}))
    assert "limit" in error["fields"]


@pytest.mark.parametrize("field", ["requester", "assignee"])
def test_C41_a_user_id_of_20_digits_in_a_body_is_a_400(portal, field):
    technician = TechnicianFactory()
    body = {"title": "Printer", "requester": 1, field: int(HUGE)}
    error = error_of(client_for(technician).post("/api/v1/tickets/", body, format="json"))
    assert field in error["fields"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_C41_an_oversized_json_body_gets_the_error_shape(acme):
    ticket = TicketFactory(requester=acme, customer=acme.contact.customer)
    body = json.dumps({"body": "x" * 5000})
    response = client_for(acme).post(
        f"/api/v1/tickets/{ticket.number}/replies/", body, content_type="application/json"
    )
    assert error_of(response, status=413)["code"] == "too_large"
    assert not ticket.replies.exists()


def test_C41_the_parser_itself():
    assert parse_int("42") == parse_int(" +42 ") == 42
    assert parse_int(str(2**63 - 1)) == 2**63 - 1
    for bad in (True, "", "4 2", "0x10", "1e3", str(2**63), "-1", "٤٢", 2**63):
        with pytest.raises(ValueError):
            parse_int(bad)
    assert parse_int("-5", minimum=-10) == -5
    assert parse_datetime("2026-12-07T10:00:00+01:00").hour == 10
    with pytest.raises(ValueError):
        parse_datetime("0001-01-01T00:00:00+14:00")


def test_C41_the_api_answers_unauthenticated_garbage_with_the_error_shape_too():
    response = APIClient().get(f"/api/v1/kb/articles/{HUGER}/")
    assert response.status_code in (401, 404)
    assert "error" in response.json()

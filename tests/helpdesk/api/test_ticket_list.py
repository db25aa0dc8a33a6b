"""GET /api/v1/tickets/: every filter, ordering, refused parameters (no oracle, C-07 d),
cursor pages that stay stable while tickets are added, and a constant query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpdesk.models import Impact, Priority, ProductFamily, Status, Ticket, TicketType
from tests.factories import CustomFieldFactory, TicketFactory

from .conftest import error_of, set_builtin

pytestmark = pytest.mark.django_db
LIST = "/api/v1/tickets/"


def numbers(response):
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


@pytest.fixture
def catalogue(world):
    """Four tickets of A1 that differ in every filterable field."""
    contact = world.A1.contact
    world.tA1.delete()  # the catalogue alone, so each filter's answer is exact
    ProductFamily.objects.create(code="laptops", labels={"en": "Laptops"})
    CustomFieldFactory(
        key="region", field_type="dropdown", options=[{"code": "eu"}, {"code": "us"}]
    )
    CustomFieldFactory(
        key="tags", field_type="multi_select", options=[{"code": "vip"}, {"code": "new"}]
    )
    CustomFieldFactory(key="onsite", field_type="checkbox")
    CustomFieldFactory(key="seats", field_type="number")
    CustomFieldFactory(key="due", field_type="date")
    CustomFieldFactory(key="asset", field_type="text")
    CustomFieldFactory(key="secret", field_type="text", visibility="hidden")
    now = timezone.now()
    rows = [
        ("open", "low", "incident", "none", "eu", ["vip"], True, 5, "2026-01-10", "LAP-1"),
        ("pending", "high", "problem", "minor", "us", ["new"], False, 50, "2026-03-01", "SRV-9"),
        ("resolved", "critical", "request", "major", "eu", ["vip", "new"], False, 500, None, ""),
        ("closed", "medium", "change", "crisis", None, [], True, None, "2026-12-31", "LAP-7"),
    ]
    made = []
    for index, (status, prio, kind, impact, region, tags, onsite, seats, due, asset) in enumerate(
        rows
    ):
        values = {"region": region, "tags": tags or None, "onsite": onsite, "seats": seats}
        values.update({"due": due, "asset": asset or None, "secret": f"s{index}"})
        made.append(
            TicketFactory(
                contact=contact,
                title=f"Catalogue {index}",
                status=Status.objects.get(code=status),
                priority=Priority.objects.get(code=prio),
                type=TicketType.objects.get(code=kind),
                impact=Impact.objects.get(code=impact),
                product_family=ProductFamily.objects.get(code="laptops") if index == 0 else None,
                custom_values={k: v for k, v in values.items() if v is not None},
                created_at=now - datetime.timedelta(days=10 - index),
                updated_at=now - datetime.timedelta(hours=10 - index),
            )
        )
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", [0]),
        ("status=open,pending", [0, 1]),
        ("priority=high", [1]),
        ("type=request", [2]),
        ("impact=crisis", [3]),
        ("cf_region=eu", [0, 2]),
        ("cf_tags=new", [1, 2]),
        ("cf_onsite=true", [0, 3]),
        ("cf_onsite=false", [1, 2]),
        ("cf_seats=50", [1]),
        ("cf_seats_from=10&cf_seats_to=500", [1, 2]),
        ("cf_due_from=2026-02-01", [1, 3]),
        ("cf_due_to=2026-02-01", [0]),
        ("cf_asset=lap", [0, 3]),
        ("q=Catalogue 2", [2]),
        ("open=true", [0, 1]),
        ("open=false", [2, 3]),
        ("status=open&priority=high", []),
    ],
)
def test_every_filter_narrows_the_list(world, catalogue, query, expected):
    response = world.client("A1").get(f"{LIST}?{query}&page_size=100")
    assert sorted(numbers(response)) == sorted(catalogue[i].number for i in expected)


def test_search_by_number_and_requester_and_created_range(world, catalogue):
    client = world.client("A_main")
    assert numbers(client.get(f"{LIST}?q=%23{catalogue[1].number}")) == [catalogue[1].number]
    by_a2 = numbers(client.get(f"{LIST}?requester={world.A2.pk}"))
    assert by_a2 == [world.tA2.number]
    day = catalogue[1].created_at.date().isoformat()
    ranged = numbers(client.get(f"{LIST}?created_from={day}&created_to={day}"))
    assert ranged == [catalogue[1].number]


def test_technicians_filter_by_fields_hidden_from_contacts(world, catalogue):
    response = world.client("staff").get(f"{LIST}?product_family=laptops&cf_secret=s3")
    assert numbers(response) == []
    response = world.client("staff").get(f"{LIST}?product_family=laptops")
    assert numbers(response) == [catalogue[0].number]


@pytest.mark.parametrize(
    "query",
    [
        "product_family=laptops",
        "cf_secret=s0",
        "cf_secret=nothing-like-it",
        "cf_no_such_field=1",
        "assignee__email=x",
        "customer=1",
        "foo=bar",
        "ordering=title",
        "ordering=-customer__name",
        "ordering=assignee__password",
    ],
)
def test_C07_filtering_or_ordering_by_hidden_or_unknown_fields_is_refused(world, catalogue, query):
    client = world.client("A1")
    baseline = numbers(client.get(f"{LIST}?page_size=100"))
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert name in error_of(response)["fields"]
    assert b"Catalogue" not in response.content
    assert numbers(client.get(f"{LIST}?page_size=100")) == baseline


def test_C07_a_hidden_value_gives_no_oracle(world, catalogue):
    client = world.client("A1")
    hit = client.get(f"{LIST}?cf_secret=s0")
    miss = client.get(f"{LIST}?cf_secret=zzz")
    assert hit.status_code == miss.status_code == 400
    assert hit.content == miss.content


def test_C07_ordering_by_a_hidden_builtin_is_refused(world, catalogue):
    set_builtin("priority", "hidden")
    client = world.client("A1")
    response = client.get(f"{LIST}?ordering=-priority")
    assert response.status_code == 400
    assert "ordering" in error_of(response)["fields"]
    assert client.get(f"{LIST}?sort=priority").status_code == 400
    assert world.client("staff").get(f"{LIST}?ordering=priority").status_code == 200


@pytest.mark.parametrize(
    ("ordering", "key"),
    [
        ("number", lambda t: t.number),
        ("-number", lambda t: -t.number),
        ("created", lambda t: t.created_at),
        ("-updated", lambda t: -t.updated_at.timestamp()),
        ("priority", lambda t: (t.priority.order, t.pk)),
    ],
)
def test_ordering_by_the_portal_sort_keys(world, catalogue, ordering, key):
    response = world.client("A1").get(f"{LIST}?ordering={ordering}")
    expected = [t.number for t in sorted(catalogue, key=key)]
    assert numbers(response) == expected


@pytest.mark.parametrize(
    "query",
    ["page_size=0", "page_size=101", "page_size=x", "scope=all", "cursor=garbage", "open=maybe"],
)
def test_bad_control_parameters_are_400_naming_them(world, query):
    response = world.client("A1").get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in error_of(response)["fields"]


def test_NUL_in_a_query_is_400_not_a_server_error(world):
    response = world.client("A1").get(LIST, {"q": "a\x00b"})
    assert response.status_code == 400
    assert "q" in error_of(response)["fields"]


def _walk(client, url):
    seen, pages = [], 0
    while url:
        body = client.get(url).json()
        seen += [row["number"] for row in body["results"]]
        url = body["next"]
        pages += 1
    return seen, pages


@pytest.mark.parametrize("ordering", ["-updated", "number", "-created", "priority"])
def test_cursor_pages_stay_stable_while_tickets_are_added(world, ordering):
    contact = world.A1.contact
    start = timezone.now() - datetime.timedelta(days=1)
    original = [
        TicketFactory(
            contact=contact,
            updated_at=start + datetime.timedelta(minutes=i),
            created_at=start + datetime.timedelta(minutes=i),
        )
        for i in range(7)
    ]
    client = world.client("A1")
    first = client.get(f"{LIST}?ordering={ordering}&page_size=3").json()
    assert len(first["results"]) == 3
    assert first["next"].startswith(f"{LIST}?") and "cursor=" in first["next"]
    for _ in range(4):  # newer tickets with higher numbers arrive between page requests
        TicketFactory(contact=contact)
    rest, _pages = _walk(client, first["next"])
    got = [row["number"] for row in first["results"]] + rest
    assert len(got) == len(set(got)), "a ticket was listed twice"
    expected = {t.number for t in original} | {world.tA1.number}
    assert expected <= set(got), "a ticket was skipped"


def _bulk_tickets(contact, count):
    status, priority = Status.objects.get(code="open"), Priority.objects.get(code="low")
    last = Ticket.objects.order_by("-number").values_list("number", flat=True).first() or 0
    Ticket.objects.bulk_create(
        Ticket(
            number=last + 1 + i,
            title=f"Bulk {i}",
            status=status,
            priority=priority,
            customer=contact.customer,
            requester=contact.user,
            custom_values={},
        )
        for i in range(count)
    )


API_LIST_MAX = 6  # issue 10: at most this many queries (measured 5)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["A1", "A_main", "staff"])
def test_query_count_is_constant_in_tickets(world, who):
    client = world.client(who)
    _bulk_tickets(world.A1.contact, 10)
    client.get(LIST)  # warm the field-schema cache, as in any running server
    at_ten = _queries(client, f"{LIST}?page_size=100")
    assert at_ten <= API_LIST_MAX
    _bulk_tickets(world.A1.contact, 990)
    # The newest 100 now have no files of their own: the files query is left out, so the
    # count may drop by one, never grow.
    assert _queries(client, f"{LIST}?page_size=100") in (at_ten, at_ten - 1)
    response = client.get(f"{LIST}?page_size=100")
    assert len(response.json()["results"]) == 100


@pytest.mark.parametrize("who", ["A1", "staff"])
def test_query_count_is_constant_in_custom_fields(world, who, django_assert_num_queries):
    client = world.client(who)
    _bulk_tickets(world.A1.contact, 30)
    CustomFieldFactory(key="f0")
    client.get(LIST)  # warm the field-schema cache, as in any running server
    at_one = _queries(client, f"{LIST}?page_size=30")
    for i in range(1, 5):
        CustomFieldFactory(key=f"f{i}", field_type="number")
    client.get(LIST)
    with django_assert_num_queries(at_one):
        response = client.get(f"{LIST}?page_size=30")
    assert len(response.json()["results"][0]["custom_fields"]) == 5


def test_a_renamed_customer_and_a_moved_portal_show_on_the_next_list(world):
    """Customers and portals are cached for the list (helpdesk.api.representation)."""
    from helpdesk.models import PortalSettings

    customer = world.A1.contact.customer
    portal = customer.portal
    portal_settings = PortalSettings.for_site(portal)
    portal_settings.public_base_url = ""  # links then use the site's own address
    portal_settings.save()
    client = world.client("A1")
    before = client.get(LIST).json()["results"][0]
    customer.name = "Acme Renamed"
    customer.save()
    portal.hostname = "support.renamed.localhost"
    portal.port = 8080
    portal.save()
    after = client.get(LIST).json()["results"][0]
    assert before["customer"] == "Acme Corp"
    assert after["customer"] == "Acme Renamed"
    assert after["url"].startswith("http://support.renamed.localhost:8080/")


def test_list_times_are_the_ticket_times(world):
    """The list reads its two timestamps as text (helpdesk.api.representation); they must be
    what the ticket itself says, to the microsecond, in UTC with a Z."""
    whole_second = timezone.now().replace(microsecond=0) - datetime.timedelta(days=3)
    Ticket.objects.filter(pk=world.tA1.pk).update(created_at=whole_second)
    client = world.client("A1")
    listed = client.get(LIST).json()["results"]
    assert listed
    for item in listed:
        detail = client.get(f"{LIST}{item['number']}/").json()
        assert (item["created_at"], item["updated_at"]) == (
            detail["created_at"],
            detail["updated_at"],
        )
        assert item["created_at"].endswith("Z")
    mine = next(item for item in listed if item["number"] == world.tA1.number)
    assert mine["created_at"] == whole_second.strftime("%Y-%m-%dT%H:%M:%SZ")

"""In-process parts of the benchmark (Django loaded here, no server):

  prepare  -> var/targets.json: the URLs the HTTP figures use (deep cursor, articles)
  measure  -> var/inproc.json: EXPLAIN of the list queries, ETag 304 queries, serialisation
              against hand-built dicts, tracemalloc peak of the CSV export at 1,000 and
              100,000 rows.

Run with DJANGO_SETTINGS_MODULE=bench.settings and the bench DATABASE_URL."""

import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from rest_framework.settings import api_settings  # noqa: E402
from wagtail.models import Site  # noqa: E402

from helpdesk.api.representation import api_tickets, ticket_dicts  # noqa: E402
from helpdesk.models import (  # noqa: E402
    Attachment,
    Customer,
    Impact,
    PortalSettings,
    Priority,
    ProductFamily,
    Reply,
    Status,
    Ticket,
    TicketType,
    User,
)
from helpdesk.tickets.field_schema import field_schema_for  # noqa: E402
from helpdesk.tickets.query import encode_cursor  # noqa: E402
from kb.models import KBArticlePage, KBRestriction, KBSettings  # noqa: E402

VAR = Path(__file__).resolve().parent / "var"
LOOKUPS = {
    "status": Status,
    "priority": Priority,
    "type": TicketType,
    "impact": Impact,
    "product_family": ProductFamily,
}
PAGE_SIZE = 25
DEEP_PAGE = 2_000
HOST = "127.0.0.1"


def client_for(email):
    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(email=email))
    return client


def restricted_article_path():
    """An article only Acme may read (the demo's "Acme gateways" section)."""
    keys = KBRestriction.objects.filter(customers__name="Acme Corp").values("translation_key")
    for page in KBArticlePage.objects.live().filter(locale__language_code="en"):
        if page.get_ancestors(inclusive=True).filter(translation_key__in=keys).exists():
            return urlsplit(page.get_url()).path
    raise RuntimeError("no restricted article")


def public_article_path():
    restricted = KBRestriction.objects.filter(customers__isnull=False).values("translation_key")
    for page in KBArticlePage.objects.live().filter(locale__language_code="en")[:50]:
        if not page.get_ancestors(inclusive=True).filter(translation_key__in=restricted).exists():
            return urlsplit(page.get_url()).path
    raise RuntimeError("no public article")


def open_main_kb_to_anonymous_readers():
    """The demo's main portal keeps its KB for contacts; the anonymous-article figure needs a
    portal that lets anonymous visitors read (a setting, as a customer would choose)."""
    row = KBSettings.for_site(Site.objects.get(is_default_site=True))
    if not row.anonymous_access:
        row.anonymous_access = True
        row.save()


def trim_showcase(number):
    """The ticket of the "20 replies and 5 attachments" figure, back to its seeded replies:
    load runs and uploads of earlier versions of the bench answered it too."""
    extra = Reply.objects.filter(ticket__number=number).exclude(body__startswith="<p>Reply ")
    for attachment in Attachment.objects.filter(reply__in=extra):
        attachment.file.delete(save=False)
        attachment.delete()
    extra.delete()


def prepare():
    state = json.loads((VAR / "state.json").read_text())
    trim_showcase(state["showcase_ticket"])
    acme = Customer.objects.get(name="Acme Corp")
    deep = (
        Ticket.objects.filter(customer=acme)
        .order_by("-updated_at", "-id")
        .values_list("updated_at", "id")[DEEP_PAGE * PAGE_SIZE - 1]
    )
    kb = state["kb_article_paths"]
    targets = {
        "list_filtered": "/en/tickets/?status=open",
        "list_page1": "/en/tickets/",
        "list_deep": f"/en/tickets/?cursor={encode_cursor(list(deep))}",
        "ticket_page": f"/en/tickets/{state['showcase_ticket']}/",
        "api_list": "/api/v1/tickets/?page_size=100",
        "kb_restricted": restricted_article_path(),
        "kb_public": public_article_path(),
        "kb_public_bench": "/en/" + kb["kb1k.bench.localhost"],
        "kb_search": "/en/kb/search/?q=printer",
        "export": "/en/tickets/export.csv",
    }
    open_main_kb_to_anonymous_readers()
    alice = client_for("alice@acme.example")
    readers = dict.fromkeys(("list_filtered", "list_page1", "list_deep"), alice)
    readers |= {"ticket_page": alice, "api_list": alice, "kb_restricted": alice}
    readers |= {"kb_public": Client(HTTP_HOST=HOST)}
    readers |= {"kb_public_bench": Client(HTTP_HOST="kb1k.bench.localhost")}
    for name, reader in readers.items():  # a figure of a redirect or an error page is no figure
        status = reader.get(targets[name]).status_code
        if status != 200:
            raise RuntimeError(f"{name}: {targets[name]} answered {status}")
    (VAR / "targets.json").write_text(json.dumps(targets, indent=2))
    print(json.dumps(targets, indent=2))


def explain_list_queries(targets):
    plans, seq_scans = {}, []
    for name, email in (
        ("list_filtered", "alice@acme.example"),
        ("list_page1", "alice@acme.example"),
        ("list_deep", "alice@acme.example"),
        ("list_page1_small", "carol@globex.example"),
        ("api_list", "alice@acme.example"),
    ):
        client = client_for(email)
        url = targets[name.removesuffix("_small")]
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        for query in captured.captured_queries:
            sql = query["sql"]
            if 'FROM "helpdesk_ticket"' not in sql or not sql.startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.setdefault(name, []).append(plan)
            if "Seq Scan on helpdesk_ticket" in plan:
                seq_scans.append(name)
    return plans, seq_scans


def etag_queries(targets):
    client = client_for("alice@acme.example")
    url = targets["ticket_page"]
    client.get(url)
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    return {"status": response.status_code, "queries": len(captured)}


def _median_seconds(function, rounds=30):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def serialisation():
    """ticket_dicts (the API's representation) against the same JSON built by hand: the same
    two look-ups (own files, portal base URL), look-up codes from plain dicts, f-strings for the
    URLs. Both render the same 100 tickets; the outputs are checked to be equal."""
    alice = User.objects.get(email="alice@acme.example")
    schema = field_schema_for(alice, language="en")
    tickets = list(api_tickets(alice).order_by("-updated_at", "-id")[:100])
    render = api_settings.DEFAULT_RENDERER_CLASSES[0]().render  # the API's own renderer
    builtin = [spec.key for spec in schema.builtin() if spec.visible]
    custom = [spec.key for spec in schema.custom() if spec.visible]
    codes = {key: dict(model.objects.values_list("id", "code")) for key, model in LOOKUPS.items()}

    def name(user):
        if user is None:
            return None
        return user.get_full_name() or ("Technician" if user.is_staff else "Contact")

    def by_hand():
        files = {}
        rows = Attachment.objects.filter(ticket__in=[t.pk for t in tickets], reply__isnull=True)
        for item in rows.order_by("created_at", "id"):
            files.setdefault(item.ticket_id, []).append(item)
        bases = dict(
            PortalSettings.objects.filter(
                site_id__in={t.customer.portal_id for t in tickets}
            ).values_list("site_id", "public_base_url")
        )
        out = []
        for t in tickets:
            base = (bases.get(t.customer.portal_id) or "").rstrip("/")
            data = {"number": t.number, "title": t.title, "description": t.description}
            for key in builtin:
                data[key] = codes[key].get(getattr(t, f"{key}_id"))
            values = t.custom_values or {}
            data["custom_fields"] = {key: values.get(key) for key in custom}
            data["customer"] = t.customer.name
            data["requester"] = name(t.requester)
            data["assignee"] = name(t.assignee)
            data["created_at"] = t.created_at
            data["updated_at"] = t.updated_at
            data["url"] = f"{base}/en/tickets/{t.number}/"
            data["attachments"] = [
                {"id": a.pk, "name": a.name, "size": a.size, "content_type": a.content_type,
                 "url": f"{base}/api/v1/attachments/{a.pk}/"}
                for a in files.get(t.pk, ())
            ]  # fmt: skip
            out.append(data)
        return render(out)

    with translation.override("en"):
        api_json = render(ticket_dicts(tickets, schema=schema))
        same = json.loads(api_json) == json.loads(by_hand())
        api = _median_seconds(lambda: render(ticket_dicts(tickets, schema=schema)))
        hand = _median_seconds(by_hand)
    return {"api_ms": api * 1000, "hand_ms": hand * 1000, "ratio": api / hand, "same": same}


def export_peak(email, url):
    client = client_for(email)
    rows = 0
    tracemalloc.start()
    response = client.get(url)
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"rows": rows - 1, "peak_kb": round(peak / 1024)}


def measure():
    targets = json.loads((VAR / "targets.json").read_text())
    result = {}

    def step(name, function):
        started = time.monotonic()
        result[name] = function()
        (VAR / "inproc.json").write_text(json.dumps(result, indent=2, default=str))
        shown = "" if name == "explain" else json.dumps(result[name])
        print(f"  {name}: {time.monotonic() - started:.0f} s {shown}", flush=True)

    def explain():
        plans, seq_scans = explain_list_queries(targets)
        return {"plans": plans, "seq_scans": seq_scans}

    step("explain", explain)
    print("  seq scans:", result["explain"]["seq_scans"] or "none", flush=True)
    step("etag", lambda: etag_queries(targets))
    step("serialisation", serialisation)
    step("export_small", lambda: export_peak("thousand@bench.example", targets["export"]))
    step("export_big", lambda: export_peak("alice@acme.example", targets["export"]))


if __name__ == "__main__":
    {"prepare": prepare, "measure": measure}[sys.argv[1]]()

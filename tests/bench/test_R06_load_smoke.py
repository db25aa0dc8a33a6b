"""SECURITY R-06 on a small scale, in CI: the load scenario itself (bench/locustfile.py, run by
locust) against a live server on PostgreSQL — contacts log in, list, filter, open a ticket,
reply with a 2 MB file and search the KB at the same time. Every request must succeed and every
reply must land with its whole file. The p95 targets of R-06 are timings, which tests never
assert: `bench/run.sh` measures them with 200 users and writes them to bench/RESULTS.md."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from helpdesk.models import Attachment, Reply
from tests.factories import ContactFactory, CustomerFactory, TicketFactory
from tests.factories.helpdesk import PASSWORD
from tests.kb.builders import article, category, kb_root, section

ROOT = Path(__file__).resolve().parents[2]
USERS = 10
REPLY_MB = 2
REPLY_BYTES = len(b"bench reply attachment line\n") * 37_450 * REPLY_MB

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def contacts_with_tickets(portal):
    customer = CustomerFactory(name="Load Corp", portal=portal)
    emails = []
    for n in range(USERS):
        contact = ContactFactory(customer=customer, user__email=f"load{n}@load.example")
        for _ in range(3):
            TicketFactory(customer=customer, requester=contact.user)
        emails.append(contact.user.email)
    return emails


def a_small_kb(portal):
    vpn = section(category(kb_root(portal), "Devices"), "Printers")
    article(vpn, "Set up the office printer", summary="printer vpn password outlook")


def run_locust(host, state, folder):
    environment = {
        **os.environ,
        "BENCH_STATE": str(state),
        "BENCH_PASSWORD": PASSWORD,
        "BENCH_REPLY_MB": str(REPLY_MB),
        "BENCH_THINK_SECONDS": "0.2,0.6",
    }
    command = [str(Path(sys.executable).parent / "locust"), "-f", "bench/locustfile.py"]
    command += ["--headless", "-u", str(USERS), "-r", str(USERS), "-t", "20s"]
    command += ["--host", host, "--csv", str(folder / "r06"), "--only-summary"]
    subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, timeout=120)
    with (folder / "r06_stats.csv").open() as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def test_R06_the_load_scenario_runs_clean_against_a_live_server(request, portal, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the load scenario needs real concurrent connections (PostgreSQL)")
    live_server = request.getfixturevalue("live_server")
    a_small_kb(portal)
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"load_users": contacts_with_tickets(portal)}))

    stats = run_locust(live_server.url, state, tmp_path)

    failures = (tmp_path / "r06_failures.csv").read_text()
    assert int(stats["Aggregated"]["Failure Count"]) == 0, failures
    for name in ("login", "list", "list filtered", "ticket", f"reply {REPLY_MB} MB", "kb search"):
        assert int(stats[name]["Request Count"]) > 0, f"no {name} request ran"
    counted = int(stats[f"reply {REPLY_MB} MB"]["Request Count"])
    # A reply in flight when locust stops is done by the server but not counted by locust.
    replies = Reply.objects.filter(body__contains="Load test reply").count()
    assert counted <= replies <= counted + USERS
    files = Attachment.objects.filter(name="load.log.txt")
    assert files.count() == replies  # every reply with its file, none without
    assert set(files.values_list("size", flat=True)) == {REPLY_BYTES}

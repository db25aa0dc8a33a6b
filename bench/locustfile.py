"""The load scenario (issue 10 item 6; SECURITY R-06 reuses it): each simulated contact
logs in through the portal form, lists its tickets, filters, opens one, replies with a file
and searches the knowledge base.

  locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8104

Environment: BENCH_REPLY_MB (size of the reply's file, 1), BENCH_THINK_SECONDS ("1,3": the
pause between two requests of one contact), BENCH_STATE and BENCH_PASSWORD (the logins: by
default bench/var/state.json, the load-test contacts of bench/seed.py, and the demo password;
tests/bench/test_R06_load_smoke.py passes its own)."""

import itertools
import json
import os
import re
from pathlib import Path

from locust import HttpUser, between, task

STATE_FILE = Path(__file__).resolve().parent / "var" / "state.json"
STATE = json.loads(Path(os.environ.get("BENCH_STATE", STATE_FILE)).read_text())
PASSWORD = os.environ.get("BENCH_PASSWORD", "portal-demo-2026")  # the README's demo password
LOGINS = itertools.cycle(STATE["load_users"])
SPREAD = itertools.count()
REPLY_MB = int(os.environ.get("BENCH_REPLY_MB", "1"))
REPLY_FILE = (b"bench reply attachment line\n" * 37_450) * REPLY_MB
THINK = tuple(float(s) for s in os.environ.get("BENCH_THINK_SECONDS", "1,3").split(","))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TICKET_LINK = re.compile(r'href="(/en/tickets/\d+/)"')
SEARCHES = ("printer", "vpn", "password", "outlook")


class Contact(HttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        page = self.client.get("/en/account/login/", name="login form")
        with self.client.post(
            "/en/account/login/",
            {
                "username": next(LOGINS),
                "password": PASSWORD,
                "csrfmiddlewaretoken": TOKEN.search(page.text).group(1),
            },
            name="login",
            catch_response=True,
        ) as response:
            if "/account/login/" in response.url:
                response.failure("login refused")
        open_tickets = self.client.get("/en/tickets/?status=open", name="list filtered")
        listed = TICKET_LINK.findall(open_tickets.text)
        # Each contact follows an open ticket of its own among the listed ones (contacts of
        # one customer do not all answer the same ticket; a closed one takes no reply), never
        # the ticket the speed figures measure at 20 replies.
        showcase = f"/en/tickets/{STATE.get('showcase_ticket')}/"
        listed = [url for url in listed if url != showcase]
        self.tickets = listed[next(SPREAD) % len(listed) :] if listed else []

    @task(4)
    def list_tickets(self):
        self.client.get("/en/tickets/", name="list")

    @task(2)
    def filter_tickets(self):
        self.client.get("/en/tickets/?status=open&sort=priority", name="list filtered")

    @task(4)
    def open_ticket(self):
        if self.tickets:
            self.client.get(self.tickets[0], name="ticket")

    @task(1)
    def reply_with_file(self):
        if not self.tickets:
            return
        url = self.tickets[0]
        token = TOKEN.search(self.client.get(url, name="ticket").text).group(1)
        with self.client.post(
            f"{url}reply/",
            # bench.seed.LOAD_REPLY_TEXT: the next --reuse run removes these replies again.
            data={"body": "Load test reply with a log file.", "csrfmiddlewaretoken": token},
            files={"files": ("load.log.txt", REPLY_FILE, "text/plain")},
            headers={"Referer": url},
            name=f"reply {REPLY_MB} MB",
            catch_response=True,
        ) as response:
            if response.url.endswith("/reply/"):  # the form came back: the reply was refused
                response.failure("reply refused")

    @task(2)
    def search_kb(self):
        term = SEARCHES[len(self.tickets) % len(SEARCHES)]
        self.client.get(f"/en/kb/search/?q={term}", name="kb search")

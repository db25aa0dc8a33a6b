"""Bench data on top of `seed_demo --tickets 100000 --customer 'Acme Corp'`:
Globex gets 100 tickets, Acme's tickets get 20 replies on some, one ticket with 20 replies and
5 attachments, 50 load-test contacts, and two KB-only portals with 1,000 and 10,000 articles.

Run: DJANGO_SETTINGS_MODULE=bench.settings BENCH_SEARCH_AUTO_UPDATE=0 python -m bench.seed
Writes bench/var/state.json (ticket numbers, hosts, logins) for the driver and locust."""

import json
import random
import sys
import time
from pathlib import Path

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from helpdesk.demo import DEMO_PASSWORD  # noqa: E402
from helpdesk.demo.bulk import seed_bulk  # noqa: E402
from helpdesk.models import (  # noqa: E402
    Attachment,
    Contact,
    Customer,
    PortalSettings,
    Reply,
    Ticket,
    User,
)
from home.models import PortalHomePage  # noqa: E402
from kb.models import (  # noqa: E402
    KBArticlePage,
    KBCategoryPage,
    KBSectionPage,
    KBSettings,
    KnowledgeBasePage,
)

VAR = Path(__file__).resolve().parent / "var"
LOAD_USERS = 200  # 200 simultaneous customers (the issue-10 scenario uses the first 50)
REPLIED_TICKETS = 200
# What bench/locustfile.py replies with: how the replies of earlier load runs are told apart.
LOAD_REPLY_TEXT = "Load test reply with a log file."
_TEXT = "printer vpn outlook laptop password licence backup network screen keyboard mailbox \
calendar invoice server update router firewall scanner phone wifi account share folder driver \
battery monitor headset teams excel report token certificate proxy"
WORDS = _TEXT.split()


def log(message):
    print(f"  bench seed: {message}", flush=True)


def replies_and_files(big):
    alice = User.objects.get(email="alice@acme.example")
    tech = User.objects.get(email="tech@example.com")
    tickets = list(
        Ticket.objects.filter(customer=big).order_by("-updated_at", "-id")[:REPLIED_TICKETS]
    )
    now = timezone.now()
    Reply.objects.bulk_create(
        Reply(
            ticket=ticket,
            author=tech if i % 2 else ticket.requester,
            body=f"<p>Reply {i} on this ticket: {' '.join(WORDS[i : i + 8])}.</p>",
            created_at=now,
        )
        for ticket in tickets
        for i in range(20)
    )
    showcase = tickets[0]
    replies = list(showcase.replies.order_by("id")[:5])
    for n, reply in enumerate(replies):
        attachment = Attachment(
            ticket=showcase,
            reply=reply,
            name=f"log-{n}.txt",
            size=2048,
            content_type="text/plain",
            uploaded_by=alice,
            created_at=now,
        )
        attachment.file.save(f"bench-log-{n}.txt", ContentFile(b"x" * 2048), save=False)
        attachment.save()
    return showcase.number


def load_users(big):
    password = make_password(DEMO_PASSWORD)  # one hash for all: hashing is the slow part
    emails = []
    for n in range(LOAD_USERS):
        email = f"load{n:02d}@acme.example"
        user, _created = User.objects.get_or_create(
            email=email, defaults={"first_name": "Load", "last_name": f"User {n:02d}"}
        )
        user.password = password
        user.save(update_fields=["password"])
        Contact.objects.update_or_create(
            user=user, defaults={"customer": big, "is_main_contact": True}
        )
        emails.append(email)
    return emails


def forget_load():
    """Remove what earlier load runs added: their replies and files. Every locust run leaves a
    few hundred replies with a file on the tickets it answers, so without this each run of
    `--reuse` measured ticket pages hundreds of replies longer than the last (R-06 drifted from
    390 to 650 ms p95 over a day of runs)."""
    replies = Reply.objects.filter(body__contains=LOAD_REPLY_TEXT)
    files = Attachment.objects.filter(reply__in=replies)
    for attachment in files.iterator():
        attachment.file.delete(save=False)
    removed_files, _ = files.delete()
    removed_replies, _ = replies.delete()
    log(f"removed {removed_replies} rows of earlier load runs' replies and {removed_files} files")


def thousand_customer(big):
    """A main contact whose customer has 1,000 tickets: the small CSV export."""
    customer, _created = Customer.objects.get_or_create(
        name="Bench Thousand", defaults={"portal": big.portal}
    )
    user, _created = User.objects.get_or_create(
        email="thousand@bench.example", defaults={"first_name": "Thousand"}
    )
    user.password = make_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    Contact.objects.update_or_create(
        user=user, defaults={"customer": customer, "is_main_contact": True}
    )
    if not Ticket.objects.filter(customer=customer).exists():
        seed_bulk(stdout=OutputWrapper(sys.stdout), count=1_000, customer_name=customer.name)


def kb_portal(host, articles):
    """A portal of its own whose KB (anonymous readers allowed) holds `articles` articles in
    10 categories x 10 sections; pages are added live without revisions, indexed later."""
    locale = Locale.get_default()
    slug = host.split(".")[0]
    home = Page.get_first_root_node().add_child(
        instance=PortalHomePage(title=f"Bench {slug}", slug=f"bench-{slug}", locale=locale)
    )
    site = Site.objects.create(hostname=host, port=80, root_page=home, site_name=host)
    KBSettings.objects.update_or_create(site=site, defaults={"anonymous_access": True})
    root = home.add_child(instance=KnowledgeBasePage(title="Knowledge base", slug="kb"))
    rng = random.Random(articles)  # noqa: S311 (bench data)
    per_section = articles // 100
    first_article = None
    for c in range(10):
        category = root.add_child(instance=KBCategoryPage(title=f"Category {c}", slug=f"c{c}"))
        for s in range(10):
            section = category.add_child(
                instance=KBSectionPage(title=f"Section {c}.{s}", slug=f"s{s}")
            )
            with transaction.atomic():
                for a in range(per_section):
                    words = rng.sample(WORDS, 6)
                    body = [
                        {"type": "heading", "value": words[0].capitalize()},
                        {"type": "text", "value": f"<p>{' '.join(rng.choices(WORDS, k=60))}</p>"},
                    ]
                    page = section.add_child(
                        instance=KBArticlePage(
                            title=f"{' '.join(words[:4]).capitalize()} {c}-{s}-{a}",
                            slug=f"a{a}",
                            summary=" ".join(words),
                            body=json.dumps(body),
                        )
                    )
                    first_article = first_article or page
        log(f"{host}: category {c + 1}/10")
    return first_article.url_path.removeprefix(home.url_path)


def main():
    started = time.monotonic()
    big = Customer.objects.get(name="Acme Corp")
    with transaction.atomic():
        seed_bulk(stdout=OutputWrapper(sys.stdout), count=100, customer_name="Globex Ltd")
        showcase = replies_and_files(big)
        emails = load_users(big)
        thousand_customer(big)
        portal = PortalSettings.for_site(big.portal)
        portal.max_upload_mb = 60  # the 50 MB upload of the memory figure
        portal.save()
    log(f"{REPLIED_TICKETS} tickets with 20 replies, ticket #{showcase} with 5 files")
    kb = {}
    for host, count in (("kb1k.bench.localhost", 1_000), ("kb10k.bench.localhost", 10_000)):
        kb[host] = kb_portal(host, count)
    VAR.mkdir(exist_ok=True)
    state = {"showcase_ticket": showcase, "load_users": emails, "kb_article_paths": kb}
    (VAR / "state.json").write_text(json.dumps(state, indent=2))
    log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    if sys.argv[1:] == ["thousand"]:  # the one step, on a database seeded before it existed
        with transaction.atomic():
            thousand_customer(Customer.objects.get(name="Acme Corp"))
    elif sys.argv[1:] == ["load-users"]:  # bench/run.sh --reuse: the load users, no residue
        with transaction.atomic():
            forget_load()
            emails = load_users(Customer.objects.get(name="Acme Corp"))
        state = json.loads((VAR / "state.json").read_text())
        (VAR / "state.json").write_text(json.dumps({**state, "load_users": emails}, indent=2))
    else:
        main()

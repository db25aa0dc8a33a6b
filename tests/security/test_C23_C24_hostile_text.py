"""SECURITY C-23/C-24: hostile text through the real doors (portal forms, the API, the admin
reply), then read back everywhere it is shown — the portal in every language, the admin, the
API's HTML fields and the e-mails (HTML part, headers).

Each check also asserts that the canary reached the page (escaped), so a page that simply
drops the content cannot pass for an inert one."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from helpdesk.models import Reply, Ticket
from helpdesk.notifications.delivery import deliver_due
from tests.factories import (
    ContactFactory,
    CustomerFactory,
    CustomFieldFactory,
    TechnicianFactory,
    UserFactory,
    api_token,
)

from .inert import ALL, CANARY, PAYLOADS, assert_inert

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TITLE = ("Help " + PAYLOADS[8] + PAYLOADS[1])[:200]
INJECTED_NAME = "Smith\r\nBcc: evil@evil.example"


@pytest.fixture
def hostile(portal, django_capture_on_commit_callbacks):
    acme = CustomerFactory(name=("Acme " + PAYLOADS[1] + PAYLOADS[4])[:200], portal=portal)
    a1 = ContactFactory(
        customer=acme,
        user__first_name=PAYLOADS[1][:150],
        user__last_name=INJECTED_NAME,
    ).user
    tech = TechnicianFactory(first_name=PAYLOADS[2][:150], email="tess@helpdesk.example")
    CustomFieldFactory(key="xss", labels=dict.fromkeys(LANGUAGES, PAYLOADS[0] + PAYLOADS[3]))
    portal_client = Client()
    portal_client.force_login(a1)
    with django_capture_on_commit_callbacks(execute=True):
        created = portal_client.post(
            "/en/tickets/new/",
            {"title": TITLE, "description": ALL, "cf_xss": ALL[:250], "idempotency_key": "x"},
        )
    assert created.status_code == 302
    ticket = Ticket.objects.get(requester=a1)
    with django_capture_on_commit_callbacks(execute=True):
        portal_client.post(f"/en/tickets/{ticket.number}/reply/", {"body": ALL})
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(a1)}")
        assert (
            api.post(
                f"/api/v1/tickets/{ticket.number}/replies/", {"body": ALL}, format="json"
            ).status_code
            == 201
        )
        admin_client = Client()
        admin_client.force_login(tech)
        admin_client.post(f"/admin/helpdesk/tickets/{ticket.number}/reply/", {"reply-body": ALL})
    assert Reply.objects.filter(ticket=ticket).count() == 3
    superuser = UserFactory(is_staff=True, is_superuser=True)
    return {"a1": a1, "tech": tech, "ticket": ticket, "portal": portal_client,
            "admin": admin_client, "api": api, "superuser": superuser}  # fmt: skip


def shown(html):
    assert CANARY in html, "the payload never reached this page"
    return html


@pytest.mark.parametrize("language", LANGUAGES)
def test_C23_portal_list_and_ticket_page_are_inert_in_every_language(hostile, language):
    number = hostile["ticket"].number
    for path in (f"/{language}/tickets/", f"/{language}/tickets/{number}/"):
        response = hostile["portal"].get(path)
        assert response.status_code == 200
        assert_inert(shown(response.content.decode()), path)


def test_C23_portal_form_redisplay_is_inert(hostile):
    """A refused form shows the user's input again: inside value/textarea, escaped."""
    response = hostile["portal"].post("/en/tickets/new/", {"title": "", "description": ALL})
    assert response.status_code == 400
    assert_inert(shown(response.content.decode()), "new ticket form with errors")


def test_C23_admin_pages_are_inert(hostile):
    number = hostile["ticket"].number
    pages = [f"/admin/helpdesk/tickets/{number}/", "/admin/helpdesk/tickets/"]
    for path in pages:
        response = hostile["admin"].get(path)
        assert response.status_code == 200, path
        assert_inert(shown(response.content.decode()), path)
    superuser = Client()
    superuser.force_login(hostile["superuser"])
    for path in ("/admin/helpdesk/customers/", "/admin/helpdesk/contacts/",
                 "/admin/helpdesk/custom-fields/", "/admin/helpdesk/visibility/"):  # fmt: skip
        response = superuser.get(path)
        assert response.status_code == 200, path
        assert_inert(shown(response.content.decode()), path)


def test_C23_api_html_fields_are_sanitised(hostile):
    number = hostile["ticket"].number
    detail = hostile["api"].get(f"/api/v1/tickets/{number}/").json()
    assert_inert(shown(detail["description"]), "API description")
    replies = hostile["api"].get(f"/api/v1/tickets/{number}/replies/").json()
    bodies = [reply["body"] for reply in replies]
    assert len(bodies) == 3
    for body in bodies:
        assert_inert(shown(body), "API reply body")


def test_C23_C24_emails_are_inert_and_go_to_one_recipient_each(hostile):
    deliver_due()
    assert len(mail.outbox) >= 3  # new ticket and replies to staff, the admin reply to A1
    for message in mail.outbox:
        assert len(message.recipients()) == 1
        assert "\n" not in message.subject and "\r" not in message.subject
        head = message.message().as_string().split("\n\n", 1)[0]
        assert "evil@evil.example" not in head
        assert not [line for line in head.splitlines() if line.lower().startswith("bcc")]
        html = message.alternatives[0][0]
        assert_inert(html, f"e-mail {message.subject}")
    assert any(CANARY in message.alternatives[0][0] for message in mail.outbox)


@pytest.fixture
def hostile_kb(portal, settings, tmp_path):
    from wagtail.rich_text import RichText

    from tests.kb.builders import article, category, kb_root, section

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    acme = CustomerFactory(name="Acme Corp", portal=portal)
    reader = ContactFactory(customer=acme).user
    parent = section(category(kb_root(portal), "Network"), "VPN")
    page = article(
        parent,
        title="Guide xss7 " + PAYLOADS[1],
        slug="guide",
        summary=("xss7 " + PAYLOADS[0] + PAYLOADS[4])[:255],
    )
    page.body = [
        ("heading", PAYLOADS[0] + PAYLOADS[2]),
        ("text", RichText(ALL)),
        ("code", {"language": "text", "code": ALL}),
        ("callout", {"kind": "note", "text": RichText(ALL)}),
    ]
    page.keywords.add("xss7 " + PAYLOADS[1][:60])
    page.save_revision().publish()
    client = Client()
    client.force_login(reader)
    return {"page": page, "client": client, "reader": reader}


KB_PAGES = ["/en/kb/", "/en/kb/network/vpn/", "/en/kb/search/?q=xss7",
            "/en/kb/search/?q=" + PAYLOADS[0]]  # fmt: skip


@pytest.mark.parametrize("path", KB_PAGES)
def test_C23_kb_titles_and_summaries_are_inert_in_listings_and_search(hostile_kb, path):
    response = hostile_kb["client"].get(path)
    assert response.status_code == 200, path
    assert_inert(shown(response.content.decode()), path)


def test_C23_kb_api_listing_is_plain_text(hostile_kb):
    api = APIClient()
    api.force_authenticate(hostile_kb["reader"])
    listing = api.get("/api/v1/kb/articles/?q=xss7").json()
    assert [item["id"] for item in listing["results"]] == [hostile_kb["page"].pk]


def test_C23_kb_article_body_is_inert_on_the_page(hostile_kb):
    response = hostile_kb["client"].get("/en/kb/network/vpn/guide/")
    assert_inert(shown(response.content.decode()), "article page")


def test_C23_kb_article_body_is_inert_in_the_api(hostile_kb):
    api = APIClient()
    api.force_authenticate(hostile_kb["reader"])
    detail = api.get(f"/api/v1/kb/articles/{hostile_kb['page'].pk}/").json()
    assert_inert(shown(detail["body_html"]), "KB API body_html")


def test_C23_kb_titles_are_inert_in_the_admin(hostile_kb):
    """The explorer and the helpfulness report show titles and summaries. (The edit view is
    left out: Wagtail's editor cannot load rich text that bypassed it.)"""
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    parent = hostile_kb["page"].get_parent().pk
    for path in (f"/admin/pages/{parent}/", "/admin/reports/kb-helpfulness/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.content.decode(), path)


REFLECTING = [
    "/en/no-such-page/{p}/",
    "/en/tickets/?q={p}",
    "/en/tickets/?sort={p}&cf_x={p}",
    "/en/account/login/?next={p}",
    "/en/account/password-reset/?email={p}",
    "/documents/1/{p}",
    "/en/kb/keywords/{p}/",
]


@pytest.mark.parametrize("template", REFLECTING)
def test_C23_input_reflected_into_pages_is_inert(portal, template):
    from urllib.parse import quote

    client = Client(raise_request_exception=False)
    client.force_login(ContactFactory(customer=CustomerFactory(portal=portal)).user)
    for payload in PAYLOADS:
        response = client.get(template.format(p=quote(payload, safe="")))
        assert response.status_code < 500, (template, payload)
        assert_inert(response.content.decode(errors="replace"), template)

"""A technician works a ticket through the real admin URLs (issue 3, "Done when": the
technician line). Every test asserts the database, not only the response."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from helpdesk.models import (
    Activity,
    Attachment,
    CustomField,
    OutboxMessage,
    Priority,
    Reply,
    Status,
)
from tests.factories import CustomFieldFactory, TechnicianFactory
from tests.helpdesk.services.files import png, text, upload

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db


def url(name, ticket):
    return reverse(name, args=[ticket.number])


def test_ticket_url_name_is_the_e_mail_contract(ticket):
    assert url("helpdesk_ticket", ticket) == "/admin/helpdesk/tickets/1042/"


def test_page_shows_details_fields_conversation_and_internal_notes(tech_client, ticket, tech):
    CustomFieldFactory(key="asset_tag", labels={"en": "Asset tag", "fr": "Numéro d'inventaire"})
    ticket.custom_values = {"asset_tag": "PC-7"}
    ticket.save()
    Reply.objects.create(
        ticket=ticket, author=tech, body="<p>Checked the fuser.</p>", is_internal=True
    )

    response = tech_client.get(url("helpdesk_ticket", ticket))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Printer on fire" in html
    assert "Acme Corp" in html and "alice@acme.example" in html
    assert "Asset tag" in html and "PC-7" in html
    assert "Checked the fuser." in html
    assert "Internal note" in html
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_field_labels_follow_the_technicians_language(client, ticket):
    french = TechnicianFactory(email="fr@example.com", language="fr")
    profile = UserProfile.get_for_user(french)  # the admin's language comes from here
    profile.preferred_language = "fr"
    profile.save()
    CustomFieldFactory(key="asset_tag", labels={"en": "Asset tag", "fr": "Numéro d'inventaire"})
    client.force_login(french)

    html = client.get(url("helpdesk_ticket", ticket)).content.decode()

    assert "Numéro d&#x27;inventaire" in html


def test_public_reply_with_a_file_and_an_internal_note(
    tech_client, ticket, tech, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = tech_client.post(
            url("helpdesk_ticket_reply", ticket),
            {"reply-body": "Please restart it.\n\nThen try again.", "reply-files": [png()]},
        )
    assert response.status_code == 302
    assert response["Location"] == url("helpdesk_ticket", ticket)

    with django_capture_on_commit_callbacks(execute=True):
        response = tech_client.post(
            url("helpdesk_ticket_reply", ticket),
            {
                "reply-body": "Customer sounds annoyed.",
                "reply-is_internal": "on",
                "reply-files": [text(), text("second.txt")],
            },
        )
    assert response.status_code == 302

    public, internal = Reply.objects.filter(ticket=ticket).order_by("id")
    assert (public.author, public.is_internal) == (tech, False)
    assert public.body == "<p>Please restart it.</p>\n\n<p>Then try again.</p>"
    assert (internal.author, internal.is_internal) == (tech, True)
    assert [a.name for a in Attachment.objects.filter(reply=public)] == ["screen.png"]
    assert sorted(a.name for a in Attachment.objects.filter(reply=internal)) == [
        "log.txt",
        "second.txt",
    ]
    assert Attachment.objects.filter(ticket=ticket, uploaded_by=tech).count() == 3

    # Only the public reply tells the requester, in her language, with a portal link.
    mails = list(OutboxMessage.objects.filter(template="ticket_reply_contact"))
    assert len(mails) == 1
    mail = mails[0]
    assert (mail.recipient, mail.language) == ("alice@acme.example", "de")
    assert mail.context["url"].startswith(PUBLIC_BASE_URL + "/de/tickets/1042/")
    assert OutboxMessage.objects.count() == 1

    # The internal note and its files are on the page, marked.
    html = tech_client.get(url("helpdesk_ticket", ticket)).content.decode()
    assert "Customer sounds annoyed." in html and "Internal note" in html
    assert "second.txt" in html


def test_change_status_and_a_custom_field(
    tech_client, ticket, tech, alice, django_capture_on_commit_callbacks
):
    CustomFieldFactory(key="asset_tag", field_type="text", visibility="hidden")
    form = {
        "fields-status": "resolved",
        "fields-priority": "high",
        "fields-type": "incident",
        "fields-impact": "",
        "fields-product_family": "",
        "fields-cf_asset_tag": "PC-42",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = tech_client.post(url("helpdesk_ticket_fields", ticket), form)

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.objects.get(code="resolved")
    assert ticket.priority == Priority.objects.get(code="high")
    assert ticket.custom_values == {"asset_tag": "PC-42"}
    assert ticket.resolved_at is not None
    changes = {
        a.field: (a.old_value, a.new_value, a.actor) for a in Activity.objects.filter(ticket=ticket)
    }
    assert changes == {
        "status": ("open", "resolved", tech),
        "priority": ("medium", "high", tech),
        "asset_tag": (None, "PC-42", tech),
    }
    # Resolution tells the requester, in her language, with a link on the public base URL.
    mail = OutboxMessage.objects.get(template="ticket_resolved")
    assert (mail.recipient, mail.language) == ("alice@acme.example", "de")
    assert mail.context["url"].startswith(PUBLIC_BASE_URL + "/de/")


def test_unchanged_fields_are_not_sent(tech_client, ticket):
    form = {"fields-status": "open", "fields-priority": "medium", "fields-type": "incident"}
    response = tech_client.post(url("helpdesk_ticket_fields", ticket), form)
    assert response.status_code == 302
    assert not Activity.objects.filter(ticket=ticket).exists()


def test_service_errors_show_next_to_the_form_and_input_is_kept(tech_client, ticket):
    CustomFieldFactory(key="budget", field_type="number")
    form = {"fields-status": "open", "fields-priority": "medium", "fields-cf_budget": "lots"}

    response = tech_client.post(url("helpdesk_ticket_fields", ticket), form)

    assert response.status_code == 400
    fields_form = response.context["fields_form"]
    assert fields_form.errors["cf_budget"] == ["Enter a number."]
    assert 'value="lots"' in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.custom_values == {}
    assert not Activity.objects.filter(ticket=ticket).exists()


def test_empty_reply_is_refused_and_nothing_is_saved(tech_client, ticket):
    response = tech_client.post(url("helpdesk_ticket_reply", ticket), {"reply-body": "   "})
    assert response.status_code == 400
    assert response.context["reply_form"].errors
    assert not Reply.objects.exists()


def test_refused_file_shows_the_service_error(tech_client, ticket):
    bad = upload("evil.png", b"<html><script>alert(1)</script></html>", "image/png")
    response = tech_client.post(
        url("helpdesk_ticket_reply", ticket), {"reply-body": "See file", "reply-files": [bad]}
    )
    assert response.status_code == 400
    assert response.context["reply_form"].errors["files"]
    assert "See file" in response.content.decode()  # the message is kept
    assert not Reply.objects.exists() and not Attachment.objects.exists()


def test_change_the_assignee(tech_client, ticket, tech, other_tech):
    response = tech_client.post(
        url("helpdesk_ticket_assign", ticket), {"assign-assignee": other_tech.pk}
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == other_tech
    activity = Activity.objects.get(ticket=ticket, field="assignee")
    assert (activity.actor, activity.old_value, activity.new_value) == (tech, None, other_tech.pk)

    # Unassign again; the activity log shows both changes by name.
    tech_client.post(url("helpdesk_ticket_assign", ticket), {"assign-assignee": ""})
    ticket.refresh_from_db()
    assert ticket.assignee is None
    assert Activity.objects.filter(ticket=ticket, field="assignee").count() == 2
    html = tech_client.get(url("helpdesk_ticket", ticket)).content.decode()
    assert "Olaf Other" in html


def test_only_technicians_can_be_assigned(tech_client, ticket, alice):
    response = tech_client.post(
        url("helpdesk_ticket_assign", ticket), {"assign-assignee": alice.pk}
    )
    assert response.status_code == 400
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_forms_only_accept_post(tech_client, ticket):
    assert tech_client.get(url("helpdesk_ticket_reply", ticket)).status_code == 405


def test_posts_need_a_csrf_token(ticket, tech):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(tech)
    response = strict.post(url("helpdesk_ticket_reply", ticket), {"reply-body": "Hi"})
    assert response.status_code == 403
    assert not Reply.objects.exists()


def test_unknown_ticket_is_404(tech_client, ticket):
    assert tech_client.get(reverse("helpdesk_ticket", args=[999999])).status_code == 404


def test_inactive_custom_fields_are_not_offered(tech_client, ticket):
    CustomField.objects.create(key="old", labels={"en": "Old field"}, is_active=False)
    html = tech_client.get(url("helpdesk_ticket", ticket)).content.decode()
    assert "Old field" not in html


PAYLOADS = [
    "<script>alert('t')</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(2)>",
    '<a href="jav&#x09;ascript:alert(3)">x</a>',
]


def test_C23_payloads_render_inert_in_the_admin_ticket_page(tech_client, ticket, tech, acme):
    payload = " ".join(PAYLOADS)
    acme.name = payload
    acme.save()
    ticket.title = payload[:200]
    ticket.description = payload  # stored raw on purpose: display sanitises again
    ticket.save()
    Reply.objects.create(ticket=ticket, author=tech, body=payload, is_internal=True)
    CustomFieldFactory(key="xss", labels={"en": payload})

    html = tech_client.get(url("helpdesk_ticket", ticket)).content.decode()

    assert "<script>alert(" not in html
    parser = TagCollector()
    parser.feed(html)
    handlers = [(tag, name) for tag, name, _value in parser.attrs if name.startswith("on")]
    assert handlers == []
    links = [value for _tag, name, value in parser.attrs if name in {"href", "src"} and value]
    assert not [v for v in links if "script:" in "".join(v.split()).lower()]
    assert not [tag for tag, _n, _v in parser.attrs if tag == "svg" and _n == "onload"]


class TagCollector(HTMLParser):
    """Every (tag, attribute, value) of the page, as a browser would parse it."""

    def __init__(self):
        super().__init__()
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.attrs.extend((tag, name, value) for name, value in attrs)


def test_status_cannot_be_emptied(tech_client, ticket, tech):
    from django.core.exceptions import ValidationError

    from helpdesk.services import ticket_update_fields

    response = tech_client.post(url("helpdesk_ticket_fields", ticket), {"fields-status": ""})
    assert response.status_code == 400
    assert response.context["fields_form"].errors["status"]
    # The service refuses it too (before the fix it crashed with Status.DoesNotExist).
    with pytest.raises(ValidationError) as refused:
        ticket_update_fields(ticket=ticket, user=tech, values={"status": ""})
    assert "status" in refused.value.message_dict
    ticket.refresh_from_db()
    assert ticket.status.code == "open"
    assert not Activity.objects.exists()

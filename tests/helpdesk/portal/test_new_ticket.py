"""New ticket: schema-driven form, validation with input kept, idempotency (R-02)."""

import pytest

from helpdesk.models import Attachment, PortalSettings, Ticket, TicketType
from tests.factories import CustomFieldFactory

from .conftest import body, pdf, upload

pytestmark = pytest.mark.django_db

URL = "/en/tickets/new/"


def token_of(html):
    return html.split('name="idempotency_key" value="', 1)[1].split('"', 1)[0]


def test_the_form_shows_the_fields_the_contact_may_set_with_defaults(client, a1, set_visibility):
    set_visibility("priority", "editable", required=True, default_code="high")
    set_visibility("impact", "view_only")
    set_visibility("product_family", "hidden")
    CustomFieldFactory(key="location", field_type="dropdown", required=True,
                       options=[{"code": "hq", "labels": {"en": "HQ"}}])  # fmt: skip
    client.force_login(a1)
    html = body(client.get(URL))
    assert 'name="title"' in html and 'name="description"' in html
    assert 'type="file" name="files" multiple' in html
    assert '<option value="high" selected>' in html  # default preselected
    assert 'name="impact"' not in html and 'name="product_family"' not in html
    assert 'name="status"' not in html  # the helpdesk sets a new ticket's status
    location = html.split('for="id_cf_location"', 1)[1].split("</div>", 1)[0]
    assert 'class="required"' in location  # required and marked
    assert len(token_of(html)) >= 20
    assert token_of(html) != token_of(body(client.get(URL)))


def test_ticket_types_are_limited_to_the_customers(client, a1, company_a):
    company_a.allowed_ticket_types.set(TicketType.objects.filter(code__in=["incident", "request"]))
    client.force_login(a1)
    html = body(client.get(URL))
    type_select = html.split('name="type"', 1)[1].split("</select>", 1)[0]
    assert 'value="incident"' in type_select and 'value="request"' in type_select
    assert 'value="change"' not in type_select


def test_a_valid_ticket_is_created_with_files_and_the_user_lands_on_it(client, a1):
    field = CustomFieldFactory(key="seats", field_type="number")
    client.force_login(a1)
    response = client.post(
        URL,
        {
            "title": "Printer on fire",
            "description": "It smokes.",
            "priority": "high",
            "type": "request",
            f"cf_{field.key}": "3",
            "idempotency_key": "tok-1",
            "files": [upload("a.txt"), pdf("b.pdf")],
        },
    )
    ticket = Ticket.objects.get(title="Printer on fire")
    assert response.status_code == 302
    assert response["Location"] == f"/en/tickets/{ticket.number}/"
    assert ticket.requester == a1 and ticket.customer == a1.contact.customer
    assert ticket.priority.code == "high" and ticket.type.code == "request"
    assert ticket.custom_values == {"seats": 3}
    assert ticket.description == "<p>It smokes.</p>"
    assert ticket.source == "portal"
    assert Attachment.objects.filter(ticket=ticket).count() == 2
    page = body(client.get(response["Location"]))
    assert f"Ticket #{ticket.number} was created." in page


def test_missing_title_keeps_every_input(client, a1):
    client.force_login(a1)
    response = client.post(
        URL,
        {
            "title": "  ",
            "description": "Details I typed",
            "priority": "low",
            "idempotency_key": "k",
        },
    )
    assert response.status_code == 400
    html = body(response)
    assert "Give the ticket a title." in html
    assert "Details I typed</textarea>" in html
    assert '<option value="low" selected>' in html
    assert token_of(html) == "k"
    assert not Ticket.objects.exists()


def test_a_disallowed_type_is_refused_with_input_kept(client, a1, company_a):
    company_a.allowed_ticket_types.set(TicketType.objects.filter(code="incident"))
    client.force_login(a1)
    response = client.post(URL, {"title": "Need a change", "type": "change"})
    assert response.status_code == 400
    html = body(response)
    assert "Choose one of the offered values." in html
    assert 'value="Need a change"' in html
    assert not Ticket.objects.exists()


def test_a_required_field_without_default_must_be_given(client, a1):
    CustomFieldFactory(key="location", labels={"en": "Location"}, field_type="dropdown",
                       required=True, options=[{"code": "hq", "labels": {}}])  # fmt: skip
    client.force_login(a1)
    response = client.post(URL, {"title": "Where?", "description": "<b>x</b> & y"})
    assert response.status_code == 400
    html = body(response)
    location = html.split('for="id_cf_location"', 1)[1].split("</div>", 1)[0]
    assert "This field is required." in location
    assert 'value="Where?"' in html
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y</textarea>" in html  # plain text kept as typed
    assert not Ticket.objects.exists()


def test_an_oversize_file_is_refused_with_input_kept(client, a1, portal):
    PortalSettings.objects.filter(site=portal).update(max_upload_mb=1)
    client.force_login(a1)
    response = client.post(
        URL,
        {
            "title": "With a big log",
            "description": "<p><strong>kept</strong></p>",
            "description_format": "html",
            "files": [upload("big.log", b"y" * (1024 * 1024 + 1))],
        },
    )
    assert response.status_code == 400
    html = body(response)
    assert "larger than the limit of 1 MB" in html
    assert "Please attach your files again" in html
    assert 'value="With a big log"' in html
    assert "&lt;p&gt;&lt;strong&gt;kept&lt;/strong&gt;&lt;/p&gt;</textarea>" in html
    assert 'name="description_format" value="html"' in html
    assert not Ticket.objects.exists() and not Attachment.objects.exists()


def test_R02_the_same_token_posted_twice_gives_one_ticket(client, a1):
    client.force_login(a1)
    token = token_of(body(client.get(URL)))
    data = {"title": "Double click", "description": "once", "idempotency_key": token}
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Ticket.objects.filter(title="Double click").count() == 1
    ticket = Ticket.objects.get(title="Double click")
    assert first["Location"] == second["Location"] == f"/en/tickets/{ticket.number}/"
    assert ticket.idempotency_key == token
    client.post(URL, {**data, "idempotency_key": "another"})
    assert Ticket.objects.filter(title="Double click").count() == 2


def test_C07_hidden_and_view_only_fields_in_a_hand_made_create_are_refused(
    client, a1, set_visibility
):
    set_visibility("impact", "view_only")
    CustomFieldFactory(key="cost_centre", visibility="hidden")
    client.force_login(a1)
    for extra in ({"impact": "crisis"}, {"cf_cost_centre": "CC-1"}, {"status": "closed"}):
        response = client.post(URL, {"title": "Sneaky", **extra})
        assert response.status_code == 400, extra
    assert not Ticket.objects.exists()


def test_C06_a_contact_cannot_file_for_someone_else(client, a1, b1):
    client.force_login(a1)
    client.post(URL, {"title": "Mine", "requester": b1.pk, "customer": b1.contact.customer_id})
    ticket = Ticket.objects.get(title="Mine")
    assert ticket.requester == a1 and ticket.customer_id == a1.contact.customer_id

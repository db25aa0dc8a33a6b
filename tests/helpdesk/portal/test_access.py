"""Who sees which tickets on the portal's pages (SECURITY C-01 … C-05, C-19, C-20)."""

import pytest

from tests.factories import TechnicianFactory, UserFactory

from .conftest import body, same_page

pytestmark = pytest.mark.django_db


def numbers_in(response):
    """Ticket numbers of the list's rows."""
    cells = body(response).split('class="col-number"><a href')[1:]
    return {int(cell.split(">#", 1)[1].split("<", 1)[0]) for cell in cells}


def test_every_page_needs_a_login_and_comes_back_after_it(client, t_a1):
    for url in (
        "/en/tickets/",
        "/en/tickets/new/",
        f"/en/tickets/{t_a1.number}/",
        "/en/tickets/export.csv",
        "/de/tickets/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        lang = url.split("/")[1]
        assert response["Location"] == f"/{lang}/account/login/?next={url}"


def test_C02_a_contact_lists_only_their_own_tickets(client, a1, t_a1, t_a2, t_b1):
    client.force_login(a1)
    response = client.get("/en/tickets/")
    assert response.status_code == 200
    assert numbers_in(response) == {t_a1.number}
    assert t_a2.title not in body(response) and t_b1.title not in body(response)


def test_C03_a_main_contact_lists_the_whole_customer_never_another(
    client, a_main, t_a1, t_a2, t_b1
):
    client.force_login(a_main)
    assert numbers_in(client.get("/en/tickets/")) == {t_a1.number, t_a2.number}
    assert numbers_in(client.get("/en/tickets/?scope=company")) == {t_a1.number, t_a2.number}
    assert numbers_in(client.get("/en/tickets/?scope=mine")) == set()
    html = body(client.get("/en/tickets/"))
    assert "All tickets of Acme Corp" in html and "My tickets" in html
    assert t_b1.title not in html


def test_C01_a_foreign_ticket_is_the_same_404_as_a_missing_one(client, b1, t_a1):
    client.force_login(b1)
    foreign = client.get(f"/en/tickets/{t_a1.number}/")
    missing = client.get("/en/tickets/999999/")
    assert foreign.status_code == missing.status_code == 404
    assert same_page(foreign, f"/en/tickets/{t_a1.number}/") == same_page(
        missing, "/en/tickets/999999/"
    )
    assert "Page not found" in body(foreign)
    assert t_a1.title not in body(foreign)


def test_C02_a_colleagues_ticket_is_404_for_a_plain_contact(client, a1, t_a2):
    client.force_login(a1)
    response = client.get(f"/en/tickets/{t_a2.number}/")
    assert response.status_code == 404
    assert t_a2.title not in body(response)


def test_C03_a_main_contact_opens_a_colleagues_ticket(client, a_main, t_a2):
    client.force_login(a_main)
    response = client.get(f"/en/tickets/{t_a2.number}/")
    assert response.status_code == 200
    assert t_a2.title in body(response)


def test_C01_posts_on_a_foreign_ticket_are_404_and_change_nothing(client, b1, t_a1):
    client.force_login(b1)
    for action, data in (
        ("reply", {"body": "hi"}),
        ("fields", {"field": "priority", "priority": "high"}),
        ("close", {}),
        ("reopen", {}),
    ):
        response = client.post(f"/en/tickets/{t_a1.number}/{action}/", data)
        assert response.status_code == 404, action
    t_a1.refresh_from_db()
    assert t_a1.priority.code == "medium"
    assert t_a1.status.code == "open"
    assert t_a1.replies.count() == 0


def test_C20_a_foreign_attachment_is_404_even_with_conditional_headers(
    client, b1, t_a1, t_b1, attach
):
    file_a = attach(t_a1)
    client.force_login(b1)
    urls = [
        f"/en/tickets/{t_a1.number}/attachments/{file_a.pk}/",
        # B's own ticket number with A's file id: the file still belongs to A.
        f"/en/tickets/{t_b1.number}/attachments/{file_a.pk}/",
    ]
    missing_url = f"/en/tickets/{t_b1.number}/attachments/999999/"
    missing = same_page(client.get(missing_url), missing_url)
    for url in urls:
        plain = client.get(url)
        conditional = client.get(
            url,
            HTTP_IF_NONE_MATCH='"anything"',
            HTTP_IF_MODIFIED_SINCE="Wed, 21 Oct 2015 07:28:00 GMT",
        )
        assert plain.status_code == conditional.status_code == 404
        assert same_page(plain, url) == same_page(conditional, url) == missing


def test_C19_an_own_attachment_downloads_through_the_checked_view(client, a1, t_a1, attach):
    file_a = attach(t_a1, "log.txt")
    client.force_login(a1)
    response = client.get(f"/en/tickets/{t_a1.number}/attachments/{file_a.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"plain text notes"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''log.txt"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # The wrong ticket number in the path does not find it either.
    assert client.get(f"/en/tickets/{t_a1.number + 1}/attachments/{file_a.pk}/").status_code == 404


def test_C19_attachments_of_internal_notes_are_not_downloadable(client, a1, t_a1):
    from helpdesk.services import attachment_add
    from tests.factories import ReplyFactory

    from .conftest import upload

    note = ReplyFactory(ticket=t_a1, author=TechnicianFactory(), is_internal=True)
    hidden = attachment_add(ticket=t_a1, reply=note, uploaded_by=note.author, upload=upload())
    client.force_login(a1)
    assert client.get(f"/en/tickets/{t_a1.number}/attachments/{hidden.pk}/").status_code == 404
    assert "notes.txt" not in body(client.get(f"/en/tickets/{t_a1.number}/"))


def test_C04_export_is_for_main_contacts_and_scoped_to_their_customer(
    client, a_main, a1, b1, t_a1, t_a2, t_b1
):
    client.force_login(a1)
    refused = client.get("/en/tickets/export.csv")
    assert refused.status_code == 404
    assert "Page not found" in body(refused)
    client.force_login(a_main)
    csv_text = b"".join(client.get("/en/tickets/export.csv").streaming_content).decode()
    assert t_a1.title in csv_text and t_a2.title in csv_text
    assert t_b1.title not in csv_text
    client.force_login(b1)
    csv_text = b"".join(client.get("/en/tickets/export.csv").streaming_content).decode()
    assert t_b1.title in csv_text and t_a1.title not in csv_text


def test_C05_a_demoted_main_contact_loses_the_colleagues_tickets_at_once(client, a_main, t_a1):
    client.force_login(a_main)
    assert client.get(f"/en/tickets/{t_a1.number}/").status_code == 200
    a_main.contact.is_main_contact = False
    a_main.contact.save()
    assert client.get(f"/en/tickets/{t_a1.number}/").status_code == 404
    assert client.get("/en/tickets/export.csv").status_code == 404


def test_C05_a_contact_without_portal_access_sees_no_tickets(client, a1, t_a1):
    client.force_login(a1)
    a1.contact.portal_access = False
    a1.contact.save()
    # The open session ends with the access (C-37): every ticket page sends to the login.
    listing = client.get("/en/tickets/")
    assert listing.status_code == 302
    assert listing["Location"].startswith("/en/account/login/")
    assert t_a1.title not in body(listing)
    ticket = client.get(f"/en/tickets/{t_a1.number}/")
    assert ticket.status_code == 302
    assert t_a1.title not in body(ticket)


def test_technicians_are_sent_to_the_admin_and_get_no_ticket_data(client, t_a1):
    client.force_login(TechnicianFactory())
    listing = client.get("/en/tickets/")
    assert "Technicians work tickets in the admin" in body(listing)
    assert t_a1.title not in body(listing)
    assert client.get(f"/en/tickets/{t_a1.number}/").status_code == 404
    assert client.get("/en/tickets/export.csv").status_code == 404
    new = client.get("/en/tickets/new/")
    assert 'name="title"' not in body(new)


def test_a_user_without_contact_gets_no_form(client):
    """Staff who are not technicians (a KB editor) get the explanation, never the form; an
    account that is neither staff nor a contact is not signed in at all (C-37)."""
    client.force_login(UserFactory(is_staff=True))
    page = client.get("/en/tickets/new/")
    assert 'name="title"' not in body(page)
    assert "not linked to a customer" in body(page)
    assert client.post("/en/tickets/new/", {"title": "x"}).status_code == 200
    client.force_login(UserFactory())
    assert client.post("/en/tickets/new/", {"title": "x"}).status_code == 302

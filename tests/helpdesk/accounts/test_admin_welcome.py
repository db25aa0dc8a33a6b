import pytest
from django.contrib.auth.models import Group

from helpdesk.core.permissions import HELPDESK_MANAGERS_GROUP
from helpdesk.models import AccountToken, OutboxMessage
from tests.factories import ContactFactory, CustomerFactory, TechnicianFactory, UserFactory

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, configured_portal):
    user = UserFactory(email="manager@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=HELPDESK_MANAGERS_GROUP))
    client.force_login(user)
    return client


@pytest.fixture
def acme(configured_portal):
    return CustomerFactory(name="Acme Corp", portal=configured_portal)


def welcome_mails():
    return list(OutboxMessage.objects.filter(template="welcome").order_by("id"))


def test_contact_edit_page_has_the_welcome_button(manager_client, acme):
    contact = ContactFactory(customer=acme)
    html = manager_client.get(f"/admin/helpdesk/contacts/edit/{contact.pk}/").content.decode()
    assert f"/admin/helpdesk/welcome/contact/{contact.pk}/" in html


def test_customer_edit_page_has_the_all_contacts_button(manager_client, acme):
    html = manager_client.get(f"/admin/helpdesk/customers/edit/{acme.pk}/").content.decode()
    assert f"/admin/helpdesk/welcome/customer/{acme.pk}/" in html


def test_single_send_asks_first_then_sends_one_email(manager_client, acme):
    contact = ContactFactory(customer=acme, user__email="new@acme.example")
    url = f"/admin/helpdesk/welcome/contact/{contact.pk}/"
    page = manager_client.get(url)
    assert page.status_code == 200
    assert "new@acme.example" in page.content.decode()
    assert welcome_mails() == []  # GET sends nothing

    response = manager_client.post(url)
    assert response.status_code == 302
    (mail,) = welcome_mails()
    assert mail.recipient == "new@acme.example"


def test_per_customer_send_three_contacts_three_emails(manager_client, acme):
    contacts = [ContactFactory(customer=acme) for _ in range(3)]
    ContactFactory(customer=acme, portal_access=False)
    ContactFactory()  # another customer's contact
    manager_client.post(f"/admin/helpdesk/welcome/customer/{acme.pk}/")
    assert sorted(m.recipient for m in welcome_mails()) == sorted(c.user.email for c in contacts)
    assert AccountToken.objects.filter(purpose="welcome").count() == 3


BULK = "/admin/bulk/helpdesk/contact/send_welcome/"


def test_contact_listing_offers_the_bulk_action(manager_client, acme):
    contact = ContactFactory(customer=acme)
    html = manager_client.get("/admin/helpdesk/contacts/").content.decode()
    assert f'data-object-id="{contact.pk}"' in html  # a tick box per contact
    assert BULK in html


def test_bulk_send_three_selected_contacts_three_emails(manager_client, acme):
    chosen = [ContactFactory(customer=acme) for _ in range(3)]
    ContactFactory(customer=acme)  # not selected
    query = "&".join(f"id={c.pk}" for c in chosen) + "&next=/admin/helpdesk/contacts/"
    page = manager_client.get(f"{BULK}?{query}")
    assert page.status_code == 200
    assert all(c.user.email in page.content.decode() for c in chosen)
    assert welcome_mails() == []  # GET sends nothing

    response = manager_client.post(f"{BULK}?{query}", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/helpdesk/contacts/"
    assert sorted(m.recipient for m in welcome_mails()) == sorted(c.user.email for c in chosen)
    assert "3 welcome e-mails were queued." in response.content.decode()


@pytest.mark.parametrize("scope", ["bulk", "customer"])
def test_contacts_without_portal_access_are_skipped_with_a_message(manager_client, acme, scope):
    with_access = ContactFactory(customer=acme)
    without = [
        ContactFactory(customer=acme, portal_access=False),
        ContactFactory(customer=acme, user__is_active=False),
    ]
    if scope == "bulk":
        ids = "&".join(f"id={c.pk}" for c in [with_access, *without])
        url = f"{BULK}?{ids}&next=/admin/helpdesk/contacts/"
    else:
        url = f"/admin/helpdesk/welcome/customer/{acme.pk}/"
    page = manager_client.get(url).content.decode()
    assert "Without portal access (no e-mail):" in page
    assert all(c.user.email in page for c in without)
    response = manager_client.post(url, follow=True)
    assert [m.recipient for m in welcome_mails()] == [with_access.user.email]
    text = response.content.decode()
    assert "1 welcome e-mail was queued." in text
    assert "2 contacts without portal access were skipped." in text


def test_bulk_send_is_for_technicians_and_contact_managers_only(client, acme):
    contact = ContactFactory(customer=acme)
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.post(f"{BULK}?id={contact.pk}").status_code in (302, 403)
    assert welcome_mails() == []
    client.force_login(TechnicianFactory())
    assert client.post(f"{BULK}?id={contact.pk}").status_code == 302
    assert len(welcome_mails()) == 1


def test_a_technician_may_send(client, acme):
    client.force_login(TechnicianFactory())
    contact = ContactFactory(customer=acme)
    assert client.post(f"/admin/helpdesk/welcome/contact/{contact.pk}/").status_code == 302
    assert len(welcome_mails()) == 1


def test_staff_without_helpdesk_rights_and_contacts_may_not_send(client, acme):
    contact = ContactFactory(customer=acme)
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.post(f"/admin/helpdesk/welcome/contact/{contact.pk}/").status_code in (
        302,
        403,
    )
    client.force_login(contact.user)
    assert client.post(f"/admin/helpdesk/welcome/contact/{contact.pk}/").status_code == 302
    assert welcome_mails() == []


def test_C24_links_use_the_configured_host_even_with_a_hostile_host_header(manager_client, acme):
    contact = ContactFactory(customer=acme)
    url = f"/admin/helpdesk/welcome/contact/{contact.pk}/"
    assert manager_client.post(url, HTTP_HOST="evil.example").status_code == 400
    manager_client.post(url, HTTP_HOST="localhost")
    (mail,) = welcome_mails()
    assert mail.context["welcome_url"].startswith(PUBLIC_BASE_URL + "/")
    assert mail.context["portal_url"].startswith(PUBLIC_BASE_URL + "/")


def test_sending_needs_csrf(acme):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(TechnicianFactory())
    contact = ContactFactory(customer=acme)
    assert csrf_client.post(f"/admin/helpdesk/welcome/contact/{contact.pk}/").status_code == 403
    assert csrf_client.post(f"{BULK}?id={contact.pk}").status_code == 403
    assert welcome_mails() == []

"""The automatic welcome e-mail (SPEC §4.4): sent once a contact *gets* portal access, after
the commit, only when the portal's settings ask for it (off by default)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from helpdesk.core.permissions import HELPDESK_MANAGERS_GROUP
from helpdesk.models import AccountToken, Contact, OutboxMessage, PortalSettings
from tests.factories import ContactFactory, CustomerFactory, UserFactory

from .conftest import PUBLIC_BASE_URL

pytestmark = pytest.mark.django_db


def welcome_mails():
    return list(OutboxMessage.objects.filter(template="welcome").order_by("id"))


@pytest.fixture
def auto_send(configured_portal):
    PortalSettings.objects.filter(site=configured_portal).update(welcome_auto_send=True)
    return configured_portal


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as a real request's end would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_it_is_off_by_default(configured_portal, commit):
    assert PortalSettings.for_site(configured_portal).welcome_auto_send is False
    with commit():
        ContactFactory()
    assert welcome_mails() == []


def test_a_new_contact_with_access_gets_it_after_the_commit(auto_send, commit):
    with commit():
        contact = ContactFactory(user__email="new@acme.example", user__language="fr")
        assert welcome_mails() == []  # nothing before the commit
    (row,) = welcome_mails()
    assert row.recipient == "new@acme.example" and row.language == "fr"
    (sent,) = mail.outbox  # delivered after the commit, too
    assert sent.to == ["new@acme.example"]
    assert f"{PUBLIC_BASE_URL}/fr/account/welcome/" in sent.body
    assert AccountToken.objects.filter(user=contact.user, purpose="welcome").count() == 1


def test_switching_access_on_sends_once_per_switch(auto_send, commit):
    with commit():
        contact = ContactFactory(portal_access=False)
    assert welcome_mails() == []
    with commit():
        contact.portal_access = True
        contact.save()
        contact.save()  # the same switch, saved twice
    with commit():
        Contact.objects.get(pk=contact.pk).save()  # access unchanged
        contact.job_title = "CFO"
        contact.save(update_fields=["job_title"])
    assert len(welcome_mails()) == 1
    with commit():
        contact.portal_access = False
        contact.save()
    with commit():
        contact.portal_access = True
        contact.save()  # a new switch
    assert len(welcome_mails()) == 2


def test_a_rolled_back_save_sends_nothing(auto_send, commit):
    with commit():
        try:
            with transaction.atomic():
                ContactFactory()
                raise RuntimeError("the admin's save failed later on")
        except RuntimeError:
            pass
    assert welcome_mails() == []


def test_nothing_for_a_contact_who_still_cannot_log_in(auto_send, commit):
    with commit():
        ContactFactory(user__is_active=False)
        ContactFactory(customer=CustomerFactory(portal=auto_send, is_active=False))
    assert welcome_mails() == []


def test_switching_access_on_in_the_admin_sends_it(client, auto_send, commit):
    manager = UserFactory(is_staff=True)
    manager.groups.add(Group.objects.get(name=HELPDESK_MANAGERS_GROUP))
    client.force_login(manager)
    contact = ContactFactory(customer=CustomerFactory(portal=auto_send), portal_access=False)
    form = {
        "user": contact.user.pk,
        "customer": contact.customer.pk,
        "job_title": contact.job_title,
        "phone": "",
        "portal_access": "on",
    }
    with commit():
        response = client.post(f"/admin/helpdesk/contacts/edit/{contact.pk}/", form)
    assert response.status_code == 302
    (row,) = welcome_mails()
    assert row.recipient == contact.user.email


def test_seed_demo_sends_no_welcome_emails(commit):
    with commit():
        call_command("seed_demo")
    PortalSettings.objects.update(welcome_auto_send=True)
    with commit():
        call_command("seed_demo")  # run again with the setting on: nobody *gets* access
    assert welcome_mails() == []

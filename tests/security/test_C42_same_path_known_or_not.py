"""SECURITY C-42: whether an account exists must not show in the answer time of the password
reset or the e-mail change, in any tasks mode. Tested by the work done, never by timing: a
known and an unknown address enqueue the same task, render the same templates and send the
same number of e-mails (with tasks run inline, the request does all of it)."""

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.test.signals import template_rendered
from django_tasks import default_task_backend

from helpdesk.models import AccountToken
from tests.factories import ContactFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

RESET = "/en/account/password-reset/"
PROFILE = "/en/account/profile/"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Work:
    """The templates rendered and the e-mails sent while a request is answered."""

    def __init__(self):
        self.templates = []

    def __enter__(self):
        self.sent_before = len(mail.outbox)
        template_rendered.connect(self._rendered)
        return self

    def __exit__(self, *exc):
        template_rendered.disconnect(self._rendered)
        self.sent = len(mail.outbox) - self.sent_before

    def _rendered(self, sender, template, **kwargs):
        self.templates.append(template.name)


def answered(client, path, data, django_capture_on_commit_callbacks):
    with Work() as work, django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data)
    return response, work


def test_C42_a_reset_for_a_known_and_an_unknown_address_does_the_same_work(
    portal, django_capture_on_commit_callbacks
):
    ContactFactory(user__email="alice@acme.example")
    requests = [
        answered(Client(), RESET, {"email": email}, django_capture_on_commit_callbacks)
        for email in ("warm-up@acme.example", "alice@acme.example", "nobody@acme.example")
    ]
    (_, _), (known, known_work), (unknown, unknown_work) = requests

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    emails = [name for name in known_work.templates if name.startswith("emails/")]
    assert "emails/password_reset_code.html" in emails
    assert known_work.templates == unknown_work.templates
    assert known_work.sent == unknown_work.sent == 1
    # Only the account got a code: the stranger's e-mail says no account uses the address.
    code_mail, note = mail.outbox[-2:]
    assert code_mail.to == ["alice@acme.example"] and note.to == ["nobody@acme.example"]
    assert "Your code to reset your password:" in code_mail.body
    assert "no code was sent" in note.body and "Your code" not in note.body


@override_settings(TASKS=DUMMY_TASKS)
def test_C42_a_reset_enqueues_the_same_task_for_both(portal):
    ContactFactory(user__email="alice@acme.example")
    default_task_backend.clear()
    for email in ("alice@acme.example", "nobody@acme.example"):
        Client().post(RESET, {"email": email})
    known, unknown = default_task_backend.results
    assert known.task.name == unknown.task.name == "send_password_reset_code"
    assert known.args == unknown.args == []
    assert set(known.kwargs) == set(unknown.kwargs) == {"email", "language", "portal_id"}


def test_C42_an_email_change_to_a_free_or_a_taken_address_does_the_same_work(
    portal, django_capture_on_commit_callbacks
):
    alice = ContactFactory(user__email="alice@acme.example").user
    ContactFactory(user__email="bob@acme.example")
    client = Client()
    client.force_login(alice)

    def change_to(address):
        data = {"action": "email", "new_email": address, "current_password": PASSWORD}
        return answered(client, PROFILE, data, django_capture_on_commit_callbacks)

    change_to("warm-up@acme.example")
    free, free_work = change_to("free@acme.example")
    taken, taken_work = change_to("bob@acme.example")

    assert free.status_code == taken.status_code == 302
    assert free["Location"] == taken["Location"]
    assert "emails/email_change_confirm.html" in free_work.templates
    assert free_work.templates == taken_work.templates
    assert free_work.sent == taken_work.sent == 2  # the new address, and the old one told
    assert "already belongs to an account" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["bob@acme.example"]
    # Nothing was set in motion for the taken address.
    assert not AccountToken.objects.filter(new_email="bob@acme.example").exists()

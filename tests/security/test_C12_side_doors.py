"""SECURITY C-09/C-10/C-12 on a side door: Wagtail's own admin password reset
(/admin/password_reset/), when enabled, mails a Django reset link to any active user, portal
contacts included. That link lives PASSWORD_RESET_TIMEOUT (3 days by default), has no attempt
counter and no per-account limit, so it sidesteps the portal's 10-minute, 5-try, rate-limited
codes (SPEC §4.3).

Expected: the portal's reset is the only reset — the admin form sends nothing to contacts, and
repeated requests for any address are limited like the portal's. Settled by switching Wagtail's
form off (WAGTAIL_PASSWORD_RESET_ENABLED = False in cms/settings/base.py)."""

import pytest
from django.core import mail
from django.test import Client

from tests.factories import ContactFactory, TechnicianFactory

pytestmark = pytest.mark.django_db


def test_C12_the_admin_reset_form_sends_contacts_nothing(portal):
    ContactFactory(user__email="bob@acme.example")
    response = Client().post("/admin/password_reset/", {"email": "bob@acme.example"})
    assert response.status_code in (302, 404)
    assert mail.outbox == []


def test_C12_the_admin_reset_form_is_limited_per_account(portal):
    TechnicianFactory(email="tess@helpdesk.example")
    client = Client()
    for _ in range(20):
        client.post("/admin/password_reset/", {"email": "tess@helpdesk.example"})
    assert len(mail.outbox) <= 5


def test_C12_control_the_portal_reset_is_limited_per_account(
    portal, django_capture_on_commit_callbacks
):
    """The rule the side door should follow, holding on the portal's own form."""
    ContactFactory(user__email="bob@acme.example")
    client = Client()
    for _ in range(20):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/en/account/password-reset/", {"email": "bob@acme.example"})
    assert 1 <= len(mail.outbox) <= 5

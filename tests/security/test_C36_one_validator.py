"""C-36: one rule per value, whichever door writes it (security round 2, finding 11). The
portal's profile form refused a phone number that `PATCH /api/v1/me/` stored; the rule now sits
on the model field and every door (portal form, API, admin) validates with it."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from helpdesk.accounts.forms import ProfileForm
from helpdesk.api.serializers import ProfileSerializer
from helpdesk.models import Contact
from helpdesk.models.customers import phone_number
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["<script>alert(1)</script>", "+41 44 000 00 00; DROP", "call me"]


@pytest.fixture
def contact(portal):
    return ContactFactory(phone="+41 44 000 00 00")


@pytest.mark.parametrize("phone", HOSTILE)
def test_C36_the_api_refuses_the_phone_numbers_the_portal_refuses(contact, phone):
    portal = Client()
    portal.force_login(contact.user)
    form = portal.post("/en/account/profile/", {"action": "profile", "phone": phone})
    api = APIClient()
    api.force_authenticate(contact.user)
    patched = api.patch("/api/v1/me/", {"phone": phone}, format="json")

    assert form.status_code == 400
    assert patched.status_code == 400
    assert "phone" in patched.json()["error"]["fields"]
    assert Contact.objects.get(pk=contact.pk).phone == "+41 44 000 00 00"


def test_C36_both_doors_take_a_real_number(contact):
    api = APIClient()
    api.force_authenticate(contact.user)
    assert (
        api.patch("/api/v1/me/", {"phone": "+49 (30) 123-45.67"}, format="json").status_code == 200
    )
    assert Contact.objects.get(pk=contact.pk).phone == "+49 (30) 123-45.67"


@pytest.mark.parametrize("phone", HOSTILE)
def test_C36_the_admin_validates_with_the_same_rule(contact, phone):
    """The admin's contact form is a model form: the field's own validators run there, and they
    are the very ones the portal form and the API use."""
    contact.phone = phone
    with pytest.raises(ValidationError) as refused:
        contact.full_clean()
    assert "phone" in refused.value.message_dict
    assert phone_number in ProfileForm.base_fields["phone"].validators
    assert phone_number in ProfileSerializer().fields["phone"].validators

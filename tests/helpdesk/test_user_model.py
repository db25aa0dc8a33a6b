import pytest
from django.db import IntegrityError

from helpdesk.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_stored_lower_case_by_every_path():
    created = User.objects.create_user("Mike@Example.ORG", "pw-1234567890")
    saved = User(email="  Nina@Example.org ")
    saved.save()
    assert User.objects.get(pk=created.pk).email == "mike@example.org"
    assert User.objects.get(pk=saved.pk).email == "nina@example.org"


def test_two_accounts_cannot_share_an_address_in_different_case():
    UserFactory(email="mike@example.org")
    with pytest.raises(IntegrityError):
        UserFactory(email="MIKE@example.org")


def test_a_lookalike_address_does_not_find_another_account():
    UserFactory(email="mike@example.org")
    with pytest.raises(User.DoesNotExist):
        User.objects.get_by_natural_key("m\u0131ke@example.org")  # dotless i


def test_language_defaults_to_english_and_names_make_the_display_name():
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    assert user.language == "en"
    assert str(user) == "Ada Lovelace"


def test_superuser_creation():
    admin = User.objects.create_superuser("root@example.org", "pw-1234567890")
    assert admin.is_staff and admin.is_superuser
    assert admin.check_password("pw-1234567890")

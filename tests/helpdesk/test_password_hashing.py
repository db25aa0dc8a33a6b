"""Passwords are stored with Argon2id at OWASP's parameters; a hash made with other (Django's
default) parameters still logs in and is re-hashed at that login."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher, make_password
from django.test import override_settings

from cms.settings import base as base_settings
from helpdesk.accounts.hashers import OwaspArgon2PasswordHasher
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

# The tests run with a fast hasher (cms.settings.test); these are the ones production uses.
PRODUCTION_HASHERS = base_settings.PASSWORD_HASHERS


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_new_passwords_are_argon2id_at_owasp_parameters():
    encoded = make_password("correct horse battery")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_hash_with_older_parameters_logs_in_and_is_upgraded(client):
    contact = ContactFactory(user__email="old@acme.example")
    user = contact.user
    user.password = Argon2PasswordHasher().encode("correct horse battery", "saltsaltsalt")
    user.save()
    assert "m=102400,t=2,p=8" in user.password

    response = client.post(
        "/en/account/login/",
        {"username": "old@acme.example", "password": "correct horse battery"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password
    assert isinstance(identify_hasher(user.password), OwaspArgon2PasswordHasher)

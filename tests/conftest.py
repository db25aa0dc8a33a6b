import io
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

from helpdesk.models import PortalSettings
from tests.factories import ContactFactory, UserFactory


@pytest.fixture(autouse=True, scope="session")
def _remove_private_storage_afterwards():
    # cms.settings.test gives each test process its own temporary private storage folder.
    yield
    shutil.rmtree(settings.PRIVATE_STORAGE_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttle counters and cached settings must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal(db):
    """The default portal (migrated site) with its settings row."""
    site = Site.objects.get(is_default_site=True)
    PortalSettings.for_site(site)
    return site


@pytest.fixture
def contact(db):
    return ContactFactory(user__email="alice@acme.example", customer__name="Acme Corp")


@pytest.fixture
def staff_user(db):
    return UserFactory(email="tech@example.com", is_staff=True)


@pytest.fixture(scope="module")
def demo_seeded(django_db_setup, django_db_blocker):
    """`seed_demo` once per test module (and test process), in a transaction rolled back when
    the module ends. Each test's own transaction is a savepoint inside it, so every test starts
    from the freshly seeded demo and sees no other test's changes; seeding takes ~20 s."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)

import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
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

import pytest
from django.db import transaction
from django.test import override_settings

from .world import build_world


@pytest.fixture(scope="module")
def security_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's cast, built once per module inside an outer transaction that is rolled back
    at the end; each test runs in its own savepoint on top (pytest-django's `django_db`), so
    one test's writes never reach the next."""
    media = tmp_path_factory.mktemp("security-media")
    from django.conf import settings

    # Wagtail's document view sends files by path; the test default storage is in memory.
    files_on_disk = override_settings(
        STORAGES={
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(media)},
            },
        },
        MEDIA_ROOT=str(media),
    )
    with django_db_blocker.unblock(), files_on_disk:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

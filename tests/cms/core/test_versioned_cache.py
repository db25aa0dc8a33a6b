"""The versioned cache across an upgrade: an entry pickled by an earlier release whose class has
moved or gone is a miss (computed again and stored), never an error, on each cache backend the
project ships (process memory in tests, the shared file cache by default)."""

import sys
import types

import pytest
from django.core.cache import cache
from django.test import override_settings

from cms.core.versioned_cache import bump, cached

GONE = "tests_release_before_the_move"


@pytest.fixture(params=["locmem", "file"])
def backend(request, tmp_path):
    if request.param == "locmem":
        settings = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        settings = {"BACKEND": "cms.core.file_cache.SharedFileCache", "LOCATION": str(tmp_path)}
    with override_settings(CACHES={"default": settings}):
        cache.clear()
        yield request.param


@pytest.fixture
def old_release():
    """A module of an earlier release with the class its cache entries were pickled from."""
    module = types.ModuleType(GONE)
    exec("class FieldSchema:\n    fields = ()", module.__dict__)  # noqa: S102
    module.FieldSchema.__module__ = GONE
    sys.modules[GONE] = module
    yield module
    sys.modules.pop(GONE, None)


def test_an_entry_whose_module_is_gone_is_computed_again(backend, old_release):
    cached("schema", ("acme",), old_release.FieldSchema)
    del sys.modules[GONE]  # the new release has no such module

    assert cached("schema", ("acme",), lambda: "rebuilt") == "rebuilt"
    # The fresh value replaced the unreadable one.
    assert cached("schema", ("acme",), lambda: "not asked") == "rebuilt"


def test_an_entry_whose_class_is_gone_is_computed_again(backend, old_release):
    cached("schema", ("acme",), old_release.FieldSchema)
    del old_release.FieldSchema  # the module stayed, the class moved elsewhere

    assert cached("schema", ("acme",), lambda: "rebuilt") == "rebuilt"


def test_readable_entries_are_served_until_the_namespace_moves_on(backend):
    calls = []

    def compute():
        calls.append(1)
        return {"built": len(calls)}

    assert cached("schema", ("acme",), compute) == {"built": 1}
    assert cached("schema", ("acme",), compute) == {"built": 1}
    bump("schema")
    assert cached("schema", ("acme",), compute) == {"built": 2}


def test_a_request_reads_a_version_once_and_sees_its_own_bump(backend):
    """Inside a request (the middleware) a version is one snapshot, except for the request's
    own bump; outside one every read asks the cache."""
    from cms.core.versioned_cache import VersionsReadOnceMiddleware, version

    seen = []

    def view(request):
        first = version("schema")
        cache.set("vc:schema:version", 42, None)  # another process moves it on
        seen.append(version("schema") == first)  # this request keeps its snapshot
        bump("schema")  # the request's own change
        seen.append(version("schema") not in (first, 42))

    VersionsReadOnceMiddleware(view)(None)
    assert seen == [True, True]
    cache.set("vc:schema:version", 7, None)
    assert version("schema") == 7  # no request: no snapshot

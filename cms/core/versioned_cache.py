"""Small per-namespace caches that are dropped as a whole: every key carries the namespace's
version, and `bump(namespace)` moves the version on, so one signal invalidates every entry
(per site, locale, customer...) without knowing the keys.

An entry that cannot be read back (pickled by an earlier release, naming a class that has moved
or gone) is a miss and is computed again: an upgrade never answers 500 for its old entries, and
never has to clear the cache (sessions may live there).

Within a request each version is read once (`VersionsReadOnceMiddleware`): a KB page asks for
the KB generation and a handful of versions a dozen times each, and every read is a round trip
to the cache. One request then sees one snapshot of them, and a bump in the request itself is
seen at once (it forgets the version it moved)."""

import pickle
import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

# A safety net for per-process caches (locmem) that a signal in another process cannot reach.
DEFAULT_TIMEOUT = 300
_MISSING = object()
# What the portal frame shows around every page (the sidebar's entries): the shell caches it per
# version, the ticket page's ETag includes it, and the app whose data the frame shows (the KB)
# moves it on.
SHELL = "shell"
# What unpickling an entry of a moved or removed class raises.
UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError)
# The versions read by the request being answered; None outside a request (tasks, commands).
_read_this_request: ContextVar[dict | None] = ContextVar("versions_read", default=None)


def read_once(key, read):
    """`read()`, the value of the version `key`, read once per request."""
    seen = _read_this_request.get()
    if seen is None:
        return read()
    if key not in seen:
        seen[key] = read()
    return seen[key]


def forget(key):
    """The version `key` moved on: the request reads it again."""
    seen = _read_this_request.get()
    if seen is not None:
        seen.pop(key, None)


class VersionsReadOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read_this_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_this_request.reset(token)


def _version(namespace):
    key = f"vc:{namespace}:version"
    return read_once(key, lambda: cache.get_or_set(key, time.time_ns, timeout=None))


def cached(namespace, parts, compute, timeout=DEFAULT_TIMEOUT):
    """`compute()` cached under `parts` (a tuple of plain values) in `namespace`."""
    return stored(("vc", namespace, _version(namespace), *parts), compute, timeout)


def stored(parts, compute, timeout=DEFAULT_TIMEOUT):
    """`compute()` cached under `parts`, which carry their own version (the KB generation, a
    namespace's version): no further version is read."""
    key = ":".join(map(str, parts))
    try:
        value = cache.get(key, _MISSING)
    except UNREADABLE:
        value = _MISSING
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def after_commit_too(move):
    """Run `move` now and, inside a transaction, once more when it commits. Receivers run inside
    the transaction of the save: a request between the save and the commit reads the old rows
    and would keep them under the version moved a moment before, so the version moves on again
    once the new rows are visible to everyone (C-35)."""
    move()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(move)


def bump(namespace):
    key = f"vc:{namespace}:version"

    def move():
        cache.set(key, time.time_ns(), timeout=None)
        forget(key)

    after_commit_too(move)


def version(namespace):
    """The namespace's current version (for ETags that must change with its contents)."""
    return _version(namespace)


def bump_key(key, timeout=24 * 3600):
    """A single version value (e.g. one ticket's), read with `cache.get(key, 0)`."""
    after_commit_too(lambda: cache.set(key, time.time_ns(), timeout))

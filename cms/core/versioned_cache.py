"""Small per-namespace caches that are dropped as a whole: every key carries the namespace's
version, and `bump(namespace)` moves the version on, so one signal invalidates every entry
(per site, locale, customer...) without knowing the keys.

An entry that cannot be read back (pickled by an earlier release, naming a class that has moved
or gone) is a miss and is computed again: an upgrade never answers 500 for its old entries, and
never has to clear the cache (sessions may live there)."""

import pickle
import time

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


def _version(namespace):
    return cache.get_or_set(f"vc:{namespace}:version", time.time_ns, timeout=None)


def cached(namespace, parts, compute, timeout=DEFAULT_TIMEOUT):
    """`compute()` cached under `parts` (a tuple of plain values) in `namespace`."""
    key = ":".join(["vc", namespace, str(_version(namespace)), *map(str, parts)])
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
    after_commit_too(lambda: cache.set(f"vc:{namespace}:version", time.time_ns(), timeout=None))


def version(namespace):
    """The namespace's current version (for ETags that must change with its contents)."""
    return _version(namespace)


def bump_key(key, timeout=24 * 3600):
    """A single version value (e.g. one ticket's), read with `cache.get(key, 0)`."""
    after_commit_too(lambda: cache.set(key, time.time_ns(), timeout))

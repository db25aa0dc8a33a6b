"""The default cache (cms.core.file_cache) lists its folder to cull only once in CULL_EVERY writes,
and still culls: the folder never grows far past MAX_ENTRIES; its `incr` loses no increment of
parallel processes and keeps the entry's expiry."""

import multiprocessing
import time

import pytest

from cms.core.file_cache import CULL_EVERY, SharedFileCache


def files(folder):
    return len(list(folder.glob("*.djcache")))


def test_culling_runs_once_in_cull_every_writes(tmp_path):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    for n in range(CULL_EVERY - 1):
        cache.set(f"key-{n}", n)
    assert files(tmp_path) == CULL_EVERY - 1  # no listing, no cull yet
    cache.set("one-more", 1)
    assert files(tmp_path) <= CULL_EVERY // 2 + 1  # the cull ran on this write
    assert cache.get("one-more") == 1


def _count(folder, times):
    cache = SharedFileCache(str(folder), {})
    for _ in range(times):
        cache.incr("hits")


def test_incr_counts_every_increment_of_parallel_processes(tmp_path):
    """Four processes incrementing one counter: none of the 800 increments is lost (Django's
    get-then-set `incr` loses those that overlap)."""
    cache = SharedFileCache(str(tmp_path), {})
    cache.set("hits", 0)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_count, args=(tmp_path, 200)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert cache.get("hits") == 800


def test_incr_keeps_the_expiry_and_refuses_a_missing_or_expired_key(tmp_path, monkeypatch):
    cache = SharedFileCache(str(tmp_path), {})
    with pytest.raises(ValueError):
        cache.incr("missing")
    cache.set("hits", 5, timeout=60)
    assert cache.incr("hits") == 6
    assert cache.incr("hits", 10) == 16
    assert cache.get("hits") == 16
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(ValueError):
        cache.incr("hits")
    assert cache.get("hits") is None
    assert not cache.has_key("hits")

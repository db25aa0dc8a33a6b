"""The default cache (home.file_cache) lists its folder to cull only once in CULL_EVERY writes,
and still culls: the folder never grows far past MAX_ENTRIES."""

from home.file_cache import CULL_EVERY, SharedFileCache


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

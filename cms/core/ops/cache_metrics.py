"""Cache timings for /metrics: the cache backends the portal configures, each with its
operations timed (`portal_cache_operation_seconds{operation}`) and its reads counted as hits or
misses (`portal_cache_gets_total{result}`). Settings swap a backend for its metered twin here
(METERED_CACHES), as they do the database engine for django-prometheus's."""

from time import perf_counter

from django.core.cache.backends import db, filebased, locmem, memcached, redis
from prometheus_client import Counter, Histogram

from ..file_cache import SharedFileCache

SECONDS = Histogram(
    "portal_cache_operation_seconds",
    "Time a cache operation took, by operation.",
    ["operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
)
GETS = Counter("portal_cache_gets_total", "Cache reads, by hit or miss.", ["result"])
_MISSING = object()
# The labelled series, bound once: a page reads the cache dozens of times, and looking a
# series up by its labels on every read cost the restricted KB article a measurable share.
_GET_SECONDS = SECONDS.labels("get")
_HITS, _MISSES = GETS.labels("hit"), GETS.labels("miss")


def _timed(operation):
    series = SECONDS.labels(operation)

    def method(self, *args, **kwargs):
        started = perf_counter()
        try:
            return getattr(super(Metered, self), operation)(*args, **kwargs)
        finally:
            series.observe(perf_counter() - started)

    method.__name__ = operation
    return method


class Metered:
    """Put before a Django cache backend class; the async methods go through these too."""

    def get(self, key, default=None, version=None):
        started = perf_counter()
        value = super().get(key, _MISSING, version)
        _GET_SECONDS.observe(perf_counter() - started)
        if value is _MISSING:
            _MISSES.inc()
            return default
        _HITS.inc()
        return value

    set = _timed("set")
    add = _timed("add")
    delete = _timed("delete")
    touch = _timed("touch")
    incr = _timed("incr")
    get_many = _timed("get_many")
    set_many = _timed("set_many")
    delete_many = _timed("delete_many")


class MeteredRedisCache(Metered, redis.RedisCache):
    pass


class MeteredLocMemCache(Metered, locmem.LocMemCache):
    pass


class MeteredFileBasedCache(Metered, filebased.FileBasedCache):
    pass


class MeteredSharedFileCache(Metered, SharedFileCache):
    pass


class MeteredDatabaseCache(Metered, db.DatabaseCache):
    pass


class MeteredPyMemcacheCache(Metered, memcached.PyMemcacheCache):
    pass

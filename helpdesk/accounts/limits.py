"""Fixed-window request counters in the cache (per account address and per client IP)."""

import hashlib

from django.core.cache import cache


def allow(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one hit; False once `limit` hits were made within `window` seconds."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"limit:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=window)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        hits = 1
    return hits <= limit

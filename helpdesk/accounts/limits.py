"""Fixed-window request counters in the cache (per account address and per client IP)."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address for limits and lockouts (C-12). X-Forwarded-For is written by
    whoever sends the request, so only the entries appended by our own proxies count:
    with `TRUSTED_PROXY_COUNT` = N, the N-th entry from the right is the address the outermost
    trusted proxy saw. With 0 (the default), or a header too short or malformed to hold
    that entry, REMOTE_ADDR is used."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted <= 0:
        return remote_addr
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < trusted:
        return remote_addr
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:
        return remote_addr


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

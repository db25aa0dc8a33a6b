"""The client's address, the one notion every throttle, lockout, rate limit and log line uses.

X-Forwarded-For is written by whoever sends the request, so only the entries appended by our
own proxies count: with `TRUSTED_PROXY_COUNT` = N, the N-th entry from the right is the address
the outermost trusted proxy saw. With 0 (the default), or a header too short or malformed to
hold that entry, REMOTE_ADDR is used and the header is ignored (C-12, C-34)."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
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

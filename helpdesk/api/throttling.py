"""The API's request rates per user and per anonymous client, as fixed-window counters.

DRF's throttles keep every request time of the last window in the cache and rewrite that list
on each call: at 1,200 requests a minute, a list of up to 1,200 floats pickled and written per
request. A counter per window holds the same limit in a constant-size entry. The price: a
client may spend one window's allowance at its end and the next one's at the start of the
next. `incr` is atomic on Redis and on the shared file cache (cms.core.file_cache); the file
cache's `add` is not, so two first requests of a window at the same instant may count as one.
The login (token) endpoint keeps DRF's sliding window (ScopedRateThrottle), where ten a minute
must mean ten.

Every throttle counts anonymous callers by `cms.core.client_address.client_ip`: DRF's own
`get_ident` takes the raw X-Forwarded-For header when NUM_PROXIES is unset, so a caller who
writes a new header on each request was a new caller each time (C-34)."""

from rest_framework.throttling import (
    AnonRateThrottle,
    ScopedRateThrottle,
    SimpleRateThrottle,
    UserRateThrottle,
)

from cms.core.client_address import client_ip


class ClientAddressMixin:
    def get_ident(self, request):
        return client_ip(request)


class FixedWindowThrottle(SimpleRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{key}:{window}"
        try:
            count = self.cache.incr(key)  # one cache operation on all but a window's first call
        except ValueError:  # the window's first request (add loses to a parallel first one)
            count = 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)
        return count <= self.num_requests

    def wait(self):
        return max(0.0, self.window_ends - self.now)


class UserThrottle(ClientAddressMixin, FixedWindowThrottle, UserRateThrottle):
    pass


class AnonThrottle(ClientAddressMixin, FixedWindowThrottle, AnonRateThrottle):
    pass


class AuthThrottle(ClientAddressMixin, ScopedRateThrottle):
    """The token endpoint's rate (scope "auth"), per client address."""

"""Security events (sign-ins, lockouts, resets, tokens, second factors, refusals, downloads) as
log lines of their own logger, `portal.security`, so an operator can route or alert on them.

Only ids and event names: never an address, a password, a code, a token or a key."""

import logging

from prometheus_client import Counter

logger = logging.getLogger("portal.security")
# Scraped at /metrics (cms.core.ops): failed logins, lockouts, refusals… as rates to alert on.
EVENTS = Counter("portal_security_events_total", "Security events by kind.", ["event"])


def security_event(event: str, *, user=None, level=logging.INFO, **fields):
    """Log `event` (e.g. "login_failed") about `user` (or its id) with plain-value `fields`."""
    user_id = getattr(user, "pk", user)
    logger.log(level, event, extra={"event": event, "subject_user_id": user_id, **fields})
    EVENTS.labels(event).inc()

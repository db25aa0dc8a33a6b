"""Security events (sign-ins, lockouts, resets, tokens, second factors, refusals, downloads) as
log lines of their own logger, `portal.security`, so an operator can route or alert on them.

Only ids and event names: never an address, a password, a code, a token or a key."""

import logging

logger = logging.getLogger("portal.security")


def security_event(event: str, *, user=None, level=logging.INFO, **fields):
    """Log `event` (e.g. "login_failed") about `user` (or its id) with plain-value `fields`."""
    user_id = getattr(user, "pk", user)
    logger.log(level, event, extra={"event": event, "subject_user_id": user_id, **fields})

"""Idle and absolute session timeouts (C-16).

The idle limit is also the session's age (SESSION_COOKIE_AGE): the session is touched at most
every few minutes, so an active user's expiry moves on without a write on every request."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in

STARTED = "auth_started_at"
SEEN = "auth_seen_at"
TOUCH_EVERY = 300  # seconds


def idle_timeout() -> int:
    return getattr(settings, "SESSION_IDLE_TIMEOUT", settings.SESSION_COOKIE_AGE)


def absolute_timeout() -> int:
    return getattr(settings, "SESSION_ABSOLUTE_TIMEOUT", 30 * 24 * 3600)


def mark_login(sender, request, user, **kwargs):
    """user_logged_in receiver: the absolute timeout counts from here."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[SEEN] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            started = session.setdefault(STARTED, now)
            seen = session.get(SEEN, now)
            if now - started > absolute_timeout() or now - seen > idle_timeout():
                logout(request)
            elif now - seen >= TOUCH_EVERY:
                session[SEEN] = now
        return self.get_response(request)


# Connected here because Django imports every middleware module at start-up.
user_logged_in.connect(mark_login, dispatch_uid="helpdesk.accounts.mark_login")

"""Idle and absolute session timeouts (C-16).

The idle limit is also the session's age (SESSION_COOKIE_AGE): the session is touched at most
every few minutes, so an active user's expiry moves on without a write on every request. A
session that names the login backend by its path before the move to layers gets the new path,
before anything asks for the request's user (`django.contrib.auth.get_user` accepts only the
paths in AUTHENTICATION_BACKENDS)."""

import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in

from .backends import MOVED_BACKEND_PATHS

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
            moved = MOVED_BACKEND_PATHS.get(session.get(BACKEND_SESSION_KEY))
            if moved:
                session[BACKEND_SESSION_KEY] = moved
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

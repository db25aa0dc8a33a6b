"""Sign-ins, failed sign-ins and lockouts from every door (portal, admin, page privacy, API
token endpoint) as security events: Django's and django-axes's signals, connected once."""

from logging import WARNING

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .security import security_event


def _door(request) -> str:
    # The door, not the path: a path can carry a one-time token (the welcome link signs in).
    path = getattr(request, "path", "") or ""
    for prefix, door in (("/admin/", "admin"), ("/api/", "api")):
        if path.startswith(prefix):
            return door
    return "portal" if request is not None else "other"


def _logged_in(sender, request, user, **kwargs):
    security_event("login_succeeded", user=user, door=_door(request))


def _logged_out(sender, request, user, **kwargs):
    security_event("logout", user=user, door=_door(request))


def _login_failed(sender, credentials, request=None, **kwargs):
    # Never what was typed: a password typed into the name field would end up in the log.
    security_event("login_failed", level=WARNING, door=_door(request))


def _locked_out(sender, request, username, ip_address, **kwargs):
    security_event("locked_out", level=WARNING, door=_door(request))


def connect():
    user_logged_in.connect(_logged_in, dispatch_uid="portal-log-login")
    user_logged_out.connect(_logged_out, dispatch_uid="portal-log-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="portal-log-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="portal-log-locked-out")

"""django-axes glue (DESIGN rule 9): one spelling of the username, the trusted client IP, and a
lockout that looks exactly like a wrong password (C-17)."""

from cms.core.client_address import client_ip

from ..models.users import normalize_email

# axes stores the username in 255 characters: anything longer, or with a NUL character (no
# address has either), ended a failed login in a database error (found by the form fuzz).
USERNAME_MAX = 254


def axes_username(request, credentials):
    """Lower-cased e-mail, whichever door it came through: the portal and Wagtail's admin send
    `username`, the API's token endpoint sends `email`."""
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get("email")
    if typed is None and request is not None:
        typed = request.POST.get("username") or request.POST.get("email")
    return normalize_email(typed).replace("\x00", "")[:USERNAME_MAX]


def axes_client_ip(request):
    return client_ip(request)


def same_as_wrong_password(request, original_response=None, credentials=None):
    """Keep the view's own answer: authentication already failed, so the login form (portal
    or admin) or the API shows its usual wrong-password message — nothing tells of a lock."""
    return original_response

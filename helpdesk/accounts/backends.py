from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from ..core.permissions import may_sign_in
from ..models.users import normalize_email

# What a session stores for a user this backend logged in (listed in AUTHENTICATION_BACKENDS).
BACKEND_PATH = f"{__name__}.EmailBackend"
# Sessions made before the move to layers (December 2026) store the backend's old path: the
# SessionTimeoutMiddleware moves them to this one, so nobody is logged out by the upgrade. Drop
# in the release after the one that ships the move.
MOVED_BACKEND_PATHS = {"helpdesk.auth_backends.EmailBackend": BACKEND_PATH}


class EmailBackend(ModelBackend):
    """Log in with e-mail and password; the e-mail is matched case-insensitively.

    Accepts ``email=`` (portal form, API) as well as ``username=`` (Wagtail's admin login form
    and its page-privacy login). For an unknown address Django's backend still runs the password
    hasher, so both failures take the same path. Who may sign in is `may_sign_in`, checked at
    the login and on every request of a session: a contact whose access is withdrawn is logged
    out of open sessions too."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        address = normalize_email(email if email is not None else username)
        if not address or password is None:
            return None
        return super().authenticate(request, username=address, password=password, **kwargs)

    def user_can_authenticate(self, user):
        return may_sign_in(user)

    def get_user(self, user_id):
        """The session's user with their contact and customer in the same query: almost every
        portal request asks for them (permissions, field schema, sidebar)."""
        users = get_user_model()._default_manager.select_related("contact__customer")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

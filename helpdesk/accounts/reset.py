"""Password reset by an e-mailed code (SPEC §4.3, SECURITY C-09 to C-14)."""

from datetime import timedelta
from logging import WARNING

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cms.core.logs import security_event

from ..core.permissions import active_contact
from ..models import AccountToken, TokenPurpose, User
from ..models.users import normalize_email
from . import services, tokens

CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5
INVALID_CODE = _("This code is not valid or has expired. Please request a new code.")


def may_reset(user) -> bool:
    """Staff, and contacts who may use the portal."""
    return user.is_active and (user.is_staff or active_contact(user) is not None)


def request_code(*, email: str, language=None, portal_id=None) -> bool:
    """E-mail a fresh code to the account with exactly this (normalised) address; a look-alike
    address matches nothing (C-13). Runs in a task, so the request page never differs.

    Known or not, the same work is done (C-42): a code is made, and one e-mail of the same
    template is queued and sent — the code to an account that may reset its password, a note
    that no such account uses the address to anyone else (in the language and portal of the
    request). So not even the answer time with tasks run inline tells the two apart."""
    address = normalize_email(email)
    user = User.objects.filter(email=address).select_related("contact__customer").first()
    known = user is not None and may_reset(user)
    code = tokens.new_code()
    with transaction.atomic():
        if known:
            tokens.issue(
                user=user,
                purpose=TokenPurpose.PASSWORD_RESET,
                secret=code,
                lifetime=CODE_LIFETIME,
                bind_user=True,
            )
        services.account_email(
            user=user if known else services.stranger(address, language),
            template="password_reset_code",
            context={"code": f"{code[:4]} {code[4:]}" if known else "", "minutes": 10},
            links={"reset_url": "account:password_reset_confirm"},
            portal=None if known else services.portal_or_default(portal_id),
        )
    security_event("password_reset_requested", user=user if known else None, known=known)
    return known


def reset_with_code(*, email: str, code: str, password: str):
    """Check the code (one guess from its budget of five, counted before comparing), then set
    the password. Returns the user; raises ValidationError otherwise."""
    token = (
        tokens.live(AccountToken.objects.filter(purpose=TokenPurpose.PASSWORD_RESET))
        .filter(user__email=normalize_email(email), user__is_active=True)
        .select_related("user")
        .first()
    )
    if (
        token is None
        or not tokens.count_attempt(token, max_attempts=MAX_ATTEMPTS)
        or not tokens.matches(token, tokens.clean_code(code), bind_user=True)
    ):
        security_event("password_reset_code_refused", user=token and token.user_id, level=WARNING)
        raise ValidationError(INVALID_CODE, code="invalid_code")
    user = token.user
    validate_password(password, user)
    with transaction.atomic():
        if not tokens.consume(token):  # a parallel request used it first
            raise ValidationError(INVALID_CODE, code="invalid_code")
        services.password_set(user=user, password=password)
    security_event("password_reset_used", user=user)
    return user

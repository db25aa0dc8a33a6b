"""Password reset by an e-mailed code (SPEC §4.3, SECURITY C-09 to C-14)."""

from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

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


def request_code(*, email: str) -> bool:
    """E-mail a fresh code to the account with exactly this (normalised) address; a look-alike
    address matches nothing (C-13). Runs in a task, so the request page never differs."""
    user = (
        User.objects.filter(email=normalize_email(email))
        .select_related("contact__customer")
        .first()
    )
    if user is None or not may_reset(user):
        return False
    code = tokens.new_code()
    with transaction.atomic():
        tokens.issue(
            user=user,
            purpose=TokenPurpose.PASSWORD_RESET,
            secret=code,
            lifetime=CODE_LIFETIME,
            bind_user=True,
        )
        services.account_email(
            user=user,
            template="password_reset_code",
            context={"code": f"{code[:4]} {code[4:]}", "minutes": 10},
            links={"reset_url": "account:password_reset_confirm"},
        )
    return True


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
        raise ValidationError(INVALID_CODE, code="invalid_code")
    user = token.user
    validate_password(password, user)
    with transaction.atomic():
        if not tokens.consume(token):  # a parallel request used it first
            raise ValidationError(INVALID_CODE, code="invalid_code")
        services.password_set(user=user, password=password)
    return user

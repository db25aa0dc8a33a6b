"""E-mail change (SPEC §4.2, C-15): needs the current password; takes effect only when the
link sent to the new address is opened; the old address is told."""

import secrets
from datetime import timedelta
from types import SimpleNamespace

from django.db import IntegrityError, transaction

from ..models import AccountToken, TokenPurpose, User
from ..models.users import normalize_email
from . import services, tokens
from .access import end_other_access

LINK_LIFETIME = timedelta(hours=24)


@transaction.atomic
def email_change_request(*, user, new_email) -> bool:
    """Mail a confirmation link to the new address. An address already in use gets a note
    that nothing changed instead, through the same template, and the caller answers the same
    either way: neither the page nor its answer time tells whose address it is (C-42)."""
    address = normalize_email(new_email)
    if address == user.email:
        return False
    in_use = User.objects.filter(email=address).exists()
    secret = secrets.token_urlsafe(32)
    if not in_use:
        tokens.issue(
            user=user,
            purpose=TokenPurpose.EMAIL_CHANGE,
            secret=secret,
            lifetime=LINK_LIFETIME,
            new_email=address,
        )
    # The old address is told before anything can change; it can still stop the change.
    services.account_email(
        user=user,
        template="email_change_requested",
        context={"new_email": address},
        links={"reset_url": "account:password_reset"},
    )
    # Sent to the new address, in the user's language; links on the configured host.
    services.account_email(
        user=user,
        template="email_change_confirm",
        context={"new_email": address, "in_use": in_use},
        links={} if in_use else {"confirm_url": ("account:email_confirm", [secret])},
        to=SimpleNamespace(email=address, language=user.language),
    )
    return not in_use


def live_email_token(secret: str):
    digest = tokens.token_hash(secret, purpose=TokenPurpose.EMAIL_CHANGE)
    return (
        tokens.live(
            AccountToken.objects.filter(purpose=TokenPurpose.EMAIL_CHANGE, token_hash=digest)
        )
        .select_related("user")
        .filter(user__is_active=True)
        .first()
    )


def email_change_confirm(*, token) -> bool:
    """Switch the address; False if the link was used meanwhile or the address got taken."""
    user = token.user
    old = user.email
    try:
        with transaction.atomic():
            if not tokens.consume(token):
                return False
            user.email = token.new_email
            user.save(update_fields=["email"])
            # Nothing issued to the old address or before the change outlives it (C-10, C-43).
            end_other_access(user=user)
            services.account_email(
                user=user,
                template="email_changed",
                context={"old_email": old, "new_email": user.email},
                links={"reset_url": "account:password_reset"},
                to=SimpleNamespace(email=old, language=user.language),
            )
    except IntegrityError:  # someone registered the address in between
        return False
    return True

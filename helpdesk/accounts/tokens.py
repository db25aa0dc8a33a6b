"""Issue and check single-use account secrets (`AccountToken`), stored as keyed hashes."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models import AccountToken

# Upper-case letters and digits without the look-alikes 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def clean_code(typed: str) -> str:
    """What a person types, as stored: case-insensitive, spaces and dashes ignored."""
    return "".join((typed or "").split()).replace("-", "").upper()


def token_hash(secret: str, *, purpose: str, user_id=None) -> str:
    """HMAC-SHA256 keyed with SECRET_KEY. Codes are bound to their user (a code for A1 never
    fits A2); long link tokens are hashed alone so the link finds its row."""
    value = f"{user_id}:{secret}" if user_id is not None else secret
    return salted_hmac(f"helpdesk.accounts.{purpose}", value, algorithm="sha256").hexdigest()


@transaction.atomic
def issue(*, user, purpose, secret, lifetime: timedelta, bind_user=False, **fields):
    """Replace the user's live secret for `purpose` (the older one dies with its row)."""
    AccountToken.objects.filter(user=user, purpose=purpose).delete()
    return AccountToken.objects.create(
        user=user,
        purpose=purpose,
        token_hash=token_hash(secret, purpose=purpose, user_id=user.pk if bind_user else None),
        expires_at=timezone.now() + lifetime,
        **fields,
    )


def live(queryset):
    return queryset.filter(used_at__isnull=True, expires_at__gt=timezone.now())


def count_attempt(token, *, max_attempts) -> bool:
    """Take one guess from the budget, atomically: `UPDATE … attempts = attempts + 1 WHERE
    attempts < max`. False when the budget is spent (or the token died meanwhile)."""
    return bool(
        live(AccountToken.objects.filter(pk=token.pk, attempts__lt=max_attempts)).update(
            attempts=F("attempts") + 1
        )
    )


def matches(token, secret, *, bind_user=False) -> bool:
    expected = token_hash(
        secret, purpose=token.purpose, user_id=token.user_id if bind_user else None
    )
    return constant_time_compare(expected, token.token_hash)


def consume(token) -> bool:
    """Mark used; only one of two parallel consumers wins."""
    return bool(live(AccountToken.objects.filter(pk=token.pk)).update(used_at=timezone.now()))


def prune(*, now=None, grace=timedelta(days=1)) -> int:
    """Delete codes and links that can no longer be used (expired or used) for a day: the
    scheduled clean-up (helpdesk.jobs). The day keeps a just-used link's "already used" answer."""
    cutoff = (now or timezone.now()) - grace
    stale = AccountToken.objects.filter(expires_at__lt=cutoff) | AccountToken.objects.filter(
        used_at__lt=cutoff
    )
    return stale.delete()[0]

"""API tokens (C-43) on Wagtail's `APIToken`: several per user, each named, only an HMAC of the
key stored (a copy of the database opens no API session), the key shown once. The portal adds
an expiry (API_TOKEN_LIFETIME_DAYS after creation, never extended by use) and a cap per user;
users see and revoke their tokens in *My profile*."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import APIToken

from cms.core.logs import security_event
from cms.core.params import parse_int

DEFAULT_LIFETIME_DAYS = 90
# Tokens one user keeps at most: a new one beyond this revokes the oldest.
MAX_PER_USER = 10
# last_used_at is written at most this often per token (not a write per API call).
TOUCH_EVERY = timedelta(minutes=5)


def lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "API_TOKEN_LIFETIME_DAYS", DEFAULT_LIFETIME_DAYS))


def expires_at(token):
    return token.created + lifetime()


def active_tokens(user):
    """The user's tokens that still open the API, newest first."""
    return APIToken.objects.filter(
        user=user, revoked_at__isnull=True, created__gt=timezone.now() - lifetime()
    ).order_by("-created", "-pk")


@transaction.atomic
def issue(*, user, name="API") -> tuple[APIToken, str]:
    """A new token of `user` and its key (the only time the key exists outside the client)."""
    token, key = APIToken.create_token(user=user, name=(name or "").strip()[:100] or "API")
    older = active_tokens(user).values_list("pk", flat=True)[MAX_PER_USER:]
    APIToken.objects.filter(pk__in=list(older)).update(revoked_at=timezone.now())
    security_event("api_token_created", user=user, token_id=token.pk)
    return token, key


def live_token(key: str):
    """The active token of this key, with its user's contact and customer, or None."""
    if not key:
        return None
    return (
        APIToken.objects.select_related("user__contact__customer")
        .filter(
            key_hash__in=APIToken.candidate_key_hashes(key),
            revoked_at__isnull=True,
            created__gt=timezone.now() - lifetime(),
        )
        .first()
    )


def touch(token):
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke(*, user, pk) -> bool:
    """End one of the user's own tokens; False when it is not theirs, no longer active, or
    `pk` is no id at all."""
    try:
        pk = parse_int(pk)
    except (TypeError, ValueError):
        return False
    revoked = bool(active_tokens(user).filter(pk=pk).update(revoked_at=timezone.now()))
    if revoked:
        security_event("api_token_revoked", user=user, token_id=pk)
    return revoked


def revoke_all(*, user):
    live = APIToken.objects.filter(user=user, revoked_at__isnull=True)
    if count := live.update(revoked_at=timezone.now()):
        security_event("api_tokens_revoked", user=user, count=count)


def prune(*, now=None, keep=timedelta(days=30)) -> int:
    """Delete tokens revoked or expired more than `keep` ago (the scheduled clean-up): they
    open nothing, and a month is enough to see in the admin when one was last used."""
    cutoff = (now or timezone.now()) - keep
    dead = APIToken.objects.filter(revoked_at__lt=cutoff) | APIToken.objects.filter(
        created__lt=cutoff - lifetime()
    )
    return dead.delete()[0]

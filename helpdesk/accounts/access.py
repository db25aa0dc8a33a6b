"""Recovery ends an attacker's access (C-43): after a password change or reset, or an e-mail
change, nothing issued before it still works — no other session, no API token, no pending
e-mail change, welcome link or reset code."""

from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.db.models import F

from ..models import AccountToken, User
from . import api_tokens


@transaction.atomic
def end_other_access(*, user, request=None):
    """End every session, token and pending account link of `user`, except the session of
    `request` when it is the user's own (they stay signed in where they made the change).
    `user` is updated in place, so a caller holding it (request.user) sees the new state."""
    User.objects.filter(pk=user.pk).update(access_generation=F("access_generation") + 1)
    user.refresh_from_db(fields=["access_generation"])
    api_tokens.revoke_all(user=user)
    AccountToken.objects.filter(user=user).delete()
    if request is not None and getattr(request.user, "pk", None) == user.pk:
        update_session_auth_hash(request, user)

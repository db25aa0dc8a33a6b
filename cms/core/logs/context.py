"""The request a log line belongs to, for the filter that stamps every record with it."""

import re
import uuid
from contextvars import ContextVar

from django.conf import settings

current_request: ContextVar = ContextVar("current_request", default=None)

# What a proxy may hand us as a request id: short and plain, so it cannot forge log structure.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def request_id_for(request) -> str:
    """The proxy's X-Request-ID when we sit behind trusted proxies (they set it), else new."""
    sent = request.headers.get("X-Request-ID", "")
    if getattr(settings, "TRUSTED_PROXY_COUNT", 0) > 0 and REQUEST_ID.match(sent):
        return sent
    return uuid.uuid4().hex


def user_id_of(request):
    """The signed-in user's id if the request has already loaded its user: a log line never
    costs a query of its own (django.contrib.auth keeps the loaded user in `_cached_user`)."""
    user = request.__dict__.get("_cached_user")
    return user.pk if user is not None and user.is_authenticated else None

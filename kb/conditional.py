"""Conditional GET for KB articles: a revalidating browser gets 304 Not Modified without the
page being routed, checked or rendered (session, user and contact: three queries at most).

The ETag is a keyed hash of what the page's content depends on: the KB "generation" (a random
value in the cache, replaced whenever anything the KB shows may have changed — a publish,
unpublish, move or delete, a restriction, a vote, the KB settings, a customer), the site, the
URL, the language and the viewer (user, customer, portal access). A 304 needs the very ETag
this viewer was given at this generation, so it never reveals anything the viewer could not
read; any change makes the next request render (and check) the page again."""

import uuid

from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from cms.core.etags import matches, release
from cms.core.versioned_cache import after_commit_too, forget, read_once, stored
from helpdesk.models import Contact

GENERATION_KEY = "kb:generation"
ARTICLE_MARK = "_kb_article_etag"


def generation() -> str:
    """The KB's current generation, with the release: every KB key and ETag includes it, so a
    new release never serves what the old code rendered. Read once per request."""
    return f"{release()}:{read_once(GENERATION_KEY, _stored_generation)}"


def per_generation(name, parts, compute):
    """`compute()` kept until the KB generation moves on (any publish, move, delete,
    restriction, vote, KB setting, customer or site change); the generation is the version."""
    return stored(("kb", name, generation(), *parts), compute)


def _stored_generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def bump_generation(**kwargs):
    """Whatever KB pages show may have changed: a new generation now and at commit."""

    def move():
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
        forget(GENERATION_KEY)

    after_commit_too(move)


def viewer_key(user) -> str:
    if not (user and user.is_authenticated):
        return "anonymous"
    try:
        contact = user.contact  # loaded already when the page was rendered
    except Contact.DoesNotExist:
        contact = None
    access = (contact.customer_id, contact.portal_access) if contact else None
    return f"{user.pk}:{user.is_staff}:{access}"


def etag_for(request) -> str:
    parts = (
        generation(),
        request.get_host(),
        request.get_full_path(),
        get_language(),
        viewer_key(request.user),
    )
    digest = salted_hmac("kb.article.etag", "|".join(map(str, parts))).hexdigest()[:40]
    return f'"{digest}"'


def mark_article_response(request, response):
    """Give a rendered article its ETag (unless it showed one-time messages)."""
    if hasattr(response, "render"):
        response.render()
    messages = getattr(request, "_messages", None)
    if (
        request.method == "GET"
        and response.status_code == 200
        and not getattr(messages, "used", False)
    ):
        response["ETag"] = etag_for(request)


class KBConditionalGetMiddleware:
    """Answers If-None-Match on KB URLs before routing; everything else passes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match and request.method in ("GET", "HEAD") and is_kb_path(request.path):
            etag = etag_for(request)
            if matches(request, etag):
                response = HttpResponseNotModified()
                response["ETag"] = etag
                patch_cache_control(response, private=True, no_cache=True)
                return response
        return self.get_response(request)


def is_kb_path(path):
    parts = path.split("/")
    return len(parts) > 3 and parts[2] == "kb"

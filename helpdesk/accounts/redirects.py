"""`next` targets: same-site paths only (C-25)."""

from urllib.parse import unquote

from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(url: str | None, *, host: str, require_https: bool) -> bool:
    """A path on this site: starts with one "/" and stays safe once percent-decoded, so
    `//evil`, `/\\evil`, `https:evil` and `%2F%2Fevil` all fail."""
    if not url or not url.startswith("/"):
        return False
    for candidate in (url, unquote(url)):
        if candidate.startswith(("//", "/\\")) or not url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={host}, require_https=require_https
        ):
            return False
    return True

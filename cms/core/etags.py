"""What every ETag and every cached page key shares: the deployed release (a new release
re-sends what the old code rendered) and the weak comparison If-None-Match asks for (RFC 9110
13.1.2: a proxy that compresses a response turns its ETag into W/"…", and that is what comes
back)."""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from django.conf import settings

try:
    PACKAGE_VERSION = package_version("service-portal")
except PackageNotFoundError:  # running from a checkout that is not installed
    PACKAGE_VERSION = "dev"


def release() -> str:
    """APP_VERSION (set per deployment, e.g. the commit), else the installed package's."""
    return settings.APP_VERSION or PACKAGE_VERSION


def matches(request, etag) -> bool:
    """True when the request's If-None-Match names this ETag, weak or strong, or is `*`."""
    header = request.headers.get("If-None-Match", "")
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags or "*" in tags

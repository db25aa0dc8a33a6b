"""The one response that hands out a stored attachment (portal, API and admin alike).

Callers fetch the attachment through `attachment_visible_to` first, so a file the user may
not see answers 404 — the same as one that does not exist, whatever conditional headers
(If-None-Match, If-Modified-Since) the request carries."""

from urllib.parse import quote

from django.http import FileResponse

from cms.core.ranges.respond import ranged


def attachment_response(attachment, request) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    return ranged(request, with_download_headers(response, attachment.name))


def with_download_headers(response, filename):
    """Always a download, never rendered: even a file that slipped past the sniffing cannot
    run. Shared with the KB's document downloads."""
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

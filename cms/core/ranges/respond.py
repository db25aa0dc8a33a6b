"""Answers a Range request for a file response (FileResponse) with 206 and the bytes asked
for, or 416; every such response says `Accept-Ranges: bytes`. Everything else the view set
(Content-Disposition, the sandbox, Cache-Control) stays as it was."""

from django.http import FileResponse

from .spans import Unsatisfiable, requested_span

BLOCK = 64 * 1024


def _read(handle, first, length):
    handle.seek(first)
    while length > 0:
        block = handle.read(min(BLOCK, length))
        if not block:
            return
        length -= len(block)
        yield block


def ranged(request, response: FileResponse) -> FileResponse:
    """`response`, a whole file the view decided to send (after its access check), answered
    for the request's Range header: 206 with the bytes asked for, 416 past the end, or the
    whole file. Called by the views that send files, not by a middleware, so other requests
    pay nothing for it."""
    handle = getattr(response, "file_to_stream", None)
    size = response.get("Content-Length")
    if handle is None or size is None or not getattr(handle, "seekable", lambda: False)():
        return response
    response["Accept-Ranges"] = "bytes"
    header = request.headers.get("Range")
    # If-Range names a version the client has; these responses carry no validator to
    # compare it with, so the client gets the whole file (never mixed versions).
    if request.method != "GET" or not header or "If-Range" in request.headers:
        return response
    size = int(size)
    try:
        span = requested_span(header, size)
    except Unsatisfiable:
        response.status_code = 416
        response["Content-Range"] = f"bytes */{size}"
        response["Content-Length"] = "0"
        response.streaming_content = iter(())  # the file is still closed at the end
        return response
    if span is None:
        return response
    first, last = span
    response.status_code = 206
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(last - first + 1)
    response.streaming_content = _read(handle, first, last - first + 1)
    return response

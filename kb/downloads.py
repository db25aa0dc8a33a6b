"""The one response that hands out a KB document (attachment or video): always a download from
the private storage, never rendered in the portal's origin (the same headers as ticket
attachments), and never stored by a shared cache."""

from django.http import FileResponse, HttpResponse

from cms.core.ranges.respond import ranged
from helpdesk.tickets.downloads import with_download_headers


class DocumentDownload(FileResponse, HttpResponse):
    """A streamed file that is also an HttpResponse: Wagtail's `before_serve_document` hook
    passes on only HttpResponse instances, so this is how the KB's response replaces
    Wagtail's. It behaves as a FileResponse (streaming comes first in the MRO)."""

    @property
    def content(self):
        raise AttributeError("A streamed download has no `content`; use `streaming_content`.")

    @content.setter
    def content(self, value):
        # HttpResponse.__init__ sets an empty body; the file's stream replaces it.
        pass


def document_response(document, request) -> DocumentDownload:
    response = DocumentDownload(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type or "application/octet-stream",
    )
    return ranged(request, with_download_headers(response, document.filename))

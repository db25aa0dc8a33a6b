"""Uploads larger than the portal's limit are never stored whole, not even on disk.

Django spools a large upload to a temporary file before any form or serializer sees it, so an
11 GB "attachment" would fill the disk before validation could refuse it. This handler keeps
writing a file only up to the limit of the portal the request is for; the rest of its bytes
are read from the socket and dropped. The file still reports its full size, so validation
refuses it with the usual message ("larger than the limit of 10 MB") and the reply the user
typed is shown again. Admin uploads (KB documents, images) keep Django's own behaviour: their
limits are the editors', not the portal's."""

from django.core.files.uploadhandler import TemporaryFileUploadHandler
from wagtail.models import Site

from ..models import PortalSettings


def portal_upload_limit(request) -> int | None:
    if request.path_info.startswith("/admin/"):
        return None
    site = Site.find_for_request(request)
    return PortalSettings.for_request(request).max_upload_bytes if site else None


class PortalLimitUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if not hasattr(self, "limit"):
            self.limit = portal_upload_limit(self.request)
        self.written = 0

    def receive_data_chunk(self, raw_data, start):
        if self.limit is not None and self.written + len(raw_data) > self.limit:
            self.written = self.limit + 1  # over: this file is refused; drop what follows
            return None
        self.written += len(raw_data)
        return super().receive_data_chunk(raw_data, start)

"""Uploads larger than every portal's limit are never stored whole, not even on disk.

Django spools a large upload to a temporary file before any form or serializer sees it, so an
11 GB "attachment" would fill the disk before validation could refuse it. This handler keeps
writing a file only up to the largest limit of any portal; the rest of its bytes are read from
the socket and dropped, and the file is marked truncated. The file still reports its full size,
so validation (against the limit of the ticket's own portal, the one limit that applies, C-38)
refuses it with the usual message ("larger than the limit of 10 MB") and the reply the user
typed is shown again; a truncated file is refused in any case. The cap used to be the limit of
the portal whose host the request came through: a file for a ticket of a portal with a larger
limit was cut at the smaller one and stored cut. Admin uploads (KB documents, images) keep
Django's own behaviour: their limits are the editors', not the portal's."""

from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db.models import Max

from cms.core.versioned_cache import cached

from ..models import PortalSettings
from ..models.versions import PORTAL_CONFIG


def portal_upload_limit(request) -> int | None:
    """The most any portal takes (None: no cap, for the admin's own uploads)."""
    if request.path_info.startswith("/admin/"):
        return None
    return cached(PORTAL_CONFIG, ("largest-upload-limit",), _largest_limit)


def _largest_limit():
    largest = PortalSettings.objects.aggregate(mb=Max("max_upload_mb"))["mb"]
    return (largest or PortalSettings._meta.get_field("max_upload_mb").default) * 1024 * 1024


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

    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        upload.truncated = self.limit is not None and self.written > self.limit
        return upload

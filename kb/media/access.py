"""Who may fetch a KB file: the one answer for documents and images (SECURITY C-27, C-45).

A file is handed out when the reader may read a **live** KB page whose published content uses
it; the reference index holds exactly that (kb.models.article indexes the stored row, never a
draft). Technicians and editors get every file; an image chosen as a portal's logo is public."""

from wagtail.models import Page, ReferenceIndex

from helpdesk.models import PortalSettings

from ..models.access import reads_everything
from ..models.base import readable


def used_on_a_readable_page(obj, request) -> bool:
    references = ReferenceIndex.get_references_to(obj).filter(
        base_content_type__app_label="wagtailcore", base_content_type__model="page"
    )
    # The index stores object ids as text; page ids are integers.
    page_ids = [int(pk) for pk in references.values_list("object_id", flat=True)]
    return bool(page_ids) and readable(Page.objects.filter(pk__in=page_ids), request).exists()


def is_a_logo(image) -> bool:
    return PortalSettings.objects.filter(logo=image).exists()


def may_fetch(obj, request) -> bool:
    return reads_everything(request.user) or used_on_a_readable_page(obj, request)

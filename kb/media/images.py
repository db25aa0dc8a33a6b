"""Wagtail images, originals and renditions alike, leave through this view and no other:
`/media/` is not a public folder, because an image placed in a customer-restricted article is
as confidential as the article (SECURITY C-45). Only files the database knows are served."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from cms.core.ranges.respond import ranged

from .access import is_a_logo, may_fetch

# Logos are shown to everyone on every page, so browsers and proxies keep them; a KB image only
# in the reader's own browser, briefly, so a new restriction soon applies there too.
PUBLIC = "public, max-age=86400"
PRIVATE = "private, max-age=300"


def image_stored_at(path):
    """The image whose original or rendition is the file at `path`, or None."""
    Image = get_image_model()
    # Wagtail keeps originals under original_images/ and renditions elsewhere (images/): one
    # query per request, not a miss on the originals for every rendition shown.
    if path.startswith("original_images/"):
        return Image.objects.filter(file=path).first()
    renditions = Image.get_rendition_model().objects.select_related("image")
    rendition = renditions.filter(file=path).first()
    return rendition.image if rendition else None


@require_safe
def serve_image(request, path):
    image = image_stored_at(path)
    if image is None:
        raise Http404
    if is_a_logo(image):
        cache_control = PUBLIC
    elif may_fetch(image, request):
        cache_control = PRIVATE
    else:
        # The same answer as for a file that does not exist: no hint that it does.
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return ranged(request, response)

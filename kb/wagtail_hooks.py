"""Admin and serving hooks of the knowledge base."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex

from .access import reads_everything
from .models.base import readable


@hooks.register("before_serve_document")
def check_kb_document(document, request):
    """A document is downloaded only by someone who may read a KB page that uses it (as an
    attachment or in the body); a document no readable page uses is refused to non-staff."""
    if reads_everything(request.user):
        return None
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type__app_label="wagtailcore", base_content_type__model="page"
    )
    # The index stores object ids as text; page ids are integers.
    page_ids = [int(pk) for pk in references.values_list("object_id", flat=True)]
    if readable(Page.objects.filter(pk__in=page_ids), request).exists():
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("account:login"))
    raise Http404

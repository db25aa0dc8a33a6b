"""The sidebar's "Knowledge base" entry: the current portal's KB root in the current language,
shown only when it exists and this visitor may read it."""

from wagtail.models import Locale

from .models import KnowledgeBasePage
from .models.base import kb_site, readable


def kb_root_url(request):
    site = kb_site(request)
    if site is None:
        return None
    root = (
        readable(KnowledgeBasePage.objects.filter(locale=Locale.get_active()), request)
        .filter(path__startswith=_localized_home_path(site))
        .first()
    )
    return root.get_url(request) if root else None


def _localized_home_path(site):
    home = site.root_page.localized
    return home.path

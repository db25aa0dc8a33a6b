"""The portal's sidebar. An entry is shown only once the view behind it exists (its URL name
reverses), so the shell never links to a feature that has not been built."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.core.versioned_cache import SHELL, cached
from helpdesk.core.permissions import active_contact
from kb.models.access import reads_everything
from kb.navigation import kb_root_url


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    args: tuple = ()
    login_required: bool = True
    primary: bool = False
    exact: bool = False
    # Entries that are Wagtail pages rather than views: a callable (request) -> URL or None.
    resolver: Callable | None = None


def _kb_reader(request):
    """Whose view of the KB this is: everything (staff), one customer's, or the public one."""
    user = request.user
    if reads_everything(user):
        return "all"
    contact = active_contact(user)
    return f"customer-{contact.customer_id}" if contact else "public"


def _kb_root_url(request):
    """Resolving the KB root costs six queries; its answer depends only on the host (site),
    the language and whose view it is, so it is cached under exactly those, per version of the
    portal frame (SHELL, moved on by kb.signals when a page, KB restriction, KB setting, site or
    customer changes)."""
    parts = (request.get_host(), get_language(), _kb_reader(request))
    return cached(SHELL, parts, lambda: kb_root_url(request) or "")


SIDEBAR = (
    NavItem(_("Home"), "wagtail_serve", args=("",), login_required=False, exact=True),
    NavItem(_("Tickets"), "tickets:list"),
    NavItem(_("+ New ticket"), "tickets:new", primary=True),
    NavItem(_("Knowledge base"), "", login_required=False, resolver=_kb_root_url),
    NavItem(_("My profile"), "account:profile"),
    NavItem(_("App settings"), "account:settings"),
)


def sidebar_for(request):
    """The sidebar entries this visitor may follow, with their URLs and which one is current."""
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    entries = []
    for item in SIDEBAR:
        if item.login_required and not logged_in:
            continue
        if item.resolver is not None:
            url = item.resolver(request)
            if not url:
                continue
        else:
            try:
                url = reverse(item.url_name, args=item.args)
            except NoReverseMatch:
                continue
        entries.append(
            {
                "label": item.label,
                "url": url,
                "primary": item.primary,
                "current": request.path == url if item.exact else request.path.startswith(url),
            }
        )
    return entries

"""Who may read which knowledge-base pages: the one policy (DESIGN rule 1).

`readable_filter(user, site)` builds the condition; `KBPageQuerySet.readable_by` applies it and
every door (page serving, listings, related articles, keywords, search, the API, document
downloads, the sidebar) goes through that method. Restrictions are keyed on `translation_key`, so
a restriction on a page also hides its translations and aliases, and the whole subtree below
each of them (matched by tree path prefix)."""

from django.db.models import Q
from wagtail.models import Page, Site
from wagtail.query import PageQuerySet

from helpdesk.permissions import active_contact, is_technician

NOTHING = Q(pk__in=[])


def reads_everything(user) -> bool:
    """Technicians and KB editors (anyone who may use the Wagtail admin) read every page."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    return is_technician(user) or user.has_perm("wagtailadmin.access_admin")


def _portal_root_paths(site):
    """Tree paths of the portal's home page in every locale (translations share the key)."""
    keys = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    return list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def _blocked_paths(customer):
    """Tree paths of every page (any locale) restricted to customers other than this one."""
    from .models import KBRestriction

    restrictions = KBRestriction.objects.filter(customers__isnull=False)
    if customer is not None:
        restrictions = restrictions.exclude(customers=customer)
    keys = restrictions.values("translation_key")
    return list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def _anonymous_allowed(site) -> bool:
    from .models import KBSettings

    return site is not None and KBSettings.for_site(site).anonymous_access


def readable_filter(user, site: Site | None = None) -> Q:
    """The condition on pages that `user` may read; `site` is the portal of the request
    (it decides for anonymous visitors; a contact always reads their own customer's portal)."""
    if reads_everything(user):
        return Q()
    contact = active_contact(user)
    if contact is not None:
        site, customer = contact.customer.portal, contact.customer
    elif _anonymous_allowed(site):
        customer = None
    else:
        return NOTHING
    roots = _portal_root_paths(site)
    if not roots:
        return NOTHING
    condition = Q()
    for path in roots:
        condition |= Q(path__startswith=path)
    for path in _blocked_paths(customer):
        condition &= ~Q(path__startswith=path)
    return condition


class KBPageQuerySet(PageQuerySet):
    def readable_by(self, user, site: Site | None = None):
        """Live pages that `user` may read (everything, drafts aside, for staff readers)."""
        return self.live().filter(readable_filter(user, site))

"""Who may read which knowledge-base pages: the one policy (DESIGN rule 1).

`readable_filter(user, site)` builds the condition; `KBPageQuerySet.readable_by` applies it and
every door (page serving, listings, related articles, keywords, search, the API, document
downloads, the sidebar) goes through that method. Restrictions are keyed on `translation_key`, so
a restriction on a page also hides its translations and aliases, and the whole subtree below
each of them (matched by tree path prefix)."""

from django.db.models import Exists, OuterRef, Q, Value
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from helpdesk.core.permissions import active_contact, is_technician

from ..conditional import per_generation
from .restriction import KBRestriction
from .settings import KBSettings

NOTHING = Q(pk__in=[])


def reads_everything(user) -> bool:
    """Technicians and KB editors (anyone who may use the Wagtail admin) read every page."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    return is_technician(user) or user.has_perm("wagtailadmin.access_admin")


def _per_generation(name, parts, compute):
    """`compute()` kept until the KB generation moves on (kb.conditional: any publish, move,
    delete, restriction, KB setting, customer or site change), so the two lookups below cost
    no query on most requests."""
    return per_generation(name, parts, compute)


def _portal_root_paths(site_id):
    """Tree paths of the portal's home page in every locale (translations share the key)."""

    def compute():
        roots = Site.objects.filter(pk=site_id).values("root_page_id")
        keys = Page.objects.filter(pk__in=roots).values("translation_key")
        return list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))

    return _per_generation("roots", (site_id,), compute)


def restricted_paths(customer=None):
    """(tree path, may `customer` read it) for every page copy (any locale) a restriction
    covers."""
    customer_id = customer.pk if customer is not None else None
    return _per_generation("restricted", (customer_id,), lambda: _restricted_paths(customer))


def _restricted_paths(customer):
    if customer is None:
        allowed = Value(False)
    else:
        allowed = Exists(
            KBRestriction.objects.filter(
                translation_key=OuterRef("translation_key"), customers=customer
            )
        )
    keys = KBRestriction.objects.exclude(customers=None).values("translation_key")
    pages = Page.objects.filter(translation_key__in=keys).annotate(allowed=allowed)
    return list(pages.values_list("path", "allowed"))


def wagtail_privacy_in_use() -> bool:
    """Whether any page has Wagtail's own privacy setting (PageViewRestriction); most portals
    restrict with KBRestriction only, and then no page needs Wagtail's per-view check."""
    return _per_generation("privacy", (), PageViewRestriction.objects.exists)


def _anonymous_allowed(site) -> bool:
    return site is not None and KBSettings.for_site(site).anonymous_access


def readable_filter(user, site: Site | None = None, memo: dict | None = None) -> Q:
    """The condition on pages that `user` may read; `site` is the portal of the request
    (it decides for anonymous visitors; a contact always reads their own customer's portal).
    `memo` (per request) keeps what the condition is made of, for `page_is_readable`."""
    memo = {} if memo is None else memo
    memo.update(everything=False, roots=[], blocked=[])
    if reads_everything(user):
        memo["everything"] = True
        return Q()
    contact = active_contact(user)
    if contact is not None:
        site_id, customer = contact.customer.portal_id, contact.customer
    elif _anonymous_allowed(site):
        site_id, customer = site.pk, None
    else:
        return NOTHING
    memo["roots"] = roots = _portal_root_paths(site_id)
    if not roots:
        return NOTHING
    condition = Q()
    for path in roots:
        condition |= Q(path__startswith=path)
    memo["restricted_paths"] = restricted = restricted_paths(customer)
    memo["blocked"] = [path for path, allowed in restricted if not allowed]
    for path in memo["blocked"]:
        condition &= ~Q(path__startswith=path)
    return condition


def page_is_readable(page, memo) -> bool:
    """`readable_filter`'s condition evaluated on one page already loaded (no query)."""
    if memo["everything"]:
        return True
    return (
        page.live
        and any(page.path.startswith(root) for root in memo["roots"])
        and not any(page.path.startswith(path) for path in memo["blocked"])
    )


class KBPageQuerySet(PageQuerySet):
    def readable_by(self, user, site: Site | None = None):
        """Live pages that `user` may read (everything, drafts aside, for staff readers)."""
        return self.live().filter(readable_filter(user, site))

"""What a cached page or an ETag depends on, as versions that signals move on.

`KB_NAVIGATION`: the sidebar's KB root (pages, KB restrictions and settings, sites, customers).
`PORTAL_CONFIG`: everything a portal page shows besides its own rows (field schema and lookups,
portal settings, customers and contacts, ticket type choices).

Connected from the app config, so every process (a management command too) moves them on."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .versioned_cache import bump

KB_NAVIGATION = "kb-nav"
PORTAL_CONFIG = "portal-config"

_KB_APPS = {"wagtailcore", "kb"}
_PORTAL_CONFIG_MODELS = {
    "helpdesk.BuiltinFieldSetting",
    "helpdesk.CustomField",
    "helpdesk.Status",
    "helpdesk.Priority",
    "helpdesk.TicketType",
    "helpdesk.Impact",
    "helpdesk.ProductFamily",
    "helpdesk.PortalSettings",
    "helpdesk.PortalSettings_default_ticket_types",
    "helpdesk.Customer",
    "helpdesk.Customer_allowed_ticket_types",
    "helpdesk.Contact",
}


def namespaces_moved_by(sender):
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return ()
    moved = []
    if meta.app_label in _KB_APPS or meta.label == "helpdesk.Customer":
        moved.append(KB_NAVIGATION)
    if meta.label in _PORTAL_CONFIG_MODELS:
        moved.append(PORTAL_CONFIG)
    return moved


def on_change(sender, **kwargs):
    for namespace in namespaces_moved_by(sender):
        bump(namespace)


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"page-versions-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_change, dispatch_uid=f"page-versions-{id(signal)}")

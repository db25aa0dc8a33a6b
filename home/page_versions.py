"""What a cached page or an ETag depends on, as versions that signals move on.

`KB_NAVIGATION`: the sidebar's KB root (pages, KB restrictions and settings, sites, customers).
`PORTAL_CONFIG`: everything a portal page shows besides its own rows (field schema and lookups,
portal settings and logo, customers and contacts, ticket type choices).
`ticket_version_key(id)`: one ticket's rows (the ticket, its replies, files and changes).

Connected from the app config, so every process (a management command too) moves them on."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from cms.core.versioned_cache import bump, bump_key

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
    "wagtailimages.Image",  # a portal's logo
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


# A ticket's own version moves on whenever it or a row shown on its page is saved, also by a
# path that leaves updated_at alone (an admin edit, a data fix); ticket ETags include it.
_TICKET_ROWS = {
    "helpdesk.Ticket": "pk",
    "helpdesk.Reply": "ticket_id",
    "helpdesk.Attachment": "ticket_id",
    "helpdesk.Activity": "ticket_id",
}


def ticket_version_key(ticket_id):
    return f"ticket-version:{ticket_id}"


def on_change(sender, instance=None, **kwargs):
    for namespace in namespaces_moved_by(sender):
        bump(namespace)
    field = _TICKET_ROWS.get(getattr(getattr(sender, "_meta", None), "label", ""))
    if field and instance is not None and getattr(instance, field, None):
        bump_key(ticket_version_key(getattr(instance, field)))


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"page-versions-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_change, dispatch_uid=f"page-versions-{id(signal)}")

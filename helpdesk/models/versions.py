"""What the helpdesk's cached answers depend on, as versions its own receivers move on
(cms.core.versioned_cache): the portal pages, the API and the ticket page's ETag read them.

`PORTAL_CONFIG`: everything a portal page or API answer shows besides its own rows: the field
schema (field settings, custom fields, look-ups), portal settings and their logo, customers and
contacts, the ticket types a customer may use.
`ticket_version_key(id)`: one ticket's rows (the ticket, its replies, files and changes), moved
on by any save of them, also one that leaves `updated_at` alone (an admin edit, a data fix).

`connect()` is called from HelpdeskConfig.ready(), so every process (a management command,
the task worker) moves them on; each receiver is tied to its senders only."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model

from cms.core.versioned_cache import bump, bump_key

PORTAL_CONFIG = "portal-config"

# By label: the models read these names (PortalSettings.for_request), so this module imports none.
PORTAL_CONFIG_MODELS = (
    "helpdesk.BuiltinFieldSetting",
    "helpdesk.CustomField",
    "helpdesk.Status",
    "helpdesk.Priority",
    "helpdesk.TicketType",
    "helpdesk.Impact",
    "helpdesk.ProductFamily",
    "helpdesk.PortalSettings",
    "helpdesk.Customer",
    "helpdesk.Contact",
)
# The ticket-type choices of a portal and of a customer (many-to-many fields).
PORTAL_CONFIG_CHOICES = (
    ("helpdesk.PortalSettings", "default_ticket_types"),
    ("helpdesk.Customer", "allowed_ticket_types"),
)
# Each row shown on a ticket's page, with the field that names its ticket.
TICKET_ROWS = {
    "helpdesk.Ticket": "pk",
    "helpdesk.Reply": "ticket_id",
    "helpdesk.Attachment": "ticket_id",
    "helpdesk.Activity": "ticket_id",
}


def ticket_version_key(ticket_id):
    return f"ticket-version:{ticket_id}"


def portal_config_changed(**kwargs):
    bump(PORTAL_CONFIG)


def ticket_row_changed(sender, instance=None, **kwargs):
    ticket_id = getattr(instance, TICKET_ROWS[sender._meta.label], None)
    if ticket_id:
        bump_key(ticket_version_key(ticket_id))


def connect():
    # A portal's logo is a Wagtail image: replacing its file or focal point changes the header.
    throughs = [
        apps.get_model(label)._meta.get_field(name).remote_field.through
        for label, name in PORTAL_CONFIG_CHOICES
    ]
    models = [apps.get_model(label) for label in PORTAL_CONFIG_MODELS]
    for sender in (*models, *throughs, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(portal_config_changed, sender=sender, dispatch_uid=_uid(signal, sender))
    for through in throughs:
        m2m_changed.connect(
            portal_config_changed, sender=through, dispatch_uid=_uid(m2m_changed, through)
        )
    for sender in map(apps.get_model, TICKET_ROWS):
        for signal in (post_save, post_delete):
            signal.connect(ticket_row_changed, sender=sender, dispatch_uid=_uid(signal, sender))


def _uid(signal, sender):
    return f"helpdesk-versions-{id(signal)}-{sender._meta.label}"

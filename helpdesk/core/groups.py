"""The two staff roles of the helpdesk, kept in sync after every `migrate`.

Technicians work tickets; Helpdesk managers also configure lookups, custom fields, portal
visibility, customers and portal settings."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from .permissions import HELPDESK_MANAGERS_GROUP, TECHNICIANS_GROUP

TECHNICIAN_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "helpdesk.view_ticket",
    "helpdesk.change_ticket",
    "helpdesk.add_ticket",
    "helpdesk.view_reply",
    "helpdesk.add_reply",
    "helpdesk.view_attachment",
    "helpdesk.add_attachment",
    "helpdesk.view_activity",
    "helpdesk.view_customer",
    "helpdesk.view_contact",
]
MANAGER_MODELS = [
    "customer",
    "contact",
    "status",
    "priority",
    "tickettype",
    "impact",
    "productfamily",
    "customfield",
    "builtinfieldsetting",
    "portalsettings",
]
MANAGER_PERMISSIONS = [
    *TECHNICIAN_PERMISSIONS,
    "helpdesk.view_outboxmessage",
    *(
        f"helpdesk.{action}_{model}"
        for model in MANAGER_MODELS
        for action in ("add", "change", "delete", "view")
    ),
]


def _permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            found.append(permission)
    return found


def ensure_groups(app_config=None, **kwargs):
    if app_config is not None:
        create_permissions(app_config, verbosity=0)  # helpdesk's own, before we use them
    for name, permissions in (
        (TECHNICIANS_GROUP, TECHNICIAN_PERMISSIONS),
        (HELPDESK_MANAGERS_GROUP, MANAGER_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(permissions))

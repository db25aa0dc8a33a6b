from .accounts import AccountToken, TokenPurpose
from .customers import Contact, Customer
from .fields import (
    BuiltinField,
    BuiltinFieldSetting,
    CustomField,
    CustomFieldType,
    Visibility,
)
from .lookups import Impact, Priority, ProductFamily, Status, StatusCategory, TicketType
from .outbox import OutboxMessage, OutboxStatus
from .portal_settings import PortalSettings
from .tickets import Activity, Attachment, Reply, Ticket, TicketCounter, TicketSource
from .users import User

__all__ = [
    "AccountToken",
    "Activity",
    "Attachment",
    "BuiltinField",
    "BuiltinFieldSetting",
    "Contact",
    "CustomField",
    "CustomFieldType",
    "Customer",
    "Impact",
    "OutboxMessage",
    "OutboxStatus",
    "PortalSettings",
    "Priority",
    "ProductFamily",
    "Reply",
    "Status",
    "StatusCategory",
    "Ticket",
    "TicketCounter",
    "TicketSource",
    "TicketType",
    "TokenPurpose",
    "User",
    "Visibility",
]

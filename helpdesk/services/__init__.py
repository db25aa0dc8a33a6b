"""Every write to tickets goes through these keyword-only, atomic services (DESIGN rule 2)."""

from .attachments import attachment_add
from .field_values import clean_field_values
from .replies import ticket_reply
from .tickets import (
    ticket_assign,
    ticket_close,
    ticket_create,
    ticket_reopen,
    ticket_update_fields,
)

__all__ = [
    "attachment_add",
    "clean_field_values",
    "ticket_assign",
    "ticket_close",
    "ticket_create",
    "ticket_reopen",
    "ticket_reply",
    "ticket_update_fields",
]

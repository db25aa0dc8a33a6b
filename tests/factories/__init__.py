from .helpdesk import ContactFactory, CustomerFactory, UserFactory, api_token
from .portals import PortalFactory, PortalHomePageFactory
from .tickets import (
    CustomFieldFactory,
    ReplyFactory,
    TechnicianFactory,
    TicketFactory,
)

__all__ = [
    "ContactFactory",
    "CustomFieldFactory",
    "CustomerFactory",
    "PortalFactory",
    "PortalHomePageFactory",
    "ReplyFactory",
    "TechnicianFactory",
    "TicketFactory",
    "UserFactory",
    "api_token",
]

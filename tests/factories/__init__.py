from .helpdesk import ContactFactory, CustomerFactory, UserFactory
from .portals import PortalFactory, PortalHomePageFactory

__all__ = [
    "ContactFactory",
    "CustomerFactory",
    "PortalFactory",
    "PortalHomePageFactory",
    "UserFactory",
]

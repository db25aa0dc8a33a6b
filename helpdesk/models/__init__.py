from .customers import Contact, Customer
from .portal_settings import PortalSettings
from .users import User

__all__ = ["Contact", "Customer", "PortalSettings", "User"]

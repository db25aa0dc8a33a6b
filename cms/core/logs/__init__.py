"""Structured logs: every line carries time, level, the request id, the user id (never an
address) and the portal; security events go to the `portal.security` logger by one function."""

from .security import security_event

__all__ = ["security_event"]

"""Liveness and readiness for load balancers and orchestrators (`/healthz`, `/readyz`).

The probes are django-health-check's; this package adds the portal's own (migrations applied,
task backlog) and lets each app register more (helpdesk: the outbox). Domain-free."""

from .registry import checks, register

__all__ = ["checks", "register"]

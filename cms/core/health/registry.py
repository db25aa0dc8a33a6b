"""The readiness checks by name; apps add theirs in `ready()`."""

from health_check.base import HealthCheck

_CHECKS: dict[str, HealthCheck] = {}


def register(name: str, check: HealthCheck) -> None:
    _CHECKS[name] = check


def checks() -> dict[str, HealthCheck]:
    return dict(_CHECKS)

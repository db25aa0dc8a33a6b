"""The readiness probes and the scrape-time gauges by name; apps add theirs in `ready()`."""

from collections.abc import Callable

from health_check.base import HealthCheck

_CHECKS: dict[str, HealthCheck] = {}
_GAUGES: dict[str, tuple[str, Callable[[], float]]] = {}


def register(name: str, check: HealthCheck) -> None:
    _CHECKS[name] = check


def checks() -> dict[str, HealthCheck]:
    return dict(_CHECKS)


def register_gauge(name: str, description: str, read: Callable[[], float]) -> None:
    """A gauge whose value `read()` computes when /metrics is scraped (a queue depth, an age):
    read from the database then, so every process reports the same number."""
    _GAUGES[name] = (description, read)


def gauges() -> dict[str, tuple[str, Callable[[], float]]]:
    return dict(_GAUGES)

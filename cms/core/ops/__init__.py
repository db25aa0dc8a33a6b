"""What operators and their machines ask the portal: liveness (`/healthz`), readiness
(`/readyz`) and Prometheus metrics (`/metrics`), answered before host checks and the HTTPS
redirect (ops.middleware). The readiness probes are django-health-check's plus the portal's own;
request, latency and database metrics are django-prometheus's. Apps register their own probes
and gauges in `ready()`; this package names no app. Domain-free."""

from .registry import checks, gauges, register, register_gauge

__all__ = ["checks", "gauges", "register", "register_gauge"]

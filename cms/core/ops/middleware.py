"""The probes and the metrics answer before every other middleware: a load balancer or a
scraper asks by IP address (not in ALLOWED_HOSTS) and over plain HTTP (no HTTPS redirect), and
must not need a session, a site or a language to learn whether the process lives."""

from .metrics import metrics
from .views import healthz, readyz

PROBES = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        return probe(request) if probe else self.get_response(request)

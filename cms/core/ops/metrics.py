"""`/metrics` for Prometheus, to operators only (OPS_ALLOWED_IPS or the OPS_TOKEN bearer).

With gunicorn's several worker processes, set PROMETHEUS_MULTIPROC_DIR (an empty folder per
start, docs/deployment.md): every process writes its counters there and this view adds them up."""

import os

import prometheus_client
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily

from .access import is_operator
from .registry import gauges


class ScrapeTimeGauges:
    """The registered gauges, read now (prometheus_client's custom-collector protocol)."""

    def collect(self):
        for name, (description, read) in gauges().items():
            yield GaugeMetricFamily(name, description, value=float(read()))


def metrics(request):
    if not is_operator(request):
        response = JsonResponse({"error": {"code": "forbidden", "message": "Operators only."}})
        response.status_code = 403
        return response
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.REGISTRY
    now = prometheus_client.CollectorRegistry()
    now.register(ScrapeTimeGauges())
    body = prometheus_client.generate_latest(registry) + prometheus_client.generate_latest(now)
    response = HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
    add_never_cache_headers(response)
    return response

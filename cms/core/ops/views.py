"""`/healthz`: the process answers (no database, no cache). `/readyz`: every registered probe
passes; 503 names the failing ones. Anyone may see which part fails; only operators (addresses
in OPS_ALLOWED_IPS, or the OPS_TOKEN bearer) see why, since a reason can name hosts."""

import inspect
import logging

from asgiref.sync import async_to_sync
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from health_check.exceptions import HealthCheckException

from .access import is_operator
from .registry import checks

logger = logging.getLogger("portal.health")


def _failure(check):
    """None when the probe passes, else what failed. Probes run here, in the request's thread,
    not in a thread pool: a pool thread would keep a database connection open of its own."""
    try:
        if inspect.iscoroutinefunction(check.run):
            async_to_sync(check.run)()
        else:
            check.run()
    except HealthCheckException as failed:
        logger.warning("Readiness probe failed", extra={"probe": repr(check)})
        return str(failed)
    except Exception:
        logger.exception("Readiness probe broke", extra={"probe": repr(check)})
        return "unknown error"
    return None


def _answer(body, status=200):
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    return response


@require_safe
def healthz(request):
    return _answer({"status": "ok"})


@require_safe
def readyz(request):
    results = {name: _failure(check) for name, check in checks().items()}
    failing = any(results.values())
    operator = is_operator(request)
    body = {
        "status": "unavailable" if failing else "ok",
        "checks": {
            name: "ok" if not failure else failure if operator else "failing"
            for name, failure in results.items()
        },
    }
    return _answer(body, status=503 if failing else 200)

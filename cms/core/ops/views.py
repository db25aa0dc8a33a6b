"""`/healthz`: the process answers (no database, no cache). `/readyz`: every registered probe
passes; 503 names the failing ones. A probe that raises django-health-check's ServiceWarning
(a backlog: the worker or the mail server is behind) leaves the answer 200 with the status
`degraded`: this server can still serve, and taking every app server out of the load balancer,
or refusing to start them, over a mail outage would turn a delay into downtime. Anyone may see
which part fails; only operators (addresses in OPS_ALLOWED_IPS, or the OPS_TOKEN bearer) see
why, since a reason can name hosts."""

import inspect
import logging

from asgiref.sync import async_to_sync
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from health_check.exceptions import HealthCheckException, ServiceWarning

from .access import is_operator
from .registry import checks

logger = logging.getLogger("portal.health")


def _outcome(check):
    """None when the probe passes, else ("warning" or "failing", what happened). Probes run
    here, in the request's thread, not in a thread pool: a pool thread would keep a database
    connection open of its own."""
    try:
        if inspect.iscoroutinefunction(check.run):
            async_to_sync(check.run)()
        else:
            check.run()
    except ServiceWarning as behind:
        logger.warning("Readiness probe warns", extra={"probe": repr(check)})
        return "warning", str(behind)
    except HealthCheckException as failed:
        logger.warning("Readiness probe failed", extra={"probe": repr(check)})
        return "failing", str(failed)
    except Exception:
        logger.exception("Readiness probe broke", extra={"probe": repr(check)})
        return "failing", "unknown error"
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
    outcomes = {name: _outcome(check) for name, check in checks().items()}
    kinds = {outcome[0] for outcome in outcomes.values() if outcome}
    operator = is_operator(request)
    body = {
        "status": "unavailable" if "failing" in kinds else "degraded" if kinds else "ok",
        "checks": {
            name: "ok" if not outcome else outcome[1] if operator else outcome[0]
            for name, outcome in outcomes.items()
        },
    }
    response = _answer(body, status=503 if "failing" in kinds else 200)
    # The failing probes are logged above, once; Django would log each 503 as a server error
    # too, and with ADMINS set every poll of an unready server would become an e-mail.
    response._has_been_logged = True
    return response

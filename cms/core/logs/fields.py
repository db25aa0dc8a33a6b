"""The logging filter and formatter named in LOGGING (cms/settings/ops.py)."""

import logging

from pythonjsonlogger.json import JsonFormatter

from .context import current_request, user_id_of


class RequestContextFilter(logging.Filter):
    """Stamps every record with the request id, user id and portal host of the request being
    served (empty outside requests: commands, the worker, the scheduler)."""

    def filter(self, record):
        request = current_request.get()
        record.request_id = getattr(request, "request_id", "") if request else ""
        record.user_id = user_id_of(request) if request else None
        record.portal = _host(request) if request else ""
        return True


def _host(request):
    try:
        return request.get_host()
    except Exception:  # a disallowed Host header is itself logged; do not fail on it
        return ""


FIELDS = "%(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s %(portal)s"
RENAMED = {"levelname": "level", "name": "logger"}


class PortalJsonFormatter(JsonFormatter):
    """One JSON object per line: time, level, logger, message, request_id, user_id, portal and
    any `extra` fields of the call."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s"
        )
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        kwargs.setdefault("timestamp", "time")  # ISO 8601, UTC
        super().__init__(*args, **kwargs)

"""gunicorn settings for the portal's app servers: `gunicorn -c deploy/gunicorn.conf.py
cms.wsgi:application` (docs/deployment.md). Everything can be overridden on the command line."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))  # one sync worker per core to start
timeout = 120
# Request lines go to the portal's own structured log (with the request id), not gunicorn's.
accesslog = None


def child_exit(server, worker):
    """A worker that ended leaves its metrics files behind; mark them, so /metrics stops adding
    its gauges (PROMETHEUS_MULTIPROC_DIR, emptied before every start)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

"""Jobs that must run on a schedule, and the one thing that runs them (`manage.py
run_schedule`). Each app registers its own jobs in its `ready()`; this package names none."""

from .registry import Job, jobs, register
from .runner import tick

__all__ = ["Job", "jobs", "register", "tick"]

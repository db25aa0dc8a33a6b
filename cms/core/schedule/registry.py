"""The list of scheduled jobs: a name, an interval and a callable, filled by the apps."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[], object]
    description: str


_JOBS: dict[str, Job] = {}


def register(name: str, every: timedelta, description: str, run: Callable[[], object]) -> Job:
    """Add (or replace, on a repeated `ready()`) the job `name`."""
    job = _JOBS[name] = Job(name, every, run, description)
    return job


def jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda job: job.name)

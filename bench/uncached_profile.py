"""The profile behind the uncached-KB figure (issue 10 allows that one ratio as a measured gap,
"with the profile that explains it"): the restricted article requested in-process with the
cache off, where its time goes.

  CACHE_URL=dummycache:// python -m bench.uncached_profile -> var/uncached_profile.json

- queries: how many, and the time PostgreSQL took for them (measured around each query);
- the tables they read (the first table after FROM), most read first;
- wall time per request without the profiler (median of single requests);
- cProfile's own time of every function, summed by where the function lives (psycopg is
  waiting for PostgreSQL; django/db is the ORM building queries and model instances; ...);
- the slowest steps of the request: cumulative time of the project's and Wagtail's functions."""

import cProfile
import json
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from .inproc import VAR, client_for  # noqa: E402

ROOT = str(Path(__file__).resolve().parent.parent)
ROUNDS = 40
# Where a function lives -> what it does; the first match wins.
AREAS = (
    ("psycopg", "psycopg: sending queries, waiting for PostgreSQL, reading rows"),
    ("django/db/", "Django ORM: building SQL, making model instances"),
    ("django/template/", "Django templates: rendering the page"),
    ("wagtail/", "Wagtail: routing, page tree, specific pages, rich text"),
    ("modelcluster/", "Wagtail: routing, page tree, specific pages, rich text"),
    ("django/", "Django: middleware, sessions, URLs, translation"),
    (f"{ROOT}/kb/", "Project: KB access, breadcrumbs, votes, context"),
    (f"{ROOT}/home/", "Project: site, navigation, branding, caches"),
    (f"{ROOT}/helpdesk/", "Project: accounts, settings"),
)


def _area(filename):
    for needle, area in AREAS:
        if needle in filename:
            return area
    return "Python and other libraries"


def _request(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response


def measure():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend.endswith("DummyCache"), f"run with CACHE_URL=dummycache:// ({backend})"
    path = json.loads((VAR / "targets.json").read_text())["kb_restricted"]
    client = client_for("alice@acme.example")
    for _ in range(5):
        _request(client, path)
    with CaptureQueriesContext(connection) as captured:
        _request(client, path)
    queries = list(captured.captured_queries)  # the next request clears the connection's log
    sql_ms = sum(float(query["time"]) for query in queries) * 1000
    walls = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        _request(client, path)
        walls.append((time.perf_counter() - start) * 1000)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(ROUNDS):
        _request(client, path)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    areas, total = {}, 0.0
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.items():
        areas[_area(filename)] = areas.get(_area(filename), 0.0) + own
        total += own
    steps = [
        (f"{_short(filename)}:{line} {name}", cumulative / ROUNDS * 1000)
        for (filename, line, name), (_cc, _nc, _own, cumulative, _callers) in stats.items()
        if _is_step(filename) and name != "__call__"  # the middleware wraps it all
    ]
    steps.sort(key=lambda step: -step[1])
    result = {
        "path": path,
        "queries": len(queries),
        "sql_ms": round(sql_ms, 1),
        "tables": Counter(_table(query["sql"]) for query in queries).most_common(),
        "wall_ms": round(statistics.median(walls), 1),
        "profiled_ms": round(total / ROUNDS * 1000, 1),
        "areas": sorted(
            ((area, round(100 * own / total, 1)) for area, own in areas.items()),
            key=lambda item: -item[1],
        ),
        "steps": [(name, round(ms, 2)) for name, ms in steps[:15]],
    }
    (VAR / "uncached_profile.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


def _table(sql):
    match = re.search(r'FROM "([a-z_]+)"', sql)
    return match.group(1) if match else sql.split()[0]


def _short(filename):
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    return str(Path(filename).relative_to(ROOT))


def _is_step(filename):
    """The project's own code and Wagtail's page serving: the steps a reader can act on."""
    project = filename.startswith(ROOT) and "/.venv/" not in filename
    return (project and "/bench/" not in filename) or "wagtail/models/" in filename


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] != "measure":
        sys.exit(__doc__)
    measure()

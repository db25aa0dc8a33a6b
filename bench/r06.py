"""SECURITY R-06, the load case: 200 simultaneous contacts run bench/locustfile.py (log in,
list, filter, open, reply with a 2 MB file, search the KB) against gunicorn + PostgreSQL.

  python -m bench.r06 watch SECONDS   samples PostgreSQL connections and the gunicorn workers'
                                      memory every 2 s while locust runs (var/r06_samples.json)
  python -m bench.r06 report          writes var/r06.md from locust's CSV and the samples

Targets (SECURITY.md R-06): p95 < 500 ms for reads (GET), < 2 s for writes (the login and the
reply with its file), no failed request and no 5xx, connections well under PostgreSQL's limit,
worker memory stable (no growth between the middle and the end of the run, VmHWM < 250 MB)."""

import csv
import json
import os
import sys
import time
from pathlib import Path

import psycopg

from .memory import status_kb, workers

VAR = Path(__file__).resolve().parent / "var"
SAMPLES = VAR / "r06_samples.json"
READ_P95_MS, WRITE_P95_MS = 500, 2000
STABLE_MB = 20  # largest allowed RSS growth of a worker from the middle of the run to its end


def _database_url():
    return os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)


def watch(seconds):
    samples = []
    with psycopg.connect(_database_url(), autocommit=True) as connection:
        limit = int(connection.execute("SHOW max_connections").fetchone()[0])
        database = connection.info.dbname
        ended = time.monotonic() + seconds
        while time.monotonic() < ended:
            count = connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (database,)
            ).fetchone()[0]
            rss = {}
            for pid in workers():
                try:
                    rss[pid] = (status_kb(pid, "VmRSS"), status_kb(pid, "VmHWM"))
                except (FileNotFoundError, AttributeError):
                    continue  # a worker restarting between pgrep and /proc
            samples.append({"t": round(time.monotonic(), 1), "connections": count, "rss": rss})
            time.sleep(2)
    SAMPLES.write_text(json.dumps({"max_connections": limit, "samples": samples}))


def _verdict(ok):
    return "pass" if ok else "**FAIL**"


def _requests():
    with (VAR / "r06_stats.csv").open() as handle:
        return [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]


def _memory(samples):
    """(peak VmHWM MB, largest RSS growth MB of one worker from mid-run to the end)."""
    middle, last = samples[len(samples) // 2]["rss"], samples[-1]["rss"]
    growth = max(
        ((last[pid][0] - middle[pid][0]) / 1024 for pid in last if pid in middle), default=0
    )
    peak = max(hwm for sample in samples for _rss, hwm in sample["rss"].values()) / 1024
    return peak, growth


def report():
    rows, failures, all_ok = [], 0, True
    for row in _requests():
        is_read = row["Type"] == "GET"
        target = READ_P95_MS if is_read else WRITE_P95_MS
        p95 = int(float(row["95%"]))
        ok = p95 < target
        all_ok &= ok
        failures += int(row["Failure Count"])
        rows.append(
            f"| {row['Type']} {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {row['Median Response Time']} | {p95} | < {target} | {_verdict(ok)} |"
        )
    watched = json.loads(SAMPLES.read_text())
    samples = watched["samples"]
    most = max(sample["connections"] for sample in samples)
    peak, growth = _memory(samples)
    failures_ok = failures == 0
    connections_ok = most < watched["max_connections"] // 2
    memory_ok = peak < 250 and growth < STABLE_MB
    errors = VAR / "r06_failures.csv"
    total = sum(int(row["Request Count"]) for row in _requests())
    text = f"""
## SECURITY R-06: load (bench/locustfile.py, 200 users, 2 MB replies)

{os.environ.get("R06_SETUP", "")}

| Request | Count | Failures | Median ms | 95% ms | Target 95% ms | Result |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

- Requests: {total}; failed (any non-2xx/3xx, 5xx included): {failures} — {_verdict(failures_ok)}
- p95 of every request within its target — {_verdict(all_ok)}
- PostgreSQL connections of the database, most seen (sampled every 2 s): {most} of
  max_connections {watched["max_connections"]} — {_verdict(connections_ok)}
- Worker memory: peak VmHWM {peak:.0f} MB (< 250), RSS growth from mid-run to the end
  {growth:+.1f} MB (< {STABLE_MB}) — {_verdict(memory_ok)}
- Failures file: `{errors.relative_to(VAR.parent.parent)}`
- R-06 overall: **{"pass" if all_ok and failures_ok and connections_ok and memory_ok else "FAIL"}**
"""
    (VAR / "r06.md").write_text(text)
    print(text)


if __name__ == "__main__":
    if sys.argv[1] == "watch":
        watch(float(sys.argv[2]))
    else:
        report()

"""Writes bench/RESULTS.md from the JSON files the other steps left in bench/var/."""

import csv
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VAR = BENCH / "var"


def load(name):
    path = VAR / name
    return json.loads(path.read_text()) if path.exists() else None


GAP = "measured gap (profile below)"


def verdict(ok):
    return "pass" if ok else "**FAIL**"


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    load_avg = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"{platform.node()}, {cpu}, {os.cpu_count()} cores, "
        f"{int(memory) // 1024} MB RAM, Python {platform.python_version()}, "
        f"load average at the end {' '.join(load_avg)}"
    )


def seed_figures():
    log = (VAR / "seed100k.log").read_text() if (VAR / "seed100k.log").exists() else ""
    peak = elapsed = None
    for line in log.splitlines():
        if "Maximum resident set size" in line:
            peak = int(line.split(":")[1]) / 1024
        if "Elapsed (wall clock)" in line:
            elapsed = line.rsplit(" ", 1)[1]
    return peak, elapsed


def rows():
    http = load("http_cached.json") or {}
    uncached = load("http_uncached.json") or {}
    inproc = load("inproc.json") or {}
    out = []

    def ratio(key, label, target, source=http, gap=False):
        """`gap`: the one figure issue 10 lets stand below its target as a measured gap, when
        the profile that explains it was measured in the same run."""
        figure = source.get(key)
        if not figure:
            out.append((label, f"≥ {target}x", "not measured", "**FAIL**"))
            return
        value = figure["ratio"]
        errors = figure.get("non_2xx", 0)
        note = f"{value:.2f}x ({figure['rps']:.1f} vs {figure['against_rps']:.1f} req/s)"
        if errors:
            note += f", {errors} non-2xx"
        result = verdict(value >= target and not errors)
        if gap and value < target and not errors and load("uncached_profile.json"):
            result = GAP
        out.append((label, f"≥ {target}x", note, result))

    def time_ratio(key, label, limit):
        figure = http.get(key)
        if not figure:
            out.append((label, f"≤ {limit}x", "not measured", "**FAIL**"))
            return
        value = figure["against_rps"] / figure["rps"]  # time is 1/throughput
        out.append((label, f"≤ {limit}x", f"{value:.2f}x the time", verdict(value <= limit)))

    ratio("list_filtered", "Ticket list, 100k customer, main contact, 25 rows, filter", 0.20)
    time_ratio("big_vs_small_page1", "Page 1: 100k-ticket vs 100-ticket customer", 1.5)
    time_ratio("deep_vs_page1", "Page 2,000 deep vs page 1", 1.5)
    explain = inproc.get("explain", {})
    scans = explain.get("seq_scans")
    out.append(
        (
            "EXPLAIN of the list queries: no Seq Scan on helpdesk_ticket",
            "no Seq Scan",
            "not measured" if scans is None else (", ".join(scans) or "index scans only"),
            verdict(scans == []),
        )
    )
    ratio("ticket_page", "Ticket page, 20 replies and 5 attachments", 0.20)
    ratio("api_list", "API list of 100 tickets", 0.33)
    ser = inproc.get("serialisation")
    if ser:
        out.append(
            (
                "API serialisation vs hand-built dicts (100 tickets, to JSON)",
                "≤ 3x",
                f"{ser['ratio']:.2f}x ({ser['api_ms']:.1f} vs {ser['hand_ms']:.1f} ms)",
                verdict(ser["ratio"] <= 3),
            )
        )
    ratio("kb_restricted", "KB article, restricted (Acme), warm cache", 0.33)
    ratio("kb_public", "KB article, public, anonymous, main portal", 0.7)
    ratio("kb_public_bench", "KB article, public, anonymous, 1k-article portal", 0.7)
    time_ratio("search_10k_vs_1k", "KB search at 10,000 vs 1,000 articles", 2)
    etag = inproc.get("etag")
    if etag:
        out.append(
            (
                "Conditional GET of a ticket page (ETag)",
                "304, ≤ 3 queries",
                f"{etag['status']}, {etag['queries']} queries",
                verdict(etag["status"] == 304 and etag["queries"] <= 3),
            )
        )
    ratio("kb_uncached", "KB article uncached (dummy cache), restricted", 0.10, uncached, gap=True)
    return out


def memory_rows():
    out = []
    peaks = load("worker_peak.json")
    if peaks:
        worst = max(peaks.values()) / 1024
        out.append(("Gunicorn worker peak RSS (VmHWM) after the load run", "< 250 MB",
                    f"{worst:.0f} MB (workers: "
                    f"{', '.join(f'{v // 1024} MB' for v in peaks.values())})",
                    verdict(worst < 250)))  # fmt: skip
    peak, elapsed = seed_figures()
    if peak:
        out.append(("`seed_demo --tickets 100000` peak RSS (/usr/bin/time -v)", "< 500 MB",
                    f"{peak:.0f} MB in {elapsed}", verdict(peak < 500)))  # fmt: skip
    inproc = load("inproc.json") or {}
    small, big = inproc.get("export_small"), inproc.get("export_big")
    if small and big:
        grows = big["peak_kb"] > small["peak_kb"] * 1.5 + 256
        out.append(("CSV export tracemalloc peak, 1,000 vs 100,000 rows", "does not grow",
                    f"{small['peak_kb']} KB ({small['rows']:,} rows) vs "
                    f"{big['peak_kb']} KB ({big['rows']:,} rows)", verdict(not grows)))  # fmt: skip
    upload = load("upload.json")
    if upload:
        ok = upload["status"] in (200, 302) and upload["max_growth_mb"] < upload["upload_mb"]
        out.append(("50 MB upload: worker RSS growth", "< 50 MB",
                    f"{upload['max_growth_mb']} MB "
                    f"(HTTP {upload['status']}, {upload['seconds']} s)",
                    verdict(ok)))  # fmt: skip
    return out


def table(rows_):
    lines = ["| Figure | Target | Measured | Result |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows_]
    return "\n".join(lines)


def locust_summary():
    stats = VAR / "locust_stats.csv"
    if not stats.exists():
        return "Not run."
    lines = [
        "| Request | Count | Failures | Median ms | 95% ms | Req/s |",
        "|---|---|---|---|---|---|",
    ]
    with stats.open() as handle:
        for row in csv.DictReader(handle):
            lines.append(
                f"| {row['Type']} {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
                f"| {row['Median Response Time']} | {row['95%']} | {float(row['Requests/s']):.1f} |"
            )
    return "\n".join(lines)


def uncached_profile():
    """Where the uncached article's time goes (bench/uncached_profile.py, same run)."""
    profile = load("uncached_profile.json")
    if not profile:
        return ""
    tables = ", ".join(f"{table} {count}" for table, count in profile["tables"])
    areas = "\n".join(f"| {area} | {share:.1f} % |" for area, share in profile["areas"])
    steps = "\n".join(f"| `{name}` | {ms:.1f} |" for name, ms in profile["steps"])
    top_area, top_share = profile["areas"][0]
    db_share = 100 * profile["sql_ms"] / profile["wall_ms"]
    return f"""
## KB article uncached: the profile behind the figure

`CACHE_URL=dummycache:// python -m bench.uncached_profile`: the restricted article
(`{profile["path"]}`) requested in-process by alice@acme.example
with the cache off, so every request routes the page, reads the page tree, checks the
customer restriction, builds breadcrumbs, related articles and the language links, and
renders the template again.

- Wall time per request: {profile["wall_ms"]} ms (median), of which PostgreSQL answered
  {profile["queries"]} queries in {profile["sql_ms"]} ms (time measured around each query).
- Queries by table: {tables}.
- With the profiler on ({profile["profiled_ms"]} ms a request), the own time of each function,
  summed by where it lives:

| Where | Share of the time |
|---|---|
{areas}

Slowest steps (cumulative ms a request, profiler on):

| Step | ms |
|---|---|
{steps}

The largest share is "{top_area}" ({top_share:.0f} %); PostgreSQL's own answers are
{db_share:.0f} % of the wall time. With the cache on, the routing, page tree, restriction,
breadcrumbs and the rendered body come from the cache: see the warm-cache figure of the same
article above.
"""


def main():
    # run.sh passes its command line; scaleout.sh and backup_drill.sh re-run the report to add
    # their sections (var/scaleout.md, var/backup.md) and keep the speed run's command.
    # What the run measured on (commit, clean or not, machine load) is saved at the run and
    # reused when the report is written again later.
    if len(sys.argv) > 1:
        command = sys.argv[1]
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        commit = subprocess.getoutput("git rev-parse --short HEAD")  # noqa: S605, S607
        changes = "git status --porcelain -- bench helpdesk home kb cms ':!bench/RESULTS.md'"
        if subprocess.getoutput(changes):  # noqa: S605
            commit += " (with uncommitted changes)"
        saved = [command, now, commit, machine()]
        (VAR / "command.txt").write_text(json.dumps(saved))
    else:
        saved = json.loads((VAR / "command.txt").read_text())
        if len(saved) == 3:  # written before the machine line was saved with it
            saved.append(machine())
    command, now, commit, machine_line = saved
    speed, memory = rows(), memory_rows()
    failed = sum(1 for row in speed + memory if row[3] not in ("pass", GAP))
    gaps = sum(1 for row in speed if row[3] == GAP)
    summary = f"{failed} figure(s) not passing"
    if gaps:
        summary += f"; {gaps} reported as a measured gap (allowed for the uncached KB article)"
    text = f"""# Benchmark results

Written by `{command}` — do not edit by hand.

- Date of the speed and memory run: {now}
- Machine: {machine_line}
- Commit: {commit}
- Database: PostgreSQL (`portal_bench`); gunicorn (2 sync workers) pinned to core 0
  (`taskset -c 0`), wrk pinned to core 1; every speed figure is a ratio to the bare view
  `HttpResponse("ok")` through the project's middleware (bench/urls.py), interleaved A/B/A/B,
  3 rounds of 3 s each, medians (the load average above says how busy the machine was).

## Speed (issue 10 item 3)

{table(speed)}

## Memory (issue 10 item 4)

{table(memory)}

{summary}.
{uncached_profile()}
## Load scenario (bench/locustfile.py, 50 users, gunicorn on one core)

{locust_summary()}
"""
    for extra in ("r06.md", "scaleout.md", "backup.md"):
        if (VAR / extra).exists():
            text += (VAR / extra).read_text()
    (BENCH / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()

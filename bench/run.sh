#!/usr/bin/env bash
# The benchmark of issue 10, in one command: seeds PostgreSQL, serves the project with gunicorn
# on core 0, drives it from core 1 and writes bench/RESULTS.md.
#
#   bench/run.sh            build the database from scratch (about 20-60 min), then measure
#   bench/run.sh --reuse    measure on the database of an earlier run
#
# Environment: BENCH_DB (portal_bench), BENCH_PORT (8104), PG_URL (postgres://portal:portal@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${BENCH_DB:-portal_bench}
PORT=${BENCH_PORT:-8104}
PG_URL=${PG_URL:-postgres://portal:portal@127.0.0.1:5432}
VAR=bench/var
PY=.venv/bin/python
export DATABASE_URL="$PG_URL/$DB"
export DJANGO_SETTINGS_MODULE=bench.settings
export PRIVATE_STORAGE_ROOT="$PWD/$VAR/private" MEDIA_ROOT="$PWD/$VAR/media"
export CONN_MAX_AGE=600
# Its own cache folder (shared by the gunicorn workers), never the development server's.
export CACHE_DIR="$PWD/$VAR/cache"
mkdir -p "$VAR"

log() { echo "[bench $(date -u +%H:%M:%S)] $*"; }

need() {  # Debian packages the bench uses
    local missing=()
    for package in "$@"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    fi
}

seed() {
    log "fresh database $DB"
    psql "$PG_URL/postgres" -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    rm -rf "$VAR/private" "$VAR/media"
    $PY manage.py migrate -v0
    $PY manage.py seed_demo >/dev/null
    log "seed_demo --tickets 100000 (timed)"
    /usr/bin/time -v $PY manage.py seed_demo --tickets 100000 --customer "Acme Corp" \
        >"$VAR/seed100k.log" 2>&1
    grep -E "helpdesk:|Maximum resident|Elapsed" "$VAR/seed100k.log"
    log "bench data: Globex 100 tickets, replies, files, load users, KBs of 1,000 and 10,000"
    BENCH_SEARCH_AUTO_UPDATE=0 $PY -m bench.seed
    log "search and reference indexes, once"
    $PY manage.py update_index >/dev/null
    $PY manage.py rebuild_references_index >/dev/null
    # The page saves queued one index task each; the two commands above did their work.
    psql "$DATABASE_URL" -q -c "DELETE FROM django_tasks_database_dbtaskresult
        WHERE status = 'READY' AND task_path IN ('wagtail.tasks.update_reference_index_task',
        'modelsearch.tasks.insert_or_update_object_task')"
    psql "$DATABASE_URL" -q -c "VACUUM ANALYZE"
}

start_server() {  # extra environment as arguments, e.g. CACHE_URL=dummycache://
    rm -f "$VAR/gunicorn.pid"
    env "$@" taskset -c "${GUNICORN_CPUS:-0}" .venv/bin/gunicorn cms.wsgi:application \
        --bind "127.0.0.1:$PORT" --workers "${GUNICORN_WORKERS:-2}" --timeout 120 --pid "$VAR/gunicorn.pid" >"$VAR/gunicorn.log" 2>&1 &
    for _ in $(seq 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$PORT/bench/bare/" && return 0
        sleep 1
    done
    log "gunicorn did not come up"; tail -20 "$VAR/gunicorn.log"; exit 1
}

stop_server() {
    local pid
    pid=$(cat "$VAR/gunicorn.pid")
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
}

need wrk
if [ "${1:-}" != "--reuse" ]; then seed; else $PY manage.py migrate -v0; $PY -m bench.seed load-users; fi  # an earlier run's database, brought up to date
rm -rf "$VAR/cache"
rm -f "$VAR"/http_*.json "$VAR"/inproc.json "$VAR"/uncached_profile.json "$VAR"/upload.json "$VAR"/worker_peak.json "$VAR"/locust_* \
    "$VAR"/r06*

log "targets"
$PY -m bench.inproc prepare >/dev/null

# The in-process figures (EXPLAIN, ETag, serialisation, CSV export memory at 1,000 and 100,000
# rows) need no server. They run first, on their own: run next to the speed figures (as they
# once did), they kept core 1 busy under wrk and slowed the bare view more than the pages, which
# flattered every ratio.
log "in-process figures (about a minute)"
INPROC_OK=1
taskset -c 1 $PY -m bench.inproc measure >"$VAR/inproc.log" 2>&1 || INPROC_OK=0

log "server with the configured cache: speed figures"
start_server
trap 'kill $(cat $VAR/gunicorn.pid) 2>/dev/null || true' EXIT
$PY -m bench.figures "$PORT" cached
log "50 MB upload"
$PY -m bench.memory "$PORT" upload
# Logins hash with Argon2 (about a second of CPU each on a loaded core): users arrive at two a
# second and the run lasts long enough for all of them to work through the scenario.
log "locust: 50 users, 150 s"
taskset -c 1 .venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 2 -t 150s \
    --host "http://127.0.0.1:$PORT" --csv "$VAR/locust" --only-summary 2>&1 | tail -25 || true
$PY -m bench.memory "$PORT" peak
stop_server

# SECURITY R-06: 200 contacts as a deployment would serve them, gunicorn on both cores.
# A person reads a page before the next click: 5-15 s between two requests of one contact.
R06_SECONDS=180
log "R-06: locust, 200 users, 2 MB replies, ${R06_SECONDS} s, gunicorn 4 workers on both cores"
GUNICORN_CPUS=0,1 GUNICORN_WORKERS=4 start_server
trap 'kill $(cat $VAR/gunicorn.pid) 2>/dev/null || true' EXIT
$PY -m bench.r06 watch $((R06_SECONDS + 10)) &
WATCH=$!
BENCH_REPLY_MB=2 BENCH_THINK_SECONDS=5,15 .venv/bin/locust -f bench/locustfile.py --headless \
    -u 200 -r 4 -t "${R06_SECONDS}s" --host "http://127.0.0.1:$PORT" --csv "$VAR/r06" \
    --only-summary 2>&1 | tail -12 || true
wait "$WATCH"
R06_SETUP="gunicorn cms.wsgi (4 sync workers, CONN_MAX_AGE=600, both cores), PostgreSQL \
\`$DB\`, locust on the same machine: 200 users arriving 4 a second, ${R06_SECONDS} s, 5-15 s \
between two requests of one user, replies with a 2 MB file." $PY -m bench.r06 report >/dev/null
stop_server

log "server without a cache: uncached KB article"
start_server CACHE_URL=dummycache://
$PY -m bench.figures "$PORT" uncached
stop_server
trap - EXIT
# The one figure that may stand as a measured gap: where its time goes, in the same run.
log "profile of the uncached KB article"
CACHE_URL=dummycache:// taskset -c 1 $PY -m bench.uncached_profile >"$VAR/uncached_profile.log" 2>&1 \
    || log "profile failed: see $VAR/uncached_profile.log"

[ "$INPROC_OK" = 1 ] || log "in-process figures failed: see $VAR/inproc.log"
cat "$VAR/inproc.log"

$PY -m bench.report "bench/run.sh $*" >/dev/null
log "wrote bench/RESULTS.md"
grep -E "^\| " bench/RESULTS.md | head -30

#!/usr/bin/env bash
# Scale-out, exercised (issue 10 item 7): nginx in front of two gunicorn processes, PostgreSQL,
# Redis for cache and sessions, the tasks worker (db_worker) running, private files on one
# shared path; the locust scenario through nginx; summary and CSV appended to RESULTS.md.
# Needs the database of bench/run.sh (same BENCH_DB).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${BENCH_DB:-portal_bench}
PG_URL=${PG_URL:-postgres://portal:portal@127.0.0.1:5432}
LISTEN=8110 APP1=8107 APP2=8108 REDIS_PORT=8109
VAR="$PWD/bench/var"
PY=.venv/bin/python
export DATABASE_URL="$PG_URL/$DB"
export DJANGO_SETTINGS_MODULE=bench.settings
export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
export SESSION_STORE=cache
export PRIVATE_STORAGE_ROOT="$VAR/shared-private"
export MEDIA_ROOT="$VAR/media"
export TRUSTED_PROXY_COUNT=1
export CONN_MAX_AGE=600

log() { echo "[scaleout $(date -u +%H:%M:%S)] $*"; }
for port in $LISTEN $APP1 $APP2 $REDIS_PORT; do
    if ss -ltn "sport = :$port" | grep -q LISTEN; then
        log "port $port is taken by another process: stop it or change the ports"; exit 1
    fi
done
for package in nginx redis-server wrk; do
    dpkg -s "$package" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null
done
mkdir -p "$VAR/nginx"/{body,proxy,fastcgi,uwsgi,scgi} "$PRIVATE_STORAGE_ROOT"
chown -R www-data "$VAR/nginx"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$VAR/nginx/nginx.pid" ] && kill "$(cat "$VAR/nginx/nginx.pid")" 2>/dev/null || true
    [ -f "$VAR/redis.pid" ] && kill "$(cat "$VAR/redis.pid")" 2>/dev/null || true
}
trap cleanup EXIT

log "redis on $REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$VAR/redis.pid" --logfile "$VAR/redis.log"

log "two gunicorn processes on $APP1 and $APP2"
for port in $APP1 $APP2; do
    .venv/bin/gunicorn cms.wsgi:application --bind "127.0.0.1:$port" --workers 2 --timeout 120 \
        >"$VAR/gunicorn-$port.log" 2>&1 &
    PIDS+=($!)
done
log "tasks worker"
$PY manage.py db_worker >"$VAR/db_worker.log" 2>&1 &
PIDS+=($!)

sed -e "s|@VAR@|$VAR|g" -e "s|@LISTEN@|$LISTEN|" -e "s|@APP1@|$APP1|" -e "s|@APP2@|$APP2|" \
    bench/nginx.conf >"$VAR/nginx/nginx.conf"
nginx -t -c "$VAR/nginx/nginx.conf" 2>&1 | tail -1
nginx -c "$VAR/nginx/nginx.conf"
for _ in $(seq 120); do curl -fs -o /dev/null "http://127.0.0.1:$LISTEN/bench/bare/" && break; sleep 1; done
for port in $APP1 $APP2; do
    for _ in $(seq 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/bench/bare/" && break; sleep 1; done
done

tasks_done() {
    psql -At "$DATABASE_URL" -c "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
}
before_tasks=$(tasks_done)
before_files=$(find "$PRIVATE_STORAGE_ROOT" -type f | wc -l)

log "locust through nginx: 50 users (2 a second), 150 s"
.venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 2 -t 150s \
    --host "http://127.0.0.1:$LISTEN" --csv "$VAR/scaleout" --only-summary >"$VAR/scaleout-locust.log" 2>&1 || true
tail -22 "$VAR/scaleout-locust.log"
sleep 10  # let the worker drain the notifications the replies queued

after_tasks=$(tasks_done)
after_files=$(find "$PRIVATE_STORAGE_ROOT" -type f | wc -l)
sessions=$(redis-cli -p "$REDIS_PORT" --scan --pattern '*django.contrib.sessions*' | wc -l)
failures=$($PY - "$VAR/scaleout_stats.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated"))
PYEOF
)
served1=$(grep -c "" "$VAR/gunicorn-$APP1.log" || true)
log "failures $failures, sessions in redis $sessions, tasks done $((after_tasks - before_tasks)), new private files $((after_files - before_files))"

{
    echo
    echo "## Scale-out (bench/scaleout.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD))"
    echo
    echo "nginx :$LISTEN → gunicorn :$APP1 and :$APP2 (2 workers each), PostgreSQL \`$DB\`,"
    echo "Redis :$REDIS_PORT for cache and sessions (\`CACHE_URL=$CACHE_URL\`, \`SESSION_STORE=cache\`),"
    echo "\`manage.py db_worker\` running, private files on \`bench/var/shared-private\`."
    echo
    echo "- Locust failures through nginx: **$failures** ($( [ "$failures" = 0 ] && echo pass || echo FAIL ))"
    echo "- Sessions held in Redis after the run: $sessions"
    echo "- Tasks the worker completed during the run: $((after_tasks - before_tasks))"
    echo "- Files the replies stored on the shared path: $((after_files - before_files))"
    echo
    echo '```'
    tail -22 "$VAR/scaleout-locust.log"
    echo '```'
    echo
    echo '```csv'
    cat "$VAR/scaleout_stats.csv"
    echo '```'
} >"$VAR/scaleout.md"
$PY -m bench.report >/dev/null
log "bench/RESULTS.md rewritten with the scale-out section"

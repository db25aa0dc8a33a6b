#!/usr/bin/env bash
# Scale-out, exercised with the deployment kit (issue 27): the units of deploy/systemd started
# by bench/units.py in systemd's order — portal-release (migrate, collectstatic, translations),
# then two portal-web@ app servers, each counted started only when its /readyz answers 200, then
# the worker and the scheduler — and nginx with deploy/nginx/portal-proxy.conf in front, started
# only once both app servers are ready. Redis for cache and sessions, private files on one
# shared path. Then the locust scenario through nginx; summary and CSV appended to RESULTS.md.
# Needs the database of bench/run.sh (same BENCH_DB).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${BENCH_DB:-portal_bench}
PG_URL=${PG_URL:-postgres://portal:portal@127.0.0.1:5432}
LISTEN=8110 APP1=8107 APP2=8108 REDIS_PORT=8109
VAR="$PWD/bench/var"
RUN="$VAR/run"
ENV_FILE="$VAR/portal.env"
PY=.venv/bin/python

log() { echo "[scaleout $(date -u +%H:%M:%S)] $*"; }
for port in $LISTEN $APP1 $APP2 $REDIS_PORT; do
    if ss -ltn "sport = :$port" | grep -q LISTEN; then
        log "port $port is taken by another process: stop it or change the ports"; exit 1
    fi
done
for package in nginx redis-server; do
    dpkg -s "$package" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null
done
rm -rf "$RUN"
mkdir -p "$VAR/nginx"/{body,proxy,fastcgi,uwsgi,scgi} "$VAR/shared-private" "$RUN"
chown -R www-data "$VAR/nginx"

# /etc/portal/portal.env of the units, for this host (deploy/portal.env.example is the sample).
cat >"$ENV_FILE" <<ENV
DJANGO_SETTINGS_MODULE=bench.settings
DATABASE_URL=$PG_URL/$DB
CONN_MAX_AGE=600
CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
SESSION_STORE=cache
PRIVATE_STORAGE_ROOT=$VAR/shared-private
MEDIA_ROOT=$VAR/media
STATIC_ROOT=$VAR/static
TRUSTED_PROXY_COUNT=1
GUNICORN_WORKERS=2
LOG_FORMAT=json
ENV
set -a; . "$ENV_FILE"; set +a  # the same for psql and manage.py below

cleanup() {  # stop every unit's main process (and its children) as systemd would
    for pidfile in "$RUN"/*.pid; do
        [ -f "$pidfile" ] && kill -TERM -- "-$(cat "$pidfile")" 2>/dev/null || true
    done
    [ -f "$VAR/nginx/nginx.pid" ] && kill "$(cat "$VAR/nginx/nginx.pid")" 2>/dev/null || true
    [ -f "$VAR/redis.pid" ] && kill "$(cat "$VAR/redis.pid")" 2>/dev/null || true
}
trap cleanup EXIT
unit() {  # start a unit of deploy/systemd as systemd would (main pid in $RUN/<unit>.pid)
    $PY -m bench.units "deploy/systemd/$1" ${2:+--instance "$2"} --root "$PWD" \
        --env-file "$ENV_FILE" --run-dir "$RUN" 2>>"$RUN/startup.txt"
}

log "redis on $REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$VAR/redis.pid" --logfile "$VAR/redis.log"

started=$(date +%s%N)
log "portal-release.service"
unit portal-release.service
log "portal-web@$APP1 and portal-web@$APP2 (started when /readyz answers 200)"
unit portal-web@.service "$APP1" & first=$!
unit portal-web@.service "$APP2" & second=$!
wait "$first" && wait "$second" || { cat "$RUN/startup.txt"; exit 1; }
log "portal-worker.service and portal-scheduler.service"
unit portal-worker.service
unit portal-scheduler.service
for port in $APP1 $APP2; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")
    [ "$code" = 200 ] || { log "portal-web@$port is not ready ($code): see $RUN"; exit 1; }
done
log "nginx on $LISTEN, in front of two ready app servers"
sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$PWD|g" -e "s|@LISTEN@|$LISTEN|" -e "s|@APP1@|$APP1|" \
    -e "s|@APP2@|$APP2|" bench/nginx.conf >"$VAR/nginx/nginx.conf"
nginx -t -c "$VAR/nginx/nginx.conf" 2>&1 | tail -1
nginx -c "$VAR/nginx/nginx.conf"
ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LISTEN/readyz")
startup=$(( ($(date +%s%N) - started) / 1000000 ))
cat "$RUN/startup.txt"
log "ready through nginx: $ready, $startup ms after the release unit began"

tasks_done() {
    psql -At "$DATABASE_URL" -c "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
}
requests_counted() {  # what both app servers' /metrics count (every gunicorn worker added up)
    local total=0 port n
    for port in $APP1 $APP2; do
        n=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^django_http_requests_total_by_method_total/ {s += $2} END {printf "%d", s}')
        total=$((total + n))
    done
    echo "$total"
}
before_tasks=$(tasks_done)
before_files=$(find "$PRIVATE_STORAGE_ROOT" -type f | wc -l)
before_requests=$(requests_counted)

log "locust through nginx: 50 users (2 a second), 150 s"
.venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 2 -t 150s \
    --host "http://127.0.0.1:$LISTEN" --csv "$VAR/scaleout" --only-summary >"$VAR/scaleout-locust.log" 2>&1 || true
tail -22 "$VAR/scaleout-locust.log"
sleep 10  # let the worker drain the notifications the replies queued

after_tasks=$(tasks_done)
after_files=$(find "$PRIVATE_STORAGE_ROOT" -type f | wc -l)
after_requests=$(requests_counted)
sessions=$(redis-cli -p "$REDIS_PORT" --scan --pattern '*django.contrib.sessions*' | wc -l)
read -r failures sent <<<"$($PY - "$VAR/scaleout_stats.csv" <<'PYEOF'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["Name"] == "Aggregated"]
print(sum(int(r["Failure Count"]) for r in rows), sum(int(r["Request Count"]) for r in rows))
PYEOF
)"
counted=$((after_requests - before_requests))
log "failures $failures of $sent, counted by /metrics $counted, sessions in redis $sessions, tasks done $((after_tasks - before_tasks)), new private files $((after_files - before_files))"

{
    echo
    echo "## Scale-out with the deployment kit (bench/scaleout.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD))"
    echo
    echo "The units of \`deploy/systemd\` started in systemd's order by \`bench/units.py\` (their own"
    echo "commands and environment file): \`portal-release\`, then \`portal-web@$APP1\` and"
    echo "\`portal-web@$APP2\` (gunicorn, 2 workers each, each started only once its \`/readyz\` answered"
    echo "200), then \`portal-worker\` and \`portal-scheduler\`; nginx on :$LISTEN with"
    echo "\`deploy/nginx/portal-proxy.conf\`, started after both app servers were ready. PostgreSQL"
    echo "\`$DB\`, Redis :$REDIS_PORT for cache and sessions, private files on \`bench/var/shared-private\`."
    echo
    echo "- Start-up, release unit to ready through nginx: $startup ms (\`/readyz\` through nginx: $ready)"
    sed 's/^/  - /' "$RUN/startup.txt"
    echo "- Locust failures through nginx: **$failures** of $sent requests ($( [ "$failures" = 0 ] && echo pass || echo FAIL ))"
    echo "- Requests the two app servers' \`/metrics\` counted meanwhile, all 4 workers added up: $counted (locust counts a login or a reply and the redirect that follows it as one request)"
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

#!/usr/bin/env bash
# Backup drill (SECURITY R-07): pg_dump the database and copy the private files (attachments,
# KB documents) and the media files (logos, KB images), restore all three into a fresh
# database and fresh folders, compare row counts and file checksums; the output is appended to
# bench/RESULTS.md.
#
#   bench/backup_drill.sh     (BENCH_DB, default portal_bench; PRIVATE_ROOT, default
#                              bench/var/private; MEDIA_ROOT, default bench/var/media)
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${BENCH_DB:-portal_bench}
RESTORED="${DB}_restored"
PG_URL=${PG_URL:-postgres://portal:portal@127.0.0.1:5432}
PRIVATE_ROOT=${PRIVATE_ROOT:-$PWD/bench/var/private}
MEDIA_ROOT=${MEDIA_ROOT:-$PWD/bench/var/media}
WORK="$PWD/bench/var/backup"
OUT="$WORK/drill.md"
rm -rf "$WORK" && mkdir -p "$WORK"

started=$(date +%s)
echo "[drill] dump $DB and copy $PRIVATE_ROOT and $MEDIA_ROOT"
pg_dump --format=custom --no-owner --file "$WORK/portal.dump" "$PG_URL/$DB"
tar -C "$PRIVATE_ROOT" -czf "$WORK/private.tar.gz" .
tar -C "$MEDIA_ROOT" -czf "$WORK/media.tar.gz" .

echo "[drill] restore into $RESTORED and a fresh folder"
psql "$PG_URL/postgres" -q -c "DROP DATABASE IF EXISTS $RESTORED" -c "CREATE DATABASE $RESTORED"
pg_restore --no-owner --exit-on-error --dbname "$PG_URL/$RESTORED" "$WORK/portal.dump"
mkdir -p "$WORK/private-restored" "$WORK/media-restored"
tar -C "$WORK/private-restored" -xzf "$WORK/private.tar.gz"
tar -C "$WORK/media-restored" -xzf "$WORK/media.tar.gz"

{
    echo
    echo "## Backup drill (bench/backup_drill.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD))"
    echo
    echo "\`pg_dump --format=custom\` of \`$DB\` ($(du -h "$WORK/portal.dump" | cut -f1)), a tar of the private"
    echo "files ($(du -h "$WORK/private.tar.gz" | cut -f1)) and one of the media files ($(du -h "$WORK/media.tar.gz" | cut -f1)),"
    echo "restored into \`$RESTORED\` and fresh folders:"
    echo
} >"$OUT"
status=0
.venv/bin/python -m bench.backup_compare "$PG_URL/$DB" "$PG_URL/$RESTORED" \
    "$PRIVATE_ROOT" "$WORK/private-restored" "$MEDIA_ROOT" "$WORK/media-restored" >>"$OUT" || status=$?
# The restored schema answers `migrate --check` exactly as the source does (a checkout with
# newer migrations than the benchmark database would report them on both).
check() {
    DATABASE_URL="$PG_URL/$1" DJANGO_SETTINGS_MODULE=bench.settings \
        .venv/bin/python manage.py migrate --check >/dev/null 2>&1 && echo clean || echo "unapplied migrations"
}
source_check=$(check "$DB")
restored_check=$(check "$RESTORED")
if [ "$source_check" = "$restored_check" ]; then
    echo "- \`migrate --check\`: restored \"$restored_check\", source \"$source_check\" (same: pass)" >>"$OUT"
else
    echo "- \`migrate --check\`: restored \"$restored_check\", source \"$source_check\" (**FAIL**)" >>"$OUT"
    status=1
fi
echo "- Duration (dump, copy, restore, compare = the RTO of this data size): $(( $(date +%s) - started )) s" >>"$OUT"
cat "$OUT"
cp "$OUT" bench/var/backup.md
.venv/bin/python -m bench.report >/dev/null  # RESULTS.md with this section
psql "$PG_URL/postgres" -q -c "DROP DATABASE IF EXISTS $RESTORED"
exit $status

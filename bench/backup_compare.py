"""The comparison of the backup drill (SECURITY R-07): row counts of every table of two
PostgreSQL databases and SHA-256 checksums of every file under pairs of folders (the private
files, the media files).

  python -m bench.backup_compare DSN_A DSN_B FOLDER_A FOLDER_B [FOLDER_A FOLDER_B …]
  (exit 1 on any difference)"""

import hashlib
import sys
from pathlib import Path

import psycopg


def row_counts(dsn):
    with psycopg.connect(dsn) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def checksums(folder):
    root = Path(folder)
    result = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            result[str(path.relative_to(root))] = digest.hexdigest()
    return result


def differences(before: dict, after: dict):
    """Keys whose values differ, or that only one side has."""
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def main():
    dsn_a, dsn_b, *folders = sys.argv[1:]
    rows_a, rows_b = row_counts(dsn_a), row_counts(dsn_b)
    bad_tables = differences(rows_a, rows_b)
    print(f"- Tables compared: {len(rows_a)}, rows: {sum(rows_a.values()):,}; differing: "
          f"{', '.join(bad_tables) or 'none'}")  # fmt: skip
    ok = not bad_tables and bool(rows_a)
    for folder_a, folder_b in zip(folders[::2], folders[1::2], strict=True):
        files_a, files_b = checksums(folder_a), checksums(folder_b)
        bad_files = differences(files_a, files_b)
        size = sum(p.stat().st_size for p in Path(folder_a).rglob("*") if p.is_file())
        print(f"- Files compared in {Path(folder_a).name}/: {len(files_a)}, bytes: {size:,}; "
              f"differing: {', '.join(bad_files[:10]) or 'none'}")  # fmt: skip
        ok = ok and not bad_files and bool(files_a)
    print(f"- Result: **{'pass' if ok else 'FAIL'}**")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

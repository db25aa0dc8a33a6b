"""SECURITY R-07 on a small scale: the backup drill's comparison (bench/backup_compare.py)
finds a restore identical and notices a missing row, a changed file and a missing file."""

import shutil

import pytest
from django.db import connection

from bench.backup_compare import checksums, differences, row_counts


def test_R07_file_checksums_match_after_a_copy_and_catch_changes(tmp_path):
    original, restored = tmp_path / "private", tmp_path / "restored"
    (original / "attachments" / "2026").mkdir(parents=True)
    (original / "attachments" / "2026" / "a.pdf").write_bytes(b"%PDF-1.4 a")
    (original / "attachments" / "b.txt").write_bytes(b"b" * 5000)
    shutil.copytree(original, restored)
    assert differences(checksums(original), checksums(restored)) == []

    (restored / "attachments" / "b.txt").write_bytes(b"b" * 4999 + b"c")
    (restored / "attachments" / "2026" / "a.pdf").unlink()
    assert differences(checksums(original), checksums(restored)) == [
        "attachments/2026/a.pdf",
        "attachments/b.txt",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_R07_row_counts_of_a_database():
    if connection.vendor != "postgresql":
        pytest.skip("the drill dumps PostgreSQL")
    from tests.factories import CustomerFactory

    settings = connection.settings_dict
    dsn = (
        f"postgresql://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )
    before = row_counts(dsn)
    assert differences(before, row_counts(dsn)) == []
    CustomerFactory(name="Drill")
    after = row_counts(dsn)
    # (Wagtail's reference index may gain a row for the new customer too.)
    assert "helpdesk_customer" in differences(before, after)
    assert after["helpdesk_customer"] == before["helpdesk_customer"] + 1

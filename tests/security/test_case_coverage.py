"""Every SECURITY case id has a test named after it (`test_C07_…`, `test_R03_…`).

The ids come from docs/security-cases.md (a copy of the shared SECURITY.md's cases). Ids whose
behaviour an open issue still has to build are listed in PENDING with that issue; the list may
only shrink — a case that loses its test, or a new case without one, fails here."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "docs" / "security-cases.md"

PENDING: dict[str, str] = {}  # R-06 left it when its load run passed (bench/RESULTS.md)


def case_ids():
    return set(re.findall(r"^\| ((?:C|R)-\d\d) \|", CASES.read_text(encoding="utf-8"), re.M))


def ids_with_tests():
    found = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        for match in re.finditer(r"def test_((?:C|R)\d\d)_", path.read_text(encoding="utf-8")):
            found.add(f"{match.group(1)[0]}-{match.group(1)[1:]}")
    return found


def test_every_security_case_has_a_test():
    missing = case_ids() - ids_with_tests()
    assert missing <= set(PENDING), f"cases without a test: {sorted(missing - set(PENDING))}"


def test_the_case_list_is_complete_and_pending_entries_are_real_cases():
    """SECURITY.md's C-01…C-33 and R-01…R-07, then the project's own cases from C-34 on,
    numbered without gaps."""
    ids = case_ids()
    shared = {f"C-{n:02d}" for n in range(1, 34)} | {f"R-{n:02d}" for n in range(1, 8)}
    assert shared <= ids
    own = sorted(int(case[2:]) for case in ids - shared if case.startswith("C-"))
    assert own == list(range(34, 34 + len(own))), f"own cases must follow C-33: {own}"
    assert ids - shared == {f"C-{n}" for n in own}
    assert set(PENDING) <= ids

"""docs/architecture.md draws the house that the import contracts check: every layered contract
of pyproject.toml (run by `lint-imports` in CI) appears in the document's drawings, layer by
layer in the same order, so the picture cannot drift from the rule the code is held to."""

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
DOC_LINES = [line.strip() for line in (ROOT / "docs/architecture.md").read_text().splitlines()]
LAYERED = [c for c in CONTRACTS["contracts"] if c["type"] == "layers"]


def _drawn_line(layer, after):
    """Index of the first line after `after` that starts with this layer, with nothing but the
    layer's own siblings before its description."""
    for index in range(after + 1, len(DOC_LINES)):
        line = DOC_LINES[index]
        if line == layer or line.startswith(layer + "  "):
            return index
    return None


@pytest.mark.parametrize("contract", LAYERED, ids=lambda c: c["id"])
def test_the_document_draws_each_layer_in_the_contracts_order(contract):
    start = -1
    for container in contract.get("containers", []):
        start = DOC_LINES.index(f"{container}/")
    for layer in contract["layers"]:
        found = _drawn_line(layer, start)
        assert found is not None, f"{contract['id']}: layer {layer!r} is not drawn in order"
        start = found


def test_the_contracts_are_strict():
    """No import is excused, and a new sub-package must be given a layer."""
    assert all("ignore_imports" not in contract for contract in CONTRACTS["contracts"])
    assert {c["id"] for c in CONTRACTS["contracts"]} >= {"apps", "helpdesk", "kb", "acyclic"}
    for contract in LAYERED:
        if contract.get("containers"):
            assert contract.get("exhaustive") is True, contract["id"]


def test_the_helpdesk_root_holds_only_its_entry_modules():
    loose = sorted(path.name for path in (ROOT / "helpdesk").glob("*.py"))
    assert loose == ["__init__.py", "apps.py", "wagtail_hooks.py"]

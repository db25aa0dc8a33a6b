"""One version, in pyproject.toml: the changelog's newest release names it, and the running code
reports it (the ETag release when APP_VERSION is not set)."""

import re
import tomllib
from pathlib import Path

from cms.core import etags

ROOT = Path(__file__).resolve().parents[1]


def test_the_changelog_and_the_installed_package_carry_the_pyproject_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d\d-\d\d$", changelog, re.M)
    assert releases[0] == version, "the newest changelog entry is the version being released"
    assert "## [Unreleased]" in changelog
    assert version == etags.PACKAGE_VERSION  # reinstall (`pip install -e .`) after a bump

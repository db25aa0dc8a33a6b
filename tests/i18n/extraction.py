"""Running `makemessages` on a temporary copy of the source tree and of locale/, never on the
real catalogs: makemessages rewrites the files it touches, and other people edit locale/ at
the same time. Needs GNU gettext (xgettext, msgmerge)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from .catalogs import LANGUAGES, ROOT, load

# What `make messages` leaves out (the Makefile's --ignore list), plus git's own folder.
IGNORED_DIRS = {".venv", "var", "tests", ".git", "node_modules"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}  # makemessages' default extensions


def require_gettext():
    """Skip without GNU gettext, except in CI, where its absence is a failure."""
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI must have GNU gettext (apt-get install gettext)")
    pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")


def copy_sources(target: Path):
    """The files makemessages reads, and the catalogs, under `target`. Ignored folders are
    skipped at any depth, unread: bench/var alone can hold thousands of uploaded .txt files."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name
            for name in subfolders
            if name not in IGNORED_DIRS and name != "__pycache__" and not name.startswith(".")
        ]
        relative_folder = Path(folder).relative_to(ROOT)
        for name in files:
            relative = relative_folder / name
            wanted = relative.suffix in SOURCE_SUFFIXES or (
                relative.parts[0] == "locale" and relative.suffix == ".po"
            )
            if wanted:
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / relative, target / relative)


def extract(tree: Path):
    """Run makemessages in `tree` (a copy); {language: its catalog's entries afterwards}."""
    old_cwd, old_paths = Path.cwd(), settings.LOCALE_PATHS
    try:
        os.chdir(tree)
        settings.LOCALE_PATHS = [str(tree / "locale")]
        call_command(
            "makemessages", locale=LANGUAGES, no_obsolete=True, verbosity=0, domain="django"
        )
    finally:
        os.chdir(old_cwd)
        settings.LOCALE_PATHS = old_paths
    return {
        language: load(path=tree / "locale" / language / "LC_MESSAGES" / "django.po")
        for language in LANGUAGES
    }


def keys(entries):
    return {(entry.msgctxt, entry.msgid) for entry in entries}


def missing_from(committed, extracted):
    """Msgids makemessages found that the committed catalog lacks."""
    return sorted(keys(extracted) - keys(committed), key=str)


def stale_in(committed, extracted):
    """Committed entries the code no longer has."""
    return sorted(keys(committed) - keys(extracted), key=str)

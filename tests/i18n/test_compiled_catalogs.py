"""The .mo files Django reads: built without GNU gettext (DESIGN rule 6), complete, current
with their .po, and the .po files pass GNU msgfmt --check where gettext is installed."""

import gettext
import io
import shutil
import subprocess

import polib
import pytest
from django.core.management import call_command

from .catalogs import LANGUAGES, LOCALE_DIR, catalog_path, load
from .extraction import require_gettext


def compiled(language):
    return catalog_path(language).with_suffix(".mo")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_current(language):
    """A stale .mo makes pages show yesterday's texts: run `manage.py compile_translations`
    (`make run` and `make test` do)."""
    assert compiled(language).exists(), "run: manage.py compile_translations"
    current = polib.pofile(str(catalog_path(language))).to_binary()
    assert compiled(language).read_bytes() == current, "run: manage.py compile_translations"


def test_compiling_needs_no_gettext_and_gives_every_translation(tmp_path, settings, monkeypatch):
    for language in LANGUAGES:
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(catalog_path(language), target / "django.po")
    settings.LOCALE_PATHS = [str(tmp_path)]
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    call_command("compile_translations", stdout=io.StringIO())
    wrong = []
    for language in LANGUAGES:
        with open(tmp_path / language / "LC_MESSAGES" / "django.mo", "rb") as file:
            reader = gettext.GNUTranslations(file)
        for entry in load(language):
            if entry.msgid_plural:
                got = [reader.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
                want = [entry.msgstr_plural[0], entry.msgstr_plural[1]]
            elif entry.msgctxt:
                got, want = reader.pgettext(entry.msgctxt, entry.msgid), entry.msgstr
            else:
                got, want = reader.gettext(entry.msgid), entry.msgstr
            if got != want:
                wrong.append((language, entry.msgid))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_check_passes(language):
    """GNU msgfmt --check: header, plural forms, format strings agree with their msgid."""
    require_gettext()
    result = subprocess.run(
        [shutil.which("msgfmt"), "--check", "--output-file=/dev/null", str(catalog_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_catalog_is_checked():
    """A new locale folder must be added to LANGUAGES in tests/i18n/catalogs.py."""
    folders = {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")}
    assert folders == set(LANGUAGES)

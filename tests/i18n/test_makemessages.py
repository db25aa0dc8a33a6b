"""`makemessages` finds no msgid that the committed catalogs lack, and the catalogs keep no
entry the code no longer has (run on a temporary copy: tests/i18n/extraction.py)."""

import pytest

from .catalogs import LANGUAGES, load
from .extraction import copy_sources, extract, keys, missing_from, require_gettext, stale_in


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    require_gettext()
    tree = tmp_path_factory.mktemp("tree")
    copy_sources(tree)
    return extract(tree)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_msgid_is_missing_from_the_catalog(extracted, language):
    assert missing_from(load(language), extracted[language]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_has_no_stale_entries(extracted, language):
    assert stale_in(load(language), extracted[language]) == []


def test_the_copy_is_a_real_extraction(extracted):
    """The comparison means something only if the copy found the project's strings."""
    assert ("custom field type", "Number") in keys(extracted["de"])
    assert (None, "+ New ticket") in keys(extracted["de"])

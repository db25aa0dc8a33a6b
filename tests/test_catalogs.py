"""The UI catalogs locale/{de,fr,es,it}/LC_MESSAGES/django.po are complete and safe to use:
every entry translated and not fuzzy, the same placeholders in msgid and msgstr, no English
left in place of a translation, and the glossary's terms (docs/glossary.md, the committed copy
of the shared GLOSSARY.md) wherever the UI uses them.

The checks themselves live in tests/i18n/catalogs.py; tests/i18n/test_checkers.py shows that
each one fails on a doctored catalog. The makemessages comparison is in
tests/i18n/test_makemessages.py, rendered pages and e-mails in tests/i18n/test_rendered_*.py."""

import re

import pytest

from helpdesk.models import Priority, Status
from tests.i18n import catalogs, glossary
from tests.i18n.catalogs import LANGUAGES, PLACEHOLDER

# Glossary terms the interface does not use as text, and why. Each must really be unused:
# test_exemptions_are_still_needed fails once the catalog has the term.
NOT_UI_TEXT = {
    "Portal password": "the profile says “Change password”",
}
# Lookup values: data, not catalog entries (labels per language in the database).
LOOKUP_MODELS = (Status, Priority)
# Verbs change form inside a sentence (“Log in to vote.” → “Melden Sie sich an …”), so only
# noun phrases are also checked inside longer texts.
VERBS = {"Log in", "Log out", "Reset password", "Close ticket", "Attach files", "Forgot password?"}


def spaces(text):
    """French puts a no-break space before ? and :; the glossary writes a plain one."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def by_msgid(language):
    return {entry.msgid: entry for entry in catalogs.load(language) if entry.msgctxt is None}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    assert catalogs.untranslated(catalogs.load(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language):
    assert catalogs.fuzzy(catalogs.load(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match(language):
    assert catalogs.placeholder_mismatches(catalogs.load(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_the_english_text(language):
    assert catalogs.same_as_source(catalogs.load(language), language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_stray_percent_in_python_format(language):
    assert catalogs.stray_percent_in_python_format(catalogs.load(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_terms_as_whole_entries(language):
    """A msgid that is a glossary term is translated exactly as the glossary says. Entries
    with a msgctxt are another meaning of the word (e.g. a verb) and are not compared."""
    entries = by_msgid(language)
    wrong = {
        term.en: (entries[term.en].msgstr, term.translations[language])
        for term in glossary.terms()
        if term.en in entries
        and spaces(entries[term.en].msgstr) != spaces(term.translations[language])
    }
    assert wrong == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_noun_phrases_inside_longer_texts(language):
    """“Open the knowledge base” must say “Wissensdatenbank” too (terms of two or more words,
    verbs excepted; compared without case, placeholders removed)."""
    terms = [t for t in glossary.terms() if len(t.en.split()) > 1 and t.en not in VERBS]
    wrong = []
    for entry in catalogs.load(language):
        english = PLACEHOLDER.sub(" ", entry.msgid).lower()
        for term in terms:
            if entry.msgid == term.en or not _mentions(english, term.en):
                continue
            want = spaces(term.translations[language]).lower()
            if not any(want in spaces(text).lower() for text in catalogs.msgstrs(entry)):
                wrong.append((entry.msgid, term.en, want))
    assert wrong == []


def _mentions(text, term):
    return re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", text.lower()) is not None


def _used_in_catalog(term, entries):
    return any(_mentions(PLACEHOLDER.sub(" ", msgid), term) for msgid in entries)


@pytest.mark.django_db
def test_every_glossary_term_is_used():
    """The rule for “missing” terms: every glossary term is a msgid, part of a msgid, or a
    lookup label the migrations create; else it must be listed in NOT_UI_TEXT with a reason.
    So renaming “Knowledge base” in the UI fails here until the glossary follows."""
    entries = by_msgid("de")
    lookup_labels = {row.labels.get("en") for model in LOOKUP_MODELS for row in model.objects.all()}
    unused = [
        term.en
        for term in glossary.terms()
        if not _used_in_catalog(term.en, entries)
        and term.en not in lookup_labels
        and term.en not in NOT_UI_TEXT
    ]
    assert unused == []


def test_exemptions_are_still_needed():
    entries = by_msgid("de")
    assert [term for term in NOT_UI_TEXT if _used_in_catalog(term, entries)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_migrated_lookup_labels_follow_the_glossary(language):
    """Statuses and priorities come with labels from a migration; those are glossary terms."""
    terms = {term.en: term.translations[language] for term in glossary.terms()}
    wrong = {
        row.code: (row.labels.get(language), terms[row.labels["en"]])
        for model in LOOKUP_MODELS
        for row in model.objects.all()
        if row.labels.get("en") in terms and row.labels.get(language) != terms[row.labels["en"]]
    }
    assert wrong == {}


def test_language_names_are_their_own_names(settings):
    assert dict(settings.LANGUAGES) == glossary.own_language_names()


def test_committed_glossary_equals_the_shared_one():
    """docs/glossary.md is what CI reads (a fresh clone has no ../shared)."""
    if not glossary.SHARED_GLOSSARY_PATH.exists():
        pytest.skip("no shared GLOSSARY.md next to the repository (a fresh clone, e.g. CI)")
    shared = glossary.SHARED_GLOSSARY_PATH.read_text(encoding="utf-8")
    assert glossary.GLOSSARY_PATH.read_text(encoding="utf-8") == shared

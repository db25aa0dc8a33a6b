"""Reading the UI catalogs and the checks every catalog must pass.

The checks are plain functions over a polib catalog, so the tests can run them on the committed
catalogs and, to prove they can fail, on a doctored copy."""

import re
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "locale"
LANGUAGES = ["de", "fr", "es", "it"]

# %(name)s / %(name)d, %s / %d, and {name} (also literal JSON examples such as {"en": "…"}).
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[^{}]*\}")

# Words that are correctly the same in a translation. A msgstr equal to its msgid is allowed
# only when every word of it is listed here (case-insensitive) or it has no words at all
# (a pure format string such as "%(field)s: %(old)s → %(new)s").
SAME_EVERYWHERE = {"ticket", "tickets", "api", "logo"}
SAME_IN = {
    # German uses these English loanwords (glossary: "Status", "Filter", "Ticket").
    "de": {"status", "filter", "helpdesk", "portal", "name", "text", "code", "video", "link"},
    # French cognates spelt the same (glossary: "Type", "Impact", "Article", "Section").
    "fr": {
        "type", "types", "impact", "impacts", "article", "articles", "section", "sections",
        "message", "contact", "contacts", "date", "options", "code", "description", "source",
        "document", "documents", "image", "votes", "conversation", "pages",
    },
    # Spanish: glossary "No"; "Portal" and "Editable" are Spanish words.
    "es": {"no", "portal", "editable"},
    # Italian: glossary "No", "Allega file", "Password dimenticata?"; common loanwords.
    "it": {"no", "password", "file", "helpdesk", "video", "link", "home"},
}  # fmt: skip
WORD = re.compile(r"[^\W\d_]+")


def catalog_path(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def load(language=None, *, path=None):
    """The live (non-obsolete) entries of a catalog."""
    po = polib.pofile(str(path or catalog_path(language)))
    return [entry for entry in po if not entry.obsolete]


def msgstrs(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def sources(entry):
    """The English texts of an entry: singular and plural."""
    return [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]


def untranslated(entries):
    return [entry.msgid for entry in entries if not entry.translated()]


def fuzzy(entries):
    return [entry.msgid for entry in entries if "fuzzy" in entry.flags]


def placeholder_mismatches(entries):
    mismatches = []
    for entry in entries:
        expected = Counter(PLACEHOLDER.findall(entry.msgid))
        for text in msgstrs(entry):
            if Counter(PLACEHOLDER.findall(text)) != expected:
                mismatches.append((entry.msgid, text))
    return mismatches


def allowed_same(text, language):
    words = {word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text))}
    return words <= SAME_EVERYWHERE | SAME_IN.get(language, set())


def same_as_source(entries, language):
    """Entries whose translation is the English text, outside the allow-list."""
    return [
        entry.msgid
        for entry in entries
        if entry.translated()
        and any(text == source for text, source in zip(msgstrs(entry), sources(entry), strict=True))
        and not all(allowed_same(source, language) for source in sources(entry))
    ]


def stray_percent_in_python_format(entries):
    """python-format entries with a % that is neither a placeholder nor %%: xgettext guessed
    the flag from text like "% helpful", and msgfmt --check then reads "% f" in a translation
    as a conversion. Such an entry needs `# xgettext:no-python-format` at its source."""
    return [
        entry.msgid
        for entry in entries
        if "python-format" in entry.flags
        and "%" in re.sub(r"%%|%(\([^)]+\))?[sd]", "", entry.msgid)
    ]

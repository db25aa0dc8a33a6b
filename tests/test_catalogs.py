"""The UI catalogs locale/{de,fr,es,it}/LC_MESSAGES/django.po are complete and safe to use:
every entry translated and not fuzzy, the same placeholders in msgid and msgstr, and the
glossary's terms (shared GLOSSARY.md) for the main navigation and ticket vocabulary."""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["de", "fr", "es", "it"]

# %(name)s / %(name)d, %s / %d, and {name} (also literal JSON examples such as {"en": "…"}).
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[^{}]*\}")

GLOSSARY = {
    "+ New ticket": {
        "de": "+ Neues Ticket",
        "fr": "+ Nouveau ticket",
        "es": "+ Nuevo ticket",
        "it": "+ Nuovo ticket",
    },
    "Knowledge base": {
        "de": "Wissensdatenbank",
        "fr": "Base de connaissances",
        "es": "Base de conocimiento",
        "it": "Base di conoscenza",
    },
    "My profile": {
        "de": "Mein Profil",
        "fr": "Mon profil",
        "es": "Mi perfil",
        "it": "Il mio profilo",
    },
    "App settings": {
        "de": "App-Einstellungen",
        "fr": "Paramètres de l'application",
        "es": "Configuración de la aplicación",
        "it": "Impostazioni dell'app",
    },
    "Ticket details": {
        "de": "Ticketdetails",
        "fr": "Détails du ticket",
        "es": "Detalles del ticket",
        "it": "Dettagli del ticket",
    },
    "Ticket properties": {
        "de": "Ticketeigenschaften",
        "fr": "Propriétés du ticket",
        "es": "Propiedades del ticket",
        "it": "Proprietà del ticket",
    },
    "Publish": {"de": "Veröffentlichen", "fr": "Publier", "es": "Publicar", "it": "Pubblica"},
    "Attach files": {
        "de": "Dateien anhängen",
        "fr": "Joindre des fichiers",
        "es": "Adjuntar archivos",
        "it": "Allega file",
    },
    "Log out": {"de": "Abmelden", "fr": "Se déconnecter", "es": "Cerrar sesión", "it": "Esci"},
}

_catalogs = {}


def catalog(language):
    if language not in _catalogs:
        path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        _catalogs[language] = [entry for entry in polib.pofile(str(path)) if not entry.obsolete]
    return _catalogs[language]


def msgstrs(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    untranslated = [entry.msgid for entry in catalog(language) if not entry.translated()]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language):
    fuzzy = [entry.msgid for entry in catalog(language) if "fuzzy" in entry.flags]
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match(language):
    mismatches = []
    for entry in catalog(language):
        expected = Counter(PLACEHOLDER.findall(entry.msgid))
        for text in msgstrs(entry):
            if Counter(PLACEHOLDER.findall(text)) != expected:
                mismatches.append((entry.msgid, text))
    assert mismatches == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_terms(language):
    by_msgid = {entry.msgid: entry.msgstr for entry in catalog(language)}
    wrong = {
        msgid: (by_msgid[msgid], terms[language])
        for msgid, terms in GLOSSARY.items()
        if msgid in by_msgid and by_msgid[msgid] != terms[language]
    }
    assert wrong == {}

"""The checks fail when they should: an untranslated string in a page, in a catalog, or in the
code makes them report it. (A check that cannot fail proves nothing.)"""

import shutil

import polib
import pytest
from django.template import engines
from django.utils import translation

from . import catalogs
from .extraction import copy_sources, extract, missing_from, require_gettext
from .leaks import LeakFinder, visible_strings

NEW_MSGID = "Your parcel is on its way"


def german_page(body):
    return f'<html lang="de"><head><title>Tickets</title></head><body>{body}</body></html>'


REPLIED = "%(author)s replied to your ticket #%(number)s:"
GERMAN = {
    "Ticket details": "Ticketdetails",
    "Main navigation": "Hauptnavigation",
    REPLIED: "%(author)s hat auf Ihr Ticket #%(number)s geantwortet:",
    "This ticket is closed.": "Dieses Ticket ist geschlossen.",
    "Save": "Speichern",
    "Status": "Status",
    "Open": "Offen",
}


@pytest.fixture(scope="module")
def finder():
    """A finder over a small German catalog, so these tests do not hang on today's wording."""
    entries = [polib.POEntry(msgid=msgid, msgstr=msgstr) for msgid, msgstr in GERMAN.items()]
    return LeakFinder("de", entries=entries)


def leaks(finder, html, user_data=()):
    found = finder.leaks(visible_strings(html, "de"), user_data)
    return [(leak.text, leak.msgid) for leak in found]


def test_a_translated_page_passes(finder):
    page = german_page("<h2>Ticketdetails</h2><button>Speichern</button><p>Status: Offen</p>")
    assert leaks(finder, page) == []


def test_an_english_msgid_on_a_german_page_fails(finder):
    page = german_page("<h2>Ticket details</h2><button>Speichern</button>")
    assert leaks(finder, page) == [("Ticket details", "Ticket details")]


def test_english_in_a_read_out_attribute_fails(finder):
    page = german_page('<nav aria-label="Main navigation"><a href="/">Start</a></nav>')
    assert leaks(finder, page) == [("Main navigation", "Main navigation")]


def test_english_for_the_script_in_a_data_attribute_fails(finder):
    page = german_page('<div data-tool-save="Save" data-kb-suggest="/api/v1/kb/"></div>')
    assert leaks(finder, page) == [("Save", "Save")]


def test_an_english_sentence_with_placeholders_fails(finder):
    # "%(author)s replied to your ticket #%(number)s:" with its values filled in.
    page = german_page("<p>Tina Tech replied to your ticket #1042:</p>")
    assert leaks(finder, page) == [("Tina Tech replied to your ticket #1042:", REPLIED)]


def test_an_english_sentence_inside_other_text_fails(finder):
    page = german_page("<p>Achtung: This ticket is closed. Bitte neu eröffnen.</p>")
    assert [msgid for _text, msgid in leaks(finder, page)] == ["This ticket is closed."]


def test_user_content_and_other_languages_are_not_ui_text(finder):
    page = german_page(
        '<div class="rich-text"><p>Ticket details</p></div>'
        '<a href="/en/" lang="en">Ticket details</a>'
        "<h1>#1042 Ticket details broken</h1>"
    )
    assert leaks(finder, page, user_data={"Ticket details broken"}) == []


def test_a_new_untranslated_string_fails_the_catalog_checks(tmp_path):
    """The string a developer adds without translating it: empty, or left as English."""
    path = tmp_path / "django.po"
    shutil.copy(catalogs.catalog_path("de"), path)
    po = polib.pofile(str(path))
    po.append(polib.POEntry(msgid=NEW_MSGID, msgstr=""))
    po.append(polib.POEntry(msgid="Track it here", msgstr="Track it here"))
    po.append(polib.POEntry(msgid="%(count)s parcels", msgstr="Pakete", flags=["python-format"]))
    po.append(polib.POEntry(msgid="Arrived", msgstr="Angekommen", flags=["fuzzy"]))
    po.save()
    entries = catalogs.load(path=path)
    assert catalogs.untranslated(entries) == [NEW_MSGID, "Arrived"]
    assert catalogs.fuzzy(entries) == ["Arrived"]
    assert catalogs.same_as_source(entries, "de") == ["Track it here"]
    assert catalogs.placeholder_mismatches(entries) == [("%(count)s parcels", "Pakete")]


def test_a_new_untranslated_string_fails_the_rendered_check(tmp_path):
    """End to end: the template says {% translate NEW_MSGID %}, the German catalog (a copy, as
    makemessages would leave it) has the entry untranslated, so German pages show English."""
    path = tmp_path / "django.po"
    shutil.copy(catalogs.catalog_path("de"), path)
    po = polib.pofile(str(path))
    po.append(polib.POEntry(msgid=NEW_MSGID, msgstr=""))
    po.save()
    template = engines["django"].from_string(
        '{% load i18n %}<html lang="de"><body><p>{% translate "' + NEW_MSGID + '" %}</p>'
        '<p>{% translate "Ticket details" %}</p></body></html>'
    )
    with translation.override("de"):
        html = template.render({})
    finder = LeakFinder("de", entries=catalogs.load(path=path))
    assert [leak.msgid for leak in finder.leaks(visible_strings(html, "de"))] == [NEW_MSGID]


def test_a_new_string_in_the_code_fails_the_makemessages_check(tmp_path):
    require_gettext()
    copy_sources(tmp_path)
    (tmp_path / "templates" / "zz_parcel.html").write_text(
        '{% load i18n %}<p>{% translate "' + NEW_MSGID + '" %}</p>'
    )
    extracted = extract(tmp_path)
    assert (None, NEW_MSGID) in missing_from(catalogs.load("de"), extracted["de"])

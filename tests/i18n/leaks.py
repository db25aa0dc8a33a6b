"""Finding English UI text in a page or e-mail rendered in another language.

`visible_strings(html)` is the text a person sees or hears: text nodes (scripts, styles and
<head> except <title> left out), the attributes that are read out (title, alt, placeholder,
aria-label, a button's value) and data-* attributes (the texts the page's script shows, e.g.
the editor's button names). Subtrees in another language (`lang="en"` on the language links
or on KB content shown as a fallback) and user content (`.rich-text`, `.kb-body`) are skipped.

`LeakFinder(language)` knows the English msgids of the project's catalog and flags a visible
string that is one of them (placeholders match anything), or that contains a sentence-sized
piece of one. A msgid whose translation in `language` is the same text is not English there,
and neither is any text that is itself a translation in that catalog. Known user data (ticket
titles, names …) is blanked out of a string before it is checked."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .catalogs import PLACEHOLDER, load, msgstrs, sources

SKIPPED_TAGS = {"script", "style", "template", "svg"}
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
READ_OUT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
BUTTON_INPUTS = {"submit", "button", "reset"}
USER_CONTENT_CLASSES = {"rich-text", "kb-body"}
# Text pieces are split at these separators too ("Created: 1.2.2026 · Updated: …").
SEPARATORS = re.compile(r"\s+[·|\u2014\u2013]\s+|\n")  # · | em dash, en dash
TRIM = " \t\r\n:·|\u2014\u2013()[]*…,.;!?«»“”„\"'#→"
LETTERS = re.compile(r"[^\W\d_]")
USER_DATA_MARK = "\u2063"  # invisible separator: blanked user data never matches a msgid


def normalise(text):
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


class _VisibleText(HTMLParser):
    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, hides its content)
        self.strings = []
        self.in_head = False
        self.in_title = False

    @property
    def hidden(self):
        return any(hides for _tag, hides in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "title":
            self.in_title = True
        classes = set((attrs.get("class") or "").split())
        other_language = (
            "lang" in attrs
            and tag != "html"
            and (attrs["lang"] or "").split("-")[0] != self.language
        )
        hides = tag in SKIPPED_TAGS or bool(classes & USER_CONTENT_CLASSES) or other_language
        if not self.hidden and not hides and not self.in_head:
            for name, value in attrs.items():
                if value and (name in READ_OUT_ATTRIBUTES or name.startswith("data-")):
                    self.strings.append(value)
            if tag == "input" and attrs.get("type") in BUTTON_INPUTS and attrs.get("value"):
                self.strings.append(attrs["value"])
        if tag not in VOID_TAGS:
            self.stack.append((tag, hides))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "title":
            self.in_title = False
        # Pop to the matching start tag (HTML allows some end tags to be left out).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.hidden or (self.in_head and not self.in_title):
            return
        if data.strip():
            self.strings.append(data)


def visible_strings(html, language):
    parser = _VisibleText(language)
    parser.feed(html)
    parser.close()
    return parser.strings


def text_pieces(strings):
    """Each visible string, normalised, and its parts between separators."""
    pieces = []
    for raw in strings:
        whole = normalise(raw)
        if whole:
            pieces.append(whole)
        parts = [normalise(part) for part in SEPARATORS.split(raw)]
        pieces.extend(part for part in parts if part and part != whole)
    return pieces


@dataclass(frozen=True)
class Leak:
    text: str  # what the page shows
    msgid: str  # the English catalog entry it matches


def _segments(source):
    """A msgid's text between HTML tags, with template %% undone."""
    text = source.replace("%%", "%")
    return [normalise(part) for part in re.split(r"<[^>]+>", text) if normalise(part)]


def _literal_letters(segment):
    return len(LETTERS.findall(PLACEHOLDER.sub("", segment)))


def _pattern(segment):
    parts = PLACEHOLDER.split(segment)
    return ".+?".join(re.escape(part) for part in parts)


class LeakFinder:
    def __init__(self, language, *, entries=None):
        self.language = language
        entries = load(language) if entries is None else entries
        translated = {normalise(text) for entry in entries for text in msgstrs(entry)}
        self.translated = {text.strip(TRIM) for text in translated} | translated
        self.exact = {}  # English text -> msgid
        self.patterns = []  # (compiled fullmatch pattern, msgid) for texts with placeholders
        phrases = {}  # English phrase of 3+ words -> msgid
        for entry in entries:
            if entry.msgctxt is None and all(
                normalise(text) == normalise(source)
                for text, source in zip(msgstrs(entry), sources(entry), strict=True)
            ):
                continue  # the same words in this language
            for source in sources(entry):
                for segment in _segments(source):
                    if segment in self.translated or _literal_letters(segment) < 2:
                        continue
                    if PLACEHOLDER.search(segment):
                        if _literal_letters(segment) >= 4:
                            self.patterns.append((re.compile(_pattern(segment)), entry.msgid))
                        literal_runs = PLACEHOLDER.split(segment)
                    else:
                        self.exact[segment] = entry.msgid
                        self.exact.setdefault(segment.strip(TRIM), entry.msgid)
                        literal_runs = [segment]
                    for run in literal_runs:
                        run = run.strip(TRIM)
                        if len(run.split()) >= 3 and run not in self.translated:
                            phrases[run] = entry.msgid
        self.phrases = phrases
        longest_first = sorted(phrases, key=len, reverse=True)
        self.phrase_pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")
            if phrases
            else None
        )

    def leaks(self, strings, user_data=()):
        """The English UI texts among `strings` (visible strings of a page or e-mail)."""
        found = []
        blanks = sorted({normalise(d) for d in user_data if normalise(d)}, key=len, reverse=True)
        for piece in text_pieces(strings):
            for data in blanks:
                if data in piece:
                    piece = piece.replace(data, USER_DATA_MARK)
            leak = self._leak(piece)
            if leak and leak not in found:
                found.append(leak)
        return found

    def _leak(self, piece):
        for candidate in (piece, piece.strip(TRIM)):
            if not candidate or candidate in self.translated:
                return None
            if candidate in self.exact:
                return Leak(candidate, self.exact[candidate])
        for pattern, msgid in self.patterns:
            if pattern.fullmatch(piece):
                return Leak(piece, msgid)
        if self.phrase_pattern:
            match = self.phrase_pattern.search(piece)
            if match:
                return Leak(piece, self.phrases[match.group(1)])
        return None

"""The project glossary as data, read from the table in docs/glossary.md.

docs/glossary.md is the committed copy of the shared GLOSSARY.md (CI runs in a fresh clone,
where ../shared does not exist); a test keeps the two equal where the shared file is present.

A cell may hold several terms separated by " / " (e.g. "Open / Pending / Resolved / Closed");
they pair up by position with the other languages' cells. Bold marks (**…**) are dropped."""

from dataclasses import dataclass

from .catalogs import ROOT

GLOSSARY_PATH = ROOT / "docs" / "glossary.md"
SHARED_GLOSSARY_PATH = ROOT.parent / "shared" / "GLOSSARY.md"
COLUMNS = ["en", "de", "fr", "es", "it"]
OWN_NAMES_MARK = "(as own names)"


@dataclass(frozen=True)
class Term:
    en: str
    translations: dict  # language -> term


def _cells(line):
    return [cell.strip().replace("**", "").strip() for cell in line.strip().strip("|").split("|")]


def table_rows(text):
    """The glossary table's data rows as lists of cells (en, de, fr, es, it)."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        cells = _cells(line)
        if cells == COLUMNS or set("".join(cells)) <= set("-: "):
            continue  # header and separator
        if len(cells) != len(COLUMNS):
            raise ValueError(f"glossary row with {len(cells)} cells: {line!r}")
        rows.append(cells)
    return rows


def terms(text=None):
    """Every term of the glossary, the row of language own names excluded."""
    text = GLOSSARY_PATH.read_text(encoding="utf-8") if text is None else text
    found = []
    for cells in table_rows(text):
        if OWN_NAMES_MARK in cells[0]:
            continue
        parts = [[part.strip() for part in cell.split(" / ")] for cell in cells]
        if len({len(p) for p in parts}) != 1:
            raise ValueError(f"glossary row with unequal parts: {cells!r}")
        for position, english in enumerate(parts[0]):
            found.append(
                Term(
                    en=english,
                    translations={
                        language: parts[index][position]
                        for index, language in enumerate(COLUMNS)
                        if index
                    },
                )
            )
    return found


def own_language_names(text=None):
    """{language code: its own name} from the glossary's "(as own names)" row."""
    text = GLOSSARY_PATH.read_text(encoding="utf-8") if text is None else text
    for cells in table_rows(text):
        if OWN_NAMES_MARK in cells[0]:
            names = [name.strip() for name in cells[1].split("·")]
            return dict(zip(["en", "fr", "de", "es", "it"], names, strict=True))
    raise ValueError("the glossary has no row of language own names")

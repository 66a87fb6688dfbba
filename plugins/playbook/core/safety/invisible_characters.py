"""Characters nobody sees: refused wherever a contributor writes text a reader or a program reads.

Direction controls make a reader see other words than were written; zero-width spaces, word joiners,
soft hyphens and stray byte-order marks make two texts that look the same differ (a duplicate line,
a search that misses); the Unicode tag characters (U+E0000-U+E007F) are invisible on the page but
read as plain ASCII by language models, so they can carry hidden instructions in `playbook.json`.
One rule covers them all: every format character (Unicode category Cf), control character, line or
paragraph separator and tag character, except a zero-width joiner or non-joiner between two visible
characters, as inside an emoji (👩‍💻) or a word of a script that needs it. A file's leading byte-order
mark is accepted: decoding removes it before any text is read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..sources.errors import InputProblem
from ..sources.yamlsource import field_name

if TYPE_CHECKING:
    from ..model.docs_page import DocsPage
    from ..sources.yamlsource import ParsedYaml, Path_

_SUSPECT = re.compile(r"[^\t\n\r\x20-\x7e]")
"""Everything but printable ASCII, tab and line breaks: the only characters worth a closer look."""
_REFUSED_CATEGORIES = frozenset({"Cf", "Cc", "Zl", "Zp"})
_TAG_BLOCK = range(0xE0000, 0xE0080)
_JOINERS = frozenset({"\u200c", "\u200d"})
_DIRECTION_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class InvisibleCharacter:
    character: str
    offset: int
    """Where it is in the text."""

    def message(self, column: int | None) -> str:
        code = ord(self.character)
        name = unicodedata.name(self.character, "").lower()
        if not name:
            name = "unassigned tag character" if code in _TAG_BLOCK else "control character"
        at = f" at column {column}" if column else f", character {self.offset + 1} of this text"
        if self.character in _DIRECTION_CONTROLS:
            why = ", which changes the direction text is shown in"
        elif code in _TAG_BLOCK:
            why = ", which language models read as hidden text"
        elif self.character in _JOINERS:
            why = ", which may only join two visible characters (as inside an emoji)"
        else:
            why = ""
        return f"contains the invisible character U+{code:04X} ({name}){at}{why}; delete it"


def invisible_character(text: str) -> InvisibleCharacter | None:
    """The first character of `text` the rule refuses, or None. One pass; most text is ASCII."""
    for suspect in _SUSPECT.finditer(text):
        character = suspect[0]
        if unicodedata.category(character) not in _REFUSED_CATEGORIES and ord(character) not in _TAG_BLOCK:
            continue
        offset = suspect.start()
        if character in _JOINERS and _visible(text, offset - 1) and _visible(text, offset + 1):
            continue
        return InvisibleCharacter(character, offset)
    return None


def _visible(text: str, index: int) -> bool:
    if not 0 <= index < len(text):
        return False
    character = text[index]
    return unicodedata.category(character)[0] not in "CZ" and not character.isspace()


def field_problem(
    parsed: ParsedYaml, path: Path_, text: str, file: str, *, lines_kept: bool
) -> InputProblem | None:
    """The problem of a text of a YAML file, at the character's own line and column where the file
    shows it (not where a quoted text writes it as an escape such as \\u200b).
    `lines_kept`: the text's lines are the file's (a Markdown or one-line field), so its line is known."""
    found = invisible_character(text)
    if found is None:
        return None
    position = parsed.position_of(path)
    line = parsed.text_line(path, text.count("\n", 0, found.offset)) if lines_kept else position.line
    file_lines = parsed.text.split("\n")
    column = file_lines[line - 1].find(found.character) + 1 if 0 < line <= len(file_lines) else 0
    message = found.message(column or None)
    return InputProblem(file, line, column or position.column, field_name(path), message)


def docs_page_problems(pages: Iterable[DocsPage]) -> list[InputProblem]:
    """The first invisible character of each hand-written page, at its line and column."""
    problems = []
    for page in pages:
        found = invisible_character(page.markdown)
        if found is not None:
            line_start = page.markdown.rfind("\n", 0, found.offset) + 1
            line = page.markdown.count("\n", 0, found.offset) + 1
            column = found.offset - line_start + 1
            problems.append(InputProblem(page.file, line, column, "", found.message(column)))
    return problems

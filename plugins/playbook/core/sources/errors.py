"""The one error type for bad input: every problem a contributor can fix names file, line and field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")
_UNPRINTABLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
"""Control and format characters, line and paragraph separators, and code points with no character."""
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` as it may be printed: every line break, control or format character written as an escape
    (`\\n`, `\\x1b`, `\\u2028`), so a problem stays one line whatever a field name or value holds, and
    no line of output starts with what the writer chose (`::error` is a command to a CI runner)."""
    if not _NOT_PLAIN_ASCII.search(text):
        return text
    return _NOT_PLAIN_ASCII.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    character = found[0]
    if unicodedata.category(character) not in _UNPRINTABLE:
        return character
    code = ord(character)
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True, order=True)
class InputProblem:
    """One thing wrong in one principle file, in the words a contributor needs to fix it."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return self.format()

    def format(self, *, with_column: bool = False) -> str:
        """`file:line[:column]: field: message`, on one line (see `one_line`)."""
        file = one_line(self.file)
        where = f"{file}:{self.line}:{self.column}" if with_column else f"{file}:{self.line}"
        return f"{where}: {self.text()}"

    def text(self) -> str:
        """`field: message`, or the message alone, on one line (see `one_line`)."""
        return one_line(f"{self.field}: {self.message}" if self.field else self.message)


def one_per_field(problems: list[InputProblem], checks: Iterable[InputProblem]) -> list[InputProblem]:
    """The problems, then each check's first problem for a field they do not name yet: a field with
    broken YAML or a wrong type is not also reported for its text."""
    reported = {problem.field for problem in problems}
    merged = list(problems)
    for problem in checks:
        if problem.field not in reported:
            reported.add(problem.field)
            merged.append(problem)
    return merged


def problem_count(problems: list[InputProblem]) -> str:
    """ "1 problem", "3 problems": the count every command and the build report after the list."""
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


class PlaybookInputError(Exception):
    """Raised with every problem found in one pass, so a contributor fixes them all at once."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = sorted(set(problems))  # one entry reached two ways is reported once
        super().__init__("\n".join(str(problem) for problem in self.problems))

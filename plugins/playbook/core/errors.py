"""The one error type for bad input: every problem a contributor can fix names file, line and field."""

from __future__ import annotations

from dataclasses import dataclass


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
        where = f"{self.file}:{self.line}:{self.column}" if with_column else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def problem_count(problems: list[InputProblem]) -> str:
    """ "1 problem", "3 problems": the count every command and the build report after the list."""
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


class PlaybookInputError(Exception):
    """Raised with every problem found in one pass, so a contributor fixes them all at once."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = sorted(set(problems))  # one entry reached two ways is reported once
        super().__init__("\n".join(str(problem) for problem in self.problems))

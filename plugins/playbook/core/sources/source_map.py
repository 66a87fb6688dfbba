"""Where each loaded principle's fields sit in its file: kept beside the principles, not in the model.

The model holds what a principle says; checks that run after loading (the `[[id]]` references, the
published-address list, `validate.py --stale`) still need to point a contributor at a file and line,
and ask this map for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .yamlsource import ParsedYaml, field_name


@dataclass(frozen=True)
class FileSource:
    """One principle file: its path as contributors see it, and where each field's text starts."""

    file: str
    parsed: ParsedYaml = field(repr=False, compare=False)

    @cached_property
    def text_lines(self) -> dict[str, int]:
        """Field name (`bad_response.says`, `takeaways[0]`) -> the file line its text starts on.
        Worked out on first use: most builds never ask."""
        return {field_name(where): line for where, line in self.parsed.text_lines.items()}

    @cached_property
    def inexact(self) -> frozenset[str]:
        """Fields whose text lines are folded together in the file (`>` or multi-line quotes)."""
        return frozenset(field_name(where) for where in self.parsed.inexact)

    def line(self, field: str) -> int:
        """The line a field's text starts on, or 1 for a field the file does not have."""
        return self.text_lines.get(field, 1)

    def line_in_file(self, field: str, line_in_text: int) -> int:
        """The file line of a line of a field's text (from 1), or the field's first line if folded."""
        first = self.line(field)
        return first if field in self.inexact else first + line_in_text - 1


@dataclass
class SourceMap:
    """Principle id -> where it was read from; filled by the loader, one entry per loaded principle."""

    by_id: dict[str, FileSource] = field(default_factory=dict)

    def add(self, principle_id: str, source: FileSource) -> None:
        self.by_id[principle_id] = source

    def __getitem__(self, principle_id: str) -> FileSource:
        return self.by_id[principle_id]

    def __contains__(self, principle_id: object) -> bool:
        return principle_id in self.by_id

    def file(self, principle_id: str) -> str:
        return self.by_id[principle_id].file

    def line(self, principle_id: str, field: str) -> int:
        return self.by_id[principle_id].line(field)

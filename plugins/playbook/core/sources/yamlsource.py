"""Read one YAML file into plain data plus the line of every key and value.

Built on the YAML event stream rather than `yaml.safe_load` so that:
every scalar stays the text the contributor wrote (no `no` -> False, no dates),
duplicate keys, anchors, aliases and custom tags are reported instead of silently accepted,
and nesting depth is bounded before anything is expanded.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from .errors import InputProblem

if TYPE_CHECKING:  # libyaml's mark: the C extension, absent from pure-Python PyYAML
    from yaml._yaml import Mark as _CMark

SAFE_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
"""libyaml's safe loader, the pure-Python one where PyYAML was built without it (its wheels ship it)."""

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
_NULLS = {"", "~", "null", "Null", "NULL"}
_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_ALLOWED_TAGS = {"!", f"{_STANDARD_TAG_PREFIX}str"}
_NodeEvent = yaml.ScalarEvent | yaml.CollectionStartEvent

Path_ = tuple[str | int, ...]


class Position(NamedTuple):
    """1-based, as editors count. A tuple: one is made for every key and value of every file."""

    line: int
    column: int


def _position(mark: yaml.Mark | _CMark | None) -> Position:
    """Where a mark points, 1-based. PyYAML's types allow an event or error without a mark; its
    parsers mark them all, so the file's start is only a fallback."""
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


@dataclass
class ParsedYaml:
    data: Any
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    text_lines: dict[Path_, int] = field(default_factory=dict)
    """First line of each text's content: the line after `|` or `>` for block text."""

    inexact: set[Path_] = field(default_factory=set)
    """Texts whose lines do not map one to one onto the file (folded `>` or multi-line quoted)."""

    written_nulls: set[Path_] = field(default_factory=set)
    """Values written as a YAML null word (`null`, `~`), as opposed to left empty."""

    text: str = field(default="", repr=False)
    """The file's text, to point at the column of a character found in a value."""

    def text_line(self, path: Path_, offset: int = 0) -> int:
        """The file line of line `offset` (from 0) of a text; its first line where lines are folded."""
        first = self.text_lines.get(path) or self.position_of(path).line
        return first if path in self.inexact else first + offset

    def position_of(self, path: Path_, *, key: bool = False) -> Position:
        """The closest known position: the path itself, else its nearest parent, else line 1."""
        table = self.key_positions if key else self.value_positions
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.value_positions.get(path[:end])
            if found:
                return found
        return Position(1, 1)


def field_name(path: Path_) -> str:
    """`('bad_response', 'says')` -> `bad_response.says`; list items as `tags[1]`."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def decode(raw: bytes, file: str) -> tuple[str | None, list[InputProblem]]:
    """Bytes -> text, refusing oversized and non-UTF-8 files; a UTF-8 byte-order mark is fine."""
    if len(raw) > MAX_FILE_BYTES:
        size_kb = len(raw) // 1024
        message = (
            f"the file is {size_kb} KB, over the {MAX_FILE_BYTES // 1024} KB limit for a principle; "
            "shorten it or split it into several principles"
        )
        return None, [InputProblem(file, 1, 1, "", message)]
    return decode_utf8(raw, file)


def decode_utf8(raw: bytes, file: str) -> tuple[str | None, list[InputProblem]]:
    """Bytes -> text, or the line and column of the first byte that is not UTF-8 (a BOM is fine)."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [InputProblem(file, line, column, "", not_utf8_message(raw[error.start]))]


def not_utf8_message(byte: int) -> str:
    """Name the character a person typed: a file saved as Windows-1252 (Word, Outlook, older
    Windows editors) is the usual cause, with its curly quotes and dashes."""
    try:
        character = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        character = ""
    if len(character) == 1 and character.isprintable() and not character.isspace():
        name = unicodedata.name(character, "").lower()
        return (
            f"byte 0x{byte:02x} is not UTF-8: probably {character} ({name}) saved as Windows-1252; "
            "save the file as UTF-8 (in VS Code: click the encoding in the status bar, "
            "'Save with Encoding', 'UTF-8')"
        )
    return (
        f"byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8 "
        "(in VS Code: click the encoding in the status bar, 'Save with Encoding', 'UTF-8')"
    )


def parse(text: str, file: str) -> tuple[ParsedYaml | None, list[InputProblem]]:
    """Text -> data with positions, or the problems that stop it being read."""
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=SAFE_LOADER):
            if not builder.feed(event):
                break
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(error, file, text))
        return None, builder.problems
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        character = f"#x{error.character:04x}" if isinstance(error.character, int) else repr(error.character)
        message = f"the file contains the control character {character}; delete it (most editors hide it)"
        builder.problems.append(InputProblem(file, line, column, "", message))
        return None, builder.problems
    except yaml.YAMLError as error:  # every other libyaml error carries a mark; keep to one line anyway
        message = " ".join(str(error).split())
        builder.problems.append(InputProblem(file, 1, 1, "", f"YAML error: {message}"))
        return None, builder.problems
    if builder.aborted:
        return None, builder.problems
    parsed = ParsedYaml(
        builder.root,
        builder.key_positions,
        builder.value_positions,
        builder.text_lines,
        builder.inexact,
        builder.written_nulls,
        text,
    )
    return parsed, builder.problems


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> InputProblem:
    line, column = _position(error.problem_mark or error.context_mark)
    problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "tab" in problem:
        hint = "indent with spaces, not tabs"
    elif "could not find expected ':'" in problem or "mapping values are not allowed" in problem:
        hint = "check the indentation, and put text containing ': ' in quotes"
    elif "quoted scalar" in problem or "end of stream" in problem or "expected ','" in problem:
        hint = "a quote or bracket opened on this line or above is never closed; close it"
    elif "expected <block end>" in problem or "expected key" in problem:
        hint = "check this line's indentation, and that every quote opened above it is closed"
    else:
        hint = "check the YAML syntax on this line"
    return InputProblem(file, line, column, "", f"YAML syntax error: {problem}; {hint}")


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    pending_key: str | None = None
    discard_value: bool = False


class _Builder:
    """Turns YAML events into dicts, lists and strings, recording positions as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.root: Any = None
        self.stack: list[_Frame] = []
        self.key_positions: dict[Path_, Position] = {}
        self.value_positions: dict[Path_, Position] = {}
        self.text_lines: dict[Path_, int] = {}
        self.inexact: set[Path_] = set()
        self.written_nulls: set[Path_] = set()
        self.problems: list[InputProblem] = []
        self.documents = 0
        self.aborted = False

    def _problem(self, at: Position, path: Path_, message: str) -> None:
        self.problems.append(InputProblem(self.file, at.line, at.column, field_name(path), message))

    def _abort(self, at: Position, path: Path_, message: str) -> bool:
        self._problem(at, path, message)
        self.aborted = True
        return False

    def feed(self, event: yaml.Event) -> bool:
        """Handle one event; False stops reading (the file cannot be understood further)."""
        if isinstance(event, _NODE_EVENTS):  # the most common events first
            return self._node_start(event)
        if isinstance(event, _END_EVENTS):
            self.stack.pop()
            return True
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                return self._abort(
                    _position(event.start_mark),
                    (),
                    "a principle file holds one YAML document; remove the extra '---' and what follows",
                )
            return True
        if isinstance(event, yaml.AliasEvent):
            return self._abort(
                _position(event.start_mark),
                self._current_path(),
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full",
            )
        return True

    def _current_path(self) -> Path_:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.pending_key) if top.pending_key is not None else top.path

    def _node_start(self, event: _NodeEvent) -> bool:
        at = _position(event.start_mark)
        top = self.stack[-1] if self.stack else None
        key_of = (
            top
            if top is not None
            and isinstance(top.container, dict)
            and (top.pending_key is None and not top.discard_value)
            else None
        )
        if event.anchor is not None:
            # Stop at the first anchor: a "billion laughs" file is refused before anything repeats.
            return self._abort(
                at,
                self._current_path(),
                f"YAML anchors (&{event.anchor}) are not allowed; write each value out in full",
            )
        tag = event.tag
        if tag is not None and tag not in _ALLOWED_TAGS:
            written = tag.replace(_STANDARD_TAG_PREFIX, "!!", 1)
            message = f"YAML tags such as '{written}' are not allowed; remove the tag"
            self._problem(at, self._current_path(), message)

        if key_of is not None:
            if not isinstance(event, yaml.ScalarEvent):
                message = "a field name must be plain text, not a list or mapping"
                return self._abort(at, self._current_path(), message)
            return self._key(key_of, event)

        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style  # libyaml says '' for plain scalars, pure-Python PyYAML None
            # NFC: an accent typed as one character or as a letter and a combining mark is one text.
            value = None if plain and event.value in _NULLS else unicodedata.normalize("NFC", event.value)
            path = self._place(value, at)
            if value is None and event.value:
                self.written_nulls.add(path)
            self.text_lines[path] = at.line + (1 if event.style in ("|", ">") else 0)
            if event.style != "|" and "\n" in event.value:
                self.inexact.add(path)
            return True

        if len(self.stack) >= MAX_DEPTH:
            return self._abort(
                at,
                self._current_path(),
                f"nested more than {MAX_DEPTH} levels deep; a principle needs at most 3",
            )
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        frame_path = self._place(container, at)
        self.stack.append(_Frame(container, frame_path))
        return True

    def _key(self, frame: _Frame, event: yaml.ScalarEvent) -> bool:
        assert isinstance(frame.container, dict)
        key = event.value
        path = (*frame.path, key)
        if key in frame.container:
            first = self.key_positions[path]
            self._problem(
                _position(event.start_mark),
                path,
                f"duplicate field (first set on line {first.line}); keep only one of them",
            )
            frame.discard_value = True
            return True
        frame.pending_key = key
        self.key_positions[path] = _position(event.start_mark)
        return True

    def _place(self, value: Any, position: Position) -> Path_:
        if not self.stack:
            self.root = value
            self.value_positions[()] = position
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
        elif top.discard_value:
            top.discard_value = False
            return (*top.path, "<duplicate>")
        else:
            assert top.pending_key is not None
            path = (*top.path, top.pending_key)
            top.container[top.pending_key] = value
            top.pending_key = None
        self.value_positions[path] = position
        return path

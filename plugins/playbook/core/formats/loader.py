"""Principle files -> validated `Principle` objects, or every problem found, each with file and line.

The format itself lives in schema/principle.schema.json; this module only applies it and adds the
checks a schema cannot express (id equals file name, ids unique, `related` ids exist).
"""

from __future__ import annotations

import datetime
import re
import typing
from collections.abc import Collection, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ..checks.content import content_problems
from ..checks.references import ReferenceIndex
from ..model.fields import PRINCIPLE_SCHEMA_FILE, Field, Kind, inline_refs, principle_fields, read_schema
from ..model.principle import Principle
from ..sources.errors import InputProblem, PlaybookInputError, one_per_field
from ..sources.parse_cache import ParseCache
from ..sources.source_files import PRINCIPLE_LIMIT, display_path, principle_files, read_source
from ..sources.source_map import FileSource, SourceMap
from ..sources.yamlsource import ParsedYaml, decode, field_name, parse
from .file_names import RESERVED_IDS, RESERVED_TAGS, WINDOWS_DEVICE_NAMES, windows_name_message
from .schema_errors import ERROR_ORDER, describe_schema_error, shorten
from .yaml_hints import explain_syntax_error

if TYPE_CHECKING:  # imported when first needed: only files with problems need it
    from jsonschema import Draft202012Validator


def schema() -> dict[str, Any]:
    """The principle format, read once from the JSON Schema shipped in this package."""
    return read_schema(PRINCIPLE_SCHEMA_FILE)


@cache
def slow_validator() -> Draft202012Validator:
    """The reference validator, whose detailed errors become the messages contributors read."""
    from jsonschema import Draft202012Validator

    # $refs inlined once: resolving them per value was half the cost of validating a playbook.
    inlined = inline_refs(schema(), schema())
    return Draft202012Validator(inlined, format_checker=Draft202012Validator.FORMAT_CHECKER)


FileReading = tuple[Principle | None, ParsedYaml | None, list[InputProblem]]
"""One file's principle (when it has no problem), its positions, and its problems."""


def load_principles(
    folder: Path,
    *,
    root: Path | None = None,
    declared_tags: Collection[str] | None = None,
    cache: ParseCache[FileReading] | None = None,
    source_map: SourceMap | None = None,
) -> list[Principle]:
    """Load and validate every principle in `folder`; raise with all problems of all files.
    `cache`: readings of unchanged files kept from an earlier load (a preview's rebuilds).
    `source_map`: given, it is filled with where each loaded principle's fields sit in its file."""
    files, problems = principle_files(folder, root)
    if cache is not None:
        cache.start_load(files)
    try:
        principles = load_files(
            files, root=root, declared_tags=declared_tags, cache=cache, source_map=source_map
        )
    except PlaybookInputError as error:
        raise PlaybookInputError([*problems, *error.problems]) from None
    if problems:
        raise PlaybookInputError(problems)
    return principles


def load_files(
    paths: Iterable[Path],
    *,
    root: Path | None = None,
    known_ids: Iterable[str] = (),
    declared_tags: Collection[str] | None = None,
    cache: ParseCache[FileReading] | None = None,
    source_map: SourceMap | None = None,
) -> list[Principle]:
    """Load and validate the given files as one playbook; raise with all problems at once.

    Cross-file checks (unique ids, `related` ids) also run over files that have other problems,
    so a contributor sees every problem in one run. `known_ids`: ids of principles not being loaded
    that `related` may still name (when only some files are checked). `declared_tags`: the slugs of
    the tag vocabulary (principles/_tags.yml), which every `tags:` entry must name; None skips the check.
    """
    principles: list[Principle] = []
    problems: list[InputProblem] = []
    readable: list[tuple[ParsedYaml, str]] = []
    unreadable: set[str] = set()
    for path in paths:
        file = display_path(path, root)
        principle, parsed, file_problems = read_principle(path, file, cache)
        problems.extend(file_problems)
        if principle is not None:
            principles.append(principle)
            if source_map is not None and parsed is not None:
                source_map.add(principle.id, FileSource(file, parsed))
        if parsed is not None and isinstance(parsed.data, dict):
            readable.append((parsed, file))
        else:
            unreadable.add(path.stem)  # its own problem is reported; `related` may still name it
    problems.extend(_cross_file_problems(readable, frozenset(known_ids) | unreadable))
    if declared_tags is not None:
        problems.extend(_unknown_tag_problems(readable, declared_tags))
    if problems:
        raise PlaybookInputError(problems)
    return sorted(principles, key=lambda principle: (principle.title.casefold(), principle.id))


def read_principle(path: Path, file: str, cache: ParseCache[FileReading] | None = None) -> FileReading:
    """One file -> its principle (when it has no problem), its positions, and its problems."""
    raw, problems = read_source(path, file, PRINCIPLE_LIMIT)
    if raw is None:
        return None, None, problems
    if cache is not None:
        return cache.read(path, file, raw, lambda: _read_principle_bytes(raw, path, file))
    return _read_principle_bytes(raw, path, file)


def _read_principle_bytes(raw: bytes, path: Path, file: str) -> FileReading:
    text, problems = decode(raw, file)
    if text is None:
        return None, None, problems
    parsed, problems = parse(text, file)
    if parsed is None:
        return None, None, [explain_syntax_error(text, problem, schema()) for problem in problems]
    if parsed.data is None:
        message = "the file is empty; start from an existing principle or the README's template"
        return None, parsed, [*problems, InputProblem(file, 1, 1, "", message)]
    if not isinstance(parsed.data, dict):
        kind = "a list" if isinstance(parsed.data, list) else "plain text"
        message = f"the file holds {kind}; a principle is a set of fields such as 'id: ...' and 'title: ...'"
        return None, parsed, [*problems, InputProblem(file, 1, 1, "", message)]
    checks = [
        *schema_problems(parsed, file),
        *_file_name_problems(parsed, path, file),
        *content_problems(parsed, principle_fields(), file),
    ]
    problems = one_per_field(problems, checks)
    if problems:
        return None, parsed, problems
    return _principle(parsed, path), parsed, []


@cache
def fast_validator() -> jsonschema_rs.Validator:
    """A compiled (Rust) validator: answers "valid?" in microseconds for the common, valid file."""
    return jsonschema_rs.validator_for(schema(), validate_formats=True)


def schema_problems(parsed: ParsedYaml, file: str) -> list[InputProblem]:
    """Schema errors as contributor-facing problems, one per field, the most basic first."""
    if fast_validator().is_valid(parsed.data):
        return []
    errors = sorted(
        slow_validator().iter_errors(parsed.data),
        key=lambda error: (
            ERROR_ORDER.index(error.validator) if error.validator in ERROR_ORDER else len(ERROR_ORDER)
        ),
    )
    problems: dict[str, InputProblem] = {}
    for error in errors:
        for problem in describe_schema_error(error, parsed, file):
            problems.setdefault(problem.field, problem)
    if not problems:
        # The validators disagree (Python's `$` also matches before a final newline): a value
        # passes only if both accept it, so the compiled validator's own words are used.
        for error in fast_validator().iter_errors(parsed.data):
            path = tuple(error.instance_path)
            position = parsed.position_of(path)
            message = f"{shorten(error.message, 120)}; check for a stray line break or space"
            problems.setdefault(
                field_name(path),
                InputProblem(file, position.line, position.column, field_name(path), message),
            )
    return list(problems.values())


def _file_name_problems(parsed: ParsedYaml, path: Path, file: str) -> list[InputProblem]:
    problems = [
        _problem_at(parsed, file, where, f"'{name}' is reserved for the site's own pages; choose another")
        for where, name in _names(parsed.data)
        if name in (RESERVED_TAGS if where[0] == "tags" else RESERVED_IDS)
    ]
    problems += [
        _problem_at(parsed, file, where, windows_name_message(name))
        for where, name in _names(parsed.data)
        if name.lower() in WINDOWS_DEVICE_NAMES
    ]
    principle_id = parsed.data.get("id")
    if isinstance(principle_id, str) and principle_id != path.stem and principle_id not in RESERVED_IDS:
        message = (
            f"id '{principle_id}' does not match the file name '{path.name}'; "
            f"rename the file to {principle_id}{path.suffix} or set the id to '{path.stem}'"
        )
        problems.append(_problem_at(parsed, file, ("id",), message))
    return problems


def _names(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """The id, aliases and tags of a principle file, where they are text, with their paths."""
    names: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(data.get("id"), str):
        names.append((("id",), data["id"]))
    for list_field in ("aliases", "tags"):
        values = data.get(list_field)
        if isinstance(values, list):
            names += [
                ((list_field, index), value) for index, value in enumerate(values) if isinstance(value, str)
            ]
    return names


def _cross_file_problems(
    readable: list[tuple[ParsedYaml, str]], known_ids: frozenset[str]
) -> list[InputProblem]:
    """Ids unique across files, aliases claimed once, and every `related` entry naming another
    existing principle: checked against one index of the names (references.py)."""
    problems = []
    index = ReferenceIndex()
    for parsed, file in readable:
        principle_id = parsed.data.get("id")
        if isinstance(principle_id, str) and (message := index.add_principle(principle_id, file)):
            problems.append(_problem_at(parsed, file, ("id",), message))
    for parsed, file in readable:
        for where, alias in _names(parsed.data):
            if where[0] == "aliases" and (message := index.add_alias(alias, file)):
                problems.append(_problem_at(parsed, file, where, message))
    for parsed, file in readable:
        related = parsed.data.get("related")
        if not isinstance(related, list) or len(related) > schema()["properties"]["related"]["maxItems"]:
            continue  # the schema check reports a list that is too long
        for position, related_id in enumerate(related):
            if not isinstance(related_id, str):
                continue  # the schema check reports it
            if related_id in known_ids and related_id != parsed.data.get("id"):
                continue
            message = index.related_problem(related_id, parsed.data.get("id"))
            if message:
                problems.append(_problem_at(parsed, file, ("related", position), message))
    return problems


def _unknown_tag_problems(
    readable: list[tuple[ParsedYaml, str]], declared: Collection[str]
) -> list[InputProblem]:
    """Every `tags:` entry names a declared tag: a typo would otherwise make a new one-principle tag page."""
    tags_schema = schema()["properties"]["tags"]
    slug = re.compile(schema()["$defs"]["slug"]["pattern"])
    index = ReferenceIndex(tags=frozenset(declared))
    problems = []
    for parsed, file in readable:
        tags = parsed.data.get("tags")
        if not isinstance(tags, list) or len(tags) > tags_schema["maxItems"]:
            continue  # the schema check reports it
        for position, tag in enumerate(tags):
            if not isinstance(tag, str) or not slug.fullmatch(tag):
                continue  # a value that is not a slug has its own problem
            if tag in RESERVED_TAGS or tag.lower() in WINDOWS_DEVICE_NAMES:
                continue
            if message := index.tag_problem(tag):
                problems.append(_problem_at(parsed, file, ("tags", position), message))
    return problems


def _problem_at(parsed: ParsedYaml, file: str, path: tuple[str | int, ...], message: str) -> InputProblem:
    position = parsed.position_of(path)
    return InputProblem(file, position.line, position.column, field_name(path), message)


def _principle(parsed: ParsedYaml, path: Path) -> Principle:
    """The model's object, field by field from the catalogue: a field added to the schema and to
    `Principle` under the same name needs no line here."""
    top_level = [field for field in principle_fields() if len(field.key) == 1]
    values = {
        field.key[0]: _model_value(field, parsed.data.get(field.key[0]), Principle) for field in top_level
    }
    return Principle(**values, source_file=path)


def _model_value(field: Field, value: Any, owner: type) -> Any:
    """`value` as the model holds it: lists as tuples, dates as dates, a group as the dataclass its
    attribute on `owner` is typed with (`source: Source`)."""
    if field.kind is Kind.LIST:
        return tuple(value or ())
    if value is None:
        return None
    if field.kind is Kind.DATE:
        return datetime.date.fromisoformat(value)
    if field.kind is Kind.GROUP:
        group = _attribute_types(owner)[field.key[-1]]
        return group(
            **{sub.key[-1]: _model_value(sub, value.get(sub.key[-1]), group) for sub in field.fields}
        )
    return value


@cache
def _attribute_types(owner: type) -> dict[str, Any]:
    return typing.get_type_hints(owner)

"""Principle files -> validated `Principle` objects, or every problem found, each with file and line.

The format itself lives in schema/principle.schema.json; this module only applies it and adds the
checks a schema cannot express (id equals file name, ids unique, `related` ids exist).
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Callable, Collection, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .content import content_problems
from .errors import InputProblem, PlaybookInputError, one_per_field
from .fields import PRINCIPLE_SCHEMA_FILE, inline_refs, principle_fields, read_schema
from .model import Principle, Response, Source
from .parse_cache import ParseCache
from .references import ReferenceIndex
from .source_files import PRINCIPLE_LIMIT, display_path, principle_files, read_source
from .source_map import FileSource, SourceMap
from .yaml_hints import explain_syntax_error, field_layout
from .yamlsource import ParsedYaml, decode, field_name, parse

if TYPE_CHECKING:  # imported when first needed: only files with problems need it
    from jsonschema import Draft202012Validator, ValidationError

RESERVED_IDS = frozenset({"index", "tags", "search", "assets", "schema"})
"""Ids (and aliases) whose page would collide with the site's own pages under /principles/."""
RESERVED_TAGS = frozenset({"index"})
"""Tags whose page would collide with the tags overview at /tags/."""
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{digit}" for port in ("com", "lpt") for digit in range(10)}
)
"""Names Windows keeps for devices: a file or folder so named cannot be checked out there."""

_KIND_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
}
_ERROR_ORDER = [
    "type", "required", "additionalProperties", "anyOf", "minLength", "pattern", "format",
    "maxLength", "minItems", "maxItems", "uniqueItems",
]  # fmt: skip


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
            _ERROR_ORDER.index(error.validator) if error.validator in _ERROR_ORDER else len(_ERROR_ORDER)
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
            message = f"{_shorten(error.message, 120)}; check for a stray line break or space"
            problems.setdefault(
                field_name(path),
                InputProblem(file, position.line, position.column, field_name(path), message),
            )
    return list(problems.values())


def file_schema_problems(
    schema: dict[str, Any],
    parsed: ParsedYaml,
    file: str,
    describe: Callable[[ValidationError, ParsedYaml, str], list[InputProblem]] | None = None,
) -> list[InputProblem]:
    """Schema errors of a path, the tag vocabulary or the search vocabulary as problems, one per field,
    type errors first; `describe` words an error for that file, else the principle's wording does."""
    if jsonschema_rs.validator_for(schema).is_valid(parsed.data):
        return []  # the common case, without importing the slower reference validator
    from jsonschema import Draft202012Validator

    errors = sorted(
        Draft202012Validator(schema).iter_errors(parsed.data), key=lambda error: error.validator != "type"
    )
    problems: dict[str, InputProblem] = {}
    for error in errors:
        for problem in (describe or describe_schema_error)(error, parsed, file):
            problems.setdefault(problem.field, problem)
    return list(problems.values())


def describe_schema_error(error: ValidationError, parsed: ParsedYaml, file: str) -> list[InputProblem]:
    """One schema error in a contributor's words, at its line; also used for the tag vocabulary."""
    path = tuple(error.absolute_path)
    subschema = error.schema if isinstance(error.schema, dict) else {}

    def at(where: tuple[str | int, ...], message: str, *, key: bool = False) -> InputProblem:
        position = parsed.position_of(where, key=key)
        return InputProblem(file, position.line, position.column, field_name(where), message)

    # Each keyword fails only on a value of its kind (a `required` error's instance is a mapping, ...);
    # the guards say so, and an error built by hand without its instance gets jsonschema's words.
    match error.validator:
        case "required" if isinstance(error.instance, dict) and isinstance(error.validator_value, list):
            properties = subschema.get("properties", {})
            # A misspelt field is reported once, as unknown with its suggestion, not also as missing.
            misspelt = [name for name in error.instance if name not in properties]
            missing = [
                name
                for name in error.validator_value
                if name not in error.instance and not difflib.get_close_matches(name, misspelt, n=1)
            ]
            return [
                at(
                    (*path, name),
                    _missing_message(name, properties.get(name, {})),
                    key=True,
                )
                for name in missing
            ]
        case "additionalProperties" if isinstance(error.instance, dict):
            allowed = sorted(subschema.get("properties", {}))
            return [
                at((*path, name), _unknown_field_message(name, allowed, top_level=not path), key=True)
                for name in error.instance
                if name not in allowed
            ]
        case "type" if isinstance(error.validator_value, str | list):
            written_null = path in parsed.written_nulls
            return [at(path, _type_message(error.validator_value, error.instance, path, written_null))]
        case "pattern":
            hint = subschema.get("patternErrorMessage", "it does not have the expected form")
            return [at(path, f"'{_shorten(error.instance)}' is not valid; {hint}")]
        case "format":
            return [
                at(
                    path,
                    f"'{error.instance}' is not a real date; write it as YYYY-MM-DD",
                )
            ]
        case "minLength":
            return [at(path, "is empty; write some text here")]
        case "maxLength" if isinstance(error.instance, str):
            return [
                at(
                    path,
                    f"is {len(error.instance)} characters long; keep it within {error.validator_value}",
                )
            ]
        case "minItems":
            return [at(path, "is an empty list; add at least one item")]
        case "maxItems" if isinstance(error.instance, list):
            count = len(error.instance)
            return [at(path, f"has {count} items; keep it within {error.validator_value}")]
        case "uniqueItems" if isinstance(error.instance, list):
            return _duplicate_items(error.instance, path, at)
        case "anyOf" if "errorMessage" in subschema:
            return [at(path, subschema["errorMessage"])]
    return [at(path, error.message)]


def _missing_message(name: str, property_schema: dict[str, Any]) -> str:
    description = property_schema.get("description", "")
    return f"required field is missing; add '{name}:'" + (f" ({description})" if description else "")


def _unknown_field_message(name: str, allowed: list[str], *, top_level: bool = False) -> str:
    groups = field_layout(schema())[1].get(name) if top_level else None
    if groups:
        under = " or ".join(f"'{group}:'" for group in groups)
        return f"'{name}:' starts at the left margin, but it belongs under {under}; indent it by two spaces"
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field; did you mean '{close[0]}'?"
    return f"unknown field; the fields allowed here are: {', '.join(allowed)}"


def _type_message(
    expected: str | list[str], instance: Any, path: tuple[str | int, ...], written_null: bool
) -> str:
    expected_name = _KIND_NAMES.get(expected, expected) if isinstance(expected, str) else expected
    if instance is None and written_null:
        fix = " (write [] for an empty list)" if expected == "array" else ""
        return f"has no value; expected {expected_name}{fix} (to write the word null, put it in quotes)"
    if instance is None and path and isinstance(path[-1], int):
        return "is an empty list item; write the text after the '- ', or delete the line"
    if instance is None:
        name = path[-1] if path else "the field"
        if expected == "array":
            return f"has no value; list the items under '{name}:', one '- item' a line, or write [] for none"
        if expected == "object":
            return f"has no value; indent its fields under '{name}:' by two spaces"
        return f"has no value; write the text after '{name}:'"
    found = (
        "a list"
        if isinstance(instance, list)
        else "a group of fields"
        if isinstance(instance, dict)
        else "text"
    )
    if expected == "array":
        return f"expected a list, found {found}; write it as [a, b] or one '- item' per line"
    if expected == "object":
        return f"expected {expected_name} indented under it, found {found}"
    return f"expected {expected_name}, found {found}"


def _duplicate_items(items: list[Any], path: tuple[str | int, ...], at: Any) -> list[InputProblem]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(items):
        marker = json.dumps(item, sort_keys=True)
        if marker in seen:
            problems.append(at((*path, index), f"'{_shorten(item)}' is listed twice; remove one"))
        seen.add(marker)
    return problems[:1]


def _shorten(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def windows_name_message(name: str) -> str:
    return (
        f"'{name}' is a device name on Windows: a file or folder so named cannot be checked out "
        "there; choose another"
    )


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
    data = parsed.data
    source = data["source"]
    return Principle(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        customer_says=tuple(data["customer_says"]),
        source=Source(
            title=source["title"],
            author=source.get("author"),
            publication=source.get("publication"),
            date=_date(source.get("date")),
            url=source.get("url"),
        ),
        story=data["story"],
        situation=data["situation"],
        bad_response=Response(**data["bad_response"]),
        good_response=Response(**data["good_response"]),
        takeaways=tuple(data["takeaways"]),
        tags=tuple(data["tags"]),
        related=tuple(data["related"]),
        aliases=tuple(data.get("aliases", ())),
        owner=data.get("owner"),
        last_reviewed=_date(data.get("last_reviewed")),
        path=path,
    )


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None

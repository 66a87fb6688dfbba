"""Schema errors in a contributor's words, at the field's line: one wording for every file the readers
read (principles, paths, the tag vocabulary, the search vocabulary)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ..model.fields import PRINCIPLE_SCHEMA_FILE, read_schema
from ..sources.errors import InputProblem
from ..sources.yamlsource import ParsedYaml, field_name
from .yaml_hints import field_layout

if TYPE_CHECKING:  # imported when first needed: only files with problems need it
    from jsonschema import ValidationError

_KIND_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
}


ERROR_ORDER = [
    "type", "required", "additionalProperties", "anyOf", "minLength", "pattern", "format",
    "maxLength", "minItems", "maxItems", "uniqueItems",
]  # fmt: skip


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
            return [at(path, f"'{shorten(error.instance)}' is not valid; {hint}")]
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
    groups = field_layout(read_schema(PRINCIPLE_SCHEMA_FILE))[1].get(name) if top_level else None
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
            problems.append(at((*path, index), f"'{shorten(item)}' is listed twice; remove one"))
        seen.add(marker)
    return problems[:1]


def shorten(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

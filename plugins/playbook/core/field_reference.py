"""The principle format, described for contributors straight from the JSON Schema.

The contributor guide shows this table in place of `<!-- playbook:field-reference -->`, so the
documented format is the format the build enforces, and cannot drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FIELD_REFERENCE_MARKER = "<!-- playbook:field-reference -->"
PATH_FIELD_REFERENCE_MARKER = "<!-- playbook:path-field-reference -->"
"""The same table for onboarding paths (schema/path.schema.json)."""
_PLURALS = {
    "id": "ids",
    "line of text": "lines of text",
    "date": "dates",
    "text": "texts",
    "group of fields": "groups of fields",
}
_SELF_EVIDENT = {"write it as one line of text", "write some text here"}
"""Error hints that the field's kind already says."""


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    kind: str
    description: str
    rules: str


def field_docs(schema: dict[str, Any]) -> list[FieldDoc]:
    """Every field, nested ones as `source.title`, in the schema's order."""
    return list(_fields(schema, schema, prefix=""))


def _fields(root: dict[str, Any], schema: dict[str, Any], prefix: str):
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        resolved = _resolve(root, prop)
        full_name = f"{prefix}{name}"
        yield FieldDoc(
            name=full_name,
            required=name in required,
            kind=_kind(root, resolved),
            description=prop.get("description", resolved.get("description", "")),
            rules=_rules(root, resolved),
        )
        if resolved.get("type") == "object":
            yield from _fields(root, resolved, prefix=f"{full_name}.")
        items = _resolve(root, resolved.get("items", {})) if resolved.get("type") == "array" else {}
        if items.get("type") == "object":  # a path's `steps`: each item's fields as `steps[].principle`
            yield from _fields(root, items, prefix=f"{full_name}[].")


def _resolve(root: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    """A property with its `$ref` merged in (local refs only: the schema is one file)."""
    if "$ref" not in prop:
        return prop
    target = root
    for part in prop["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return {**_resolve(root, target), **{key: value for key, value in prop.items() if key != "$ref"}}


def _kind(root: dict[str, Any], prop: dict[str, Any]) -> str:
    kind = prop.get("type")
    if kind == "array":
        item_kind = _kind(root, _resolve(root, prop.get("items", {})))
        return f"list of {_PLURALS.get(item_kind, item_kind)}"
    if kind == "object":
        return "group of fields"
    if prop.get("format") == "date":
        return "date"
    if prop.get("pattern") == "^[a-z0-9]+(-[a-z0-9]+)*$":
        return "id"
    if prop.get("patternErrorMessage") == "write it as one line of text":
        return "line of text"
    if prop.get("patternErrorMessage") == "write some text here":
        return "Markdown"
    return "text"


def _rules(root: dict[str, Any], prop: dict[str, Any]) -> str:
    rules = [prop["errorMessage"]] if "errorMessage" in prop else []
    if prop.get("type") == "array":
        if prop.get("minItems"):
            rules.append(f"at least {prop['minItems']}")
        if prop.get("maxItems"):
            rules.append(f"at most {prop['maxItems']} items")
        if prop.get("uniqueItems"):
            rules.append("no repeats")
        prop = _resolve(root, prop.get("items", {}))
    if prop.get("patternErrorMessage", "write some text here") not in _SELF_EVIDENT:
        rules.append(prop["patternErrorMessage"])
    if "maxLength" in prop:
        rules.append(f"at most {prop['maxLength']} characters")
    return "; ".join(rules)

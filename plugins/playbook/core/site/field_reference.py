"""The principle format, described for contributors straight from the field catalogue (fields.py).

The contributor guide shows this table in place of `<!-- playbook:field-reference -->`, so the
documented format is the format the build enforces, and cannot drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..formats.paths import MAX_PATHS, PATHS_FOLDER_NAME, path_fields
from ..formats.synonyms import SYNONYMS_FILE_NAME, synonym_fields
from ..model.fields import ANY_KEY, ITEM, Field, FieldCatalogue, Kind, principle_fields
from .render import PageRenderer

FIELD_REFERENCE_MARKER = "<!-- playbook:field-reference -->"
PATH_FIELD_REFERENCE_MARKER = "<!-- playbook:path-field-reference -->"
"""The same table for onboarding paths (schema/path.schema.json)."""
SYNONYMS_FIELD_REFERENCE_MARKER = "<!-- playbook:synonyms-field-reference -->"
"""The same table for the search vocabulary (schema/synonyms.schema.json)."""
_SELF_EVIDENT = {"write it as one line of text", "write some text here"}
"""Error hints that the field's kind already says."""


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    kind: str
    description: str
    rules: str


def field_docs(fields: FieldCatalogue | dict[str, Any]) -> list[FieldDoc]:
    """Every field, nested ones as `source.title` and `steps[].note`, in the schema's order.
    `fields`: a catalogue, or a schema to read one from."""
    if not isinstance(fields, FieldCatalogue):
        fields = FieldCatalogue.from_schema(fields)
    return [
        FieldDoc(
            name=field.name,
            required=field.required,
            kind=field.label,
            description=field.description,
            rules=_rules(field),
        )
        for field in fields
        if field.key[-1] != ITEM and ANY_KEY not in field.key
    ]


def _rules(field: Field) -> str:
    schema = field.schema
    rules = [schema["errorMessage"]] if "errorMessage" in schema else []
    if field.kind is Kind.LIST and field.item is not None:
        if field.min_items:
            rules.append(f"at least {field.min_items}")
        if field.max_items:
            rules.append(f"at most {field.max_items} items")
        if schema.get("uniqueItems"):
            rules.append("no repeats")
        schema = field.item.schema
    if schema.get("patternErrorMessage", "write some text here") not in _SELF_EVIDENT:
        rules.append(schema["patternErrorMessage"])
    if "maxLength" in schema:
        rules.append(f"at most {schema['maxLength']} characters")
    return "; ".join(rules)


def field_reference_tables(renderer: PageRenderer) -> dict[str, str]:
    """The contributor guide's field tables, by the marker each one replaces (as the plugin fills them)."""
    return {
        FIELD_REFERENCE_MARKER: renderer.render(
            "field-reference.md.jinja", {"fields": field_docs(principle_fields())}
        ),
        PATH_FIELD_REFERENCE_MARKER: renderer.render(
            "field-reference.md.jinja",
            {
                "fields": field_docs(path_fields()),
                "note": f"A playbook holds at most {MAX_PATHS} paths (the files of `{PATHS_FOLDER_NAME}/`).",
            },
        ),
        SYNONYMS_FIELD_REFERENCE_MARKER: renderer.render(
            "field-reference.md.jinja",
            {
                "fields": field_docs(synonym_fields()),
                "note": (
                    f"A word or phrase belongs to one group only in `{SYNONYMS_FILE_NAME}`: entries are "
                    "compared ignoring capitals, extra spaces and how an accent is typed."
                ),
            },
        ),
    }

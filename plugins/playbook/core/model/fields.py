"""The field catalogue: every field of a playbook file, read from its JSON Schema, with its kind and limits.

A field's kind has one home, the schema: `contentMediaType: text/markdown` marks text rendered as
Markdown (where `[[id]]` links work), the one-line pattern marks one line of text, the slug pattern
an id. The content checks, the link checks, the field reference and the export ask this catalogue
instead of keeping lists of field names of their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

MARKDOWN_MEDIA_TYPE = "text/markdown"
"""The schema's mark for text rendered as Markdown (an annotation: validators ignore it)."""
ONE_LINE_PATTERN = "^[^\\r\\n]*[^\\s][^\\r\\n]*$"
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
ITEM = "[]"
"""The step into a list's items in a field's key: `customer_says[]`."""
ANY_KEY = "*"
"""The step into a group whose keys are the contributor's own (the tag vocabulary's slugs)."""

Key = tuple[str, ...]
DataPath = tuple[str | int, ...]
"""Where a value sits in a file's data: ('takeaways', 2)."""


class Kind(StrEnum):
    """What a field holds, in the words the field reference shows contributors."""

    MARKDOWN = "Markdown"
    LINE = "line of text"
    ID = "id"
    DATE = "date"
    TEXT = "text"
    GROUP = "group of fields"
    LIST = "list"


_PLURALS = {
    Kind.ID: "ids",
    Kind.LINE: "lines of text",
    Kind.DATE: "dates",
    Kind.TEXT: "texts",
    Kind.GROUP: "groups of fields",
}


@dataclass(frozen=True)
class Field:
    name: str
    """As contributors read it in messages and the field reference: `source.title`, `steps[].note`."""
    key: Key
    """The steps to it from the top of a file: ('source', 'title'), ('customer_says', '[]')."""
    kind: Kind
    markdown: bool
    """Rendered as Markdown, where `[[id]]` links work (a one-line field may be Markdown too)."""
    required: bool
    description: str
    schema: dict[str, Any] = field(repr=False)
    """The field's schema with its `$ref` resolved."""
    item: Field | None = None
    """A list's items."""
    fields: tuple[Field, ...] = ()
    """A group's fields, in the schema's order."""

    @property
    def label(self) -> str:
        """The kind as the field reference shows it: `list of lines of text`."""
        if self.kind is Kind.LIST and self.item is not None:
            return f"list of {_PLURALS.get(self.item.kind, self.item.label)}"
        return str(self.kind)

    @property
    def max_length(self) -> int | None:
        return self.schema.get("maxLength")

    @property
    def min_items(self) -> int | None:
        return self.schema.get("minItems")

    @property
    def max_items(self) -> int | None:
        return self.schema.get("maxItems")


@dataclass(frozen=True)
class FieldCatalogue:
    """The fields of one file format (principle, onboarding path, tag vocabulary)."""

    fields: tuple[Field, ...]
    """The top-level fields, in the schema's order."""
    by_key: dict[Key, Field] = field(repr=False)

    def __iter__(self) -> Iterator[Field]:
        """Every field, each group followed by its fields and each list by its item."""
        return iter(self.by_key.values())

    def at(self, path: DataPath) -> Field | None:
        """The field a value of a file sits in: ('takeaways', 2) -> `takeaways[]`."""
        key = tuple(ITEM if isinstance(step, int) else step for step in path)
        found = self.by_key.get(key)
        if found is None and key:  # a group keyed by the contributor's own names
            found = self.by_key.get((ANY_KEY, *key[1:]))
        return found

    def texts(self, data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Field, str]]:
        """(path, field, text) for every text value of a file's data that the schema knows."""
        if isinstance(data, str):
            found = self.at(path)
            if found is not None:
                yield path, found, data
        elif isinstance(data, dict):
            for name, value in data.items():
                if isinstance(name, str):
                    yield from self.texts(value, (*path, name))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                yield from self.texts(value, (*path, index))

    def markdown_texts(self, record: object) -> Iterator[tuple[str, str]]:
        """(field name, text) of every Markdown field of a loaded record (a principle), list items as
        `takeaways[0]`: the texts whose `[[id]]` links are checked and whose words a reader reads."""
        for found in self.fields:
            yield from _markdown_texts(found, getattr(record, found.key[-1], None), found.key[-1])

    @classmethod
    def from_schema(cls, schema: dict[str, Any]) -> FieldCatalogue:
        fields = tuple(_fields(schema, schema, ()))
        by_key: dict[Key, Field] = {}
        for top in fields:
            _index(top, by_key)
        return cls(fields, by_key)


def _markdown_texts(found: Field, value: Any, name: str) -> Iterator[tuple[str, str]]:
    if value is None:
        return
    if found.kind is Kind.LIST and found.item is not None:
        for index, item in enumerate(value):
            yield from _markdown_texts(found.item, item, f"{name}[{index}]")
    elif found.kind is Kind.GROUP:
        for inner in found.fields:
            yield from _markdown_texts(inner, getattr(value, inner.key[-1], None), f"{name}.{inner.key[-1]}")
    elif found.markdown and isinstance(value, str):
        yield name, value


def _index(found: Field, by_key: dict[Key, Field]) -> None:
    by_key[found.key] = found
    if found.item is not None:
        _index(found.item, by_key)
    for inner in found.fields:
        _index(inner, by_key)


def resolve_ref(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its local `$ref` (`#/$defs/line`) merged in, the node's own keywords winning.

    The one `$ref` resolver: the catalogue, the field reference and the validators all read the
    schema through it. The schemas are single files, so only local references are followed."""
    if "$ref" not in node:
        return node
    target: Any = root
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return {**resolve_ref(root, target), **{key: value for key, value in node.items() if key != "$ref"}}


def inline_refs(node: Any, root: dict[str, Any]) -> Any:
    """The whole schema with every `$ref` replaced by its target: validating then looks nothing up."""
    if isinstance(node, list):
        return [inline_refs(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = resolve_ref(root, {"$ref": node["$ref"]})
        clashes = set(target) & set(node) - {"description", "$ref"}
        assert not clashes, f"cannot inline {node['$ref']}: both set {clashes}"
        node = resolve_ref(root, node)
    return {key: inline_refs(value, root) for key, value in node.items() if key not in ("$ref", "$defs")}


def _fields(root: dict[str, Any], schema: dict[str, Any], key: Key) -> Iterator[Field]:
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        yield _field(root, prop, (*key, name), required=name in required)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        yield _field(root, extra, (*key, ANY_KEY), required=False)


def _field(root: dict[str, Any], prop: dict[str, Any], key: Key, *, required: bool) -> Field:
    resolved = resolve_ref(root, prop)
    kind = _kind(resolved)
    item = None
    if kind is Kind.LIST:
        item = _field(root, resolved.get("items", {}), (*key, ITEM), required=True)
    fields = tuple(_fields(root, resolved, key)) if kind is Kind.GROUP else ()
    return Field(
        name=_name(key),
        key=key,
        kind=kind,
        markdown=resolved.get("contentMediaType") == MARKDOWN_MEDIA_TYPE,
        required=required,
        description=prop.get("description", resolved.get("description", "")),
        schema=resolved,
        item=item,
        fields=fields,
    )


def _kind(schema: dict[str, Any]) -> Kind:
    kind = schema.get("type")
    if kind == "array":
        return Kind.LIST
    if kind == "object":
        return Kind.GROUP
    if schema.get("format") == "date":
        return Kind.DATE
    if schema.get("pattern") == SLUG_PATTERN:
        return Kind.ID
    if schema.get("pattern") == ONE_LINE_PATTERN:
        return Kind.LINE
    if schema.get("contentMediaType") == MARKDOWN_MEDIA_TYPE:
        return Kind.MARKDOWN
    return Kind.TEXT


def _name(key: Key) -> str:
    name = ""
    for step in key:
        name += step if step == ITEM else (f".{step}" if name else step)
    return name


@cache
def _schema_text(file: str) -> str:
    return resources.files("playbook").joinpath(file).read_text("utf-8")


def read_schema(file: str) -> dict[str, Any]:
    """A schema shipped in this package (`schema/principle.schema.json`), read from disk once. Each
    call gets its own copy: a caller that changes it changes nobody else's."""
    return json.loads(_schema_text(file))


PRINCIPLE_SCHEMA_FILE = "schema/principle.schema.json"


@cache
def principle_fields() -> FieldCatalogue:
    return FieldCatalogue.from_schema(read_schema(PRINCIPLE_SCHEMA_FILE))

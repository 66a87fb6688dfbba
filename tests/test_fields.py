"""The field catalogue (one reading of the schema), the source map, and the one sanitiser allow-list."""

from __future__ import annotations

import copy
import dataclasses
import json
import typing
from pathlib import Path

import markdown
import pytest

from playbook.core.checks.content import content_problems
from playbook.core.formats import loader
from playbook.core.formats.loader import load_files, load_principles, schema
from playbook.core.model.fields import FieldCatalogue, Kind, inline_refs, principle_fields, resolve_ref
from playbook.core.model.principle import Principle
from playbook.core.safety.allow_list import ALLOW_LIST, ANY_TAG, AllowList
from playbook.core.safety.safe_markdown import SafeAttributesExtension
from playbook.core.safety.sanitize import cleaner
from playbook.core.site.addresses import principle_url
from playbook.core.site.export import playbook_json
from playbook.core.site.field_reference import field_docs
from playbook.core.sources.source_map import SourceMap
from playbook.core.sources.yamlsource import parse

from support import ROOT, principle_text, write_principle

MARKDOWN_FIELDS = [
    "summary", "customer_says[]", "story", "situation", "bad_response.says", "bad_response.why",
    "good_response.says", "good_response.why", "takeaways[]",
]  # fmt: skip


def test_the_catalogue_reads_each_kind_from_the_schema() -> None:
    fields = {field.name: field for field in principle_fields()}
    assert [name for name, field in fields.items() if field.markdown] == MARKDOWN_FIELDS
    assert {name: fields[name].kind for name in ("story", "summary", "title", "id", "source.date")} == {
        "story": Kind.MARKDOWN,
        "summary": Kind.LINE,
        "title": Kind.LINE,
        "id": Kind.ID,
        "source.date": Kind.DATE,
    }
    assert fields["tags"].label == "list of ids" and fields["customer_says"].label == "list of lines of text"
    assert (fields["title"].max_length, fields["takeaways"].max_items, fields["story"].max_length) == (
        100,
        12,
        5000,
    )
    assert fields["source.title"].required and not fields["source.author"].required


def test_one_ref_resolver_serves_the_catalogue_and_the_validator() -> None:
    root = schema()
    summary = resolve_ref(root, root["properties"]["summary"])
    assert summary["pattern"] == root["$defs"]["line"]["pattern"] and summary["maxLength"] == 300
    inlined = json.dumps(inline_refs(root, root))
    assert "$ref" not in inlined and "$defs" not in inlined
    assert not hasattr(loader, "_inline_refs")


def _without_markdown_mark(field: str) -> dict:
    """The principle schema with `field`'s Markdown mark taken off (story's sits on `$defs/markdown`)."""
    changed = copy.deepcopy(schema())
    if field == "story":
        changed["$defs"]["plain"] = {**changed["$defs"]["markdown"]}
        del changed["$defs"]["plain"]["contentMediaType"]
        changed["properties"]["story"]["$ref"] = "#/$defs/plain"
    else:
        del changed["properties"][field]["contentMediaType"]
    return changed


def test_taking_the_markdown_mark_off_a_field_changes_every_reader_of_the_catalogue(tmp_path: Path) -> None:
    text = principle_text(**{"  A rep learned to wait.\n": "  A rep learned to wait.\n  ## A heading\n"})
    parsed, _ = parse(text, "listen-first.yml")
    assert parsed is not None
    marked = principle_fields()
    plain = FieldCatalogue.from_schema(_without_markdown_mark("story"))

    # The content checks: a heading breaks a Markdown field's page, plain text is not read as Markdown.
    assert [problem.field for problem in content_problems(parsed, marked, "x.yml")] == ["story"]
    assert content_problems(parsed, plain, "x.yml") == []

    # The field reference.
    kinds = {doc.name: doc.kind for doc in field_docs(plain)}
    assert ({doc.name: doc.kind for doc in field_docs(marked)}["story"], kinds["story"]) == (
        "Markdown",
        "text",
    )

    # Rendered as Markdown, with its `[[id]]` links checked and its words counted for reading time.
    path = write_principle(tmp_path, "listen-first.yml", principle_text())
    [principle] = load_files([path], root=tmp_path)
    assert "story" in dict(marked.markdown_texts(principle))
    assert "story" not in dict(plain.markdown_texts(principle))
    no_summary = FieldCatalogue.from_schema(_without_markdown_mark("summary"))
    assert "summary" in dict(marked.markdown_texts(principle))
    assert "summary" not in dict(no_summary.markdown_texts(principle))

    # The export: integrations learn which fields are Markdown from the schema playbook.json names.
    published = json.loads(json.dumps(_without_markdown_mark("story")))
    assert not FieldCatalogue.from_schema(published).at(("story",)).markdown


def test_the_built_site_publishes_the_marks_the_catalogue_reads(site: Path) -> None:
    export = json.loads((site / "playbook.json").read_text())
    assert export["schema"].endswith("schema/principle.schema.json")
    published = FieldCatalogue.from_schema(json.loads((site / "schema/principle.schema.json").read_text()))
    assert [field.name for field in published if field.markdown] == MARKDOWN_FIELDS
    # Every field of the catalogue is in the export, in the schema's order.
    assert list(export["principles"][0])[: len(principle_fields().fields)] == [
        field.name for field in principle_fields().fields
    ]


def test_the_export_follows_the_catalogue(principles: list[Principle]) -> None:
    record = json.loads(playbook_json(principles, {p.id: principle_url(p.id) for p in principles}, None))[
        "principles"
    ][0]
    principle = next(p for p in principles if p.id == record["id"])
    assert record["source"]["title"] == principle.source.title
    assert "author" not in record["source"] or principle.source.author is not None
    assert record["bad_response"] == dataclasses.asdict(principle.bad_response)


def test_positions_live_in_the_source_map_not_in_the_model(tmp_path: Path) -> None:
    folded = "story: >\n  A rep learned\n  to wait [[nowhere]].\n"
    text = principle_text(**{"story: |\n  A rep learned to wait.\n": folded})
    write_principle(tmp_path / "principles", "listen-first.yml", text)
    sources = SourceMap()
    [principle] = load_principles(tmp_path / "principles", root=tmp_path, source_map=sources)
    assert not any(hasattr(principle, name) for name in ("text_lines", "inexact_fields", "line_in_file"))
    source = sources[principle.id]
    assert (source.file, source.line("id"), source.line("story"), source.line("takeaways[0]")) == (
        "principles/listen-first.yml",
        2,
        11,
        22,
    )
    # A folded field's lines are joined: every line of its text points at its first line.
    assert source.line_in_file("story", 2) == 11
    assert source.line_in_file("situation", 1) == 14


def test_a_reference_error_names_the_line_the_source_map_gives(tmp_path: Path) -> None:
    from playbook.core.formats.links import build_link_graph

    text = principle_text(**{"  The customer is explaining a problem.\n": "  One.\n  Two [[nowhere]].\n"})
    write_principle(tmp_path / "principles", "listen-first.yml", text)
    sources = SourceMap()
    principles = load_principles(tmp_path / "principles", root=tmp_path, source_map=sources)
    _, problems = build_link_graph(principles, [], sources)
    assert [problem.format() for problem in problems] == [
        "principles/listen-first.yml:14: situation: unknown principle 'nowhere'; "
        "check the id against the files in principles/"
    ]


def _allow_without(*, tag: str = "", attribute: str = "", scheme: str = "") -> AllowList:
    attributes = {name: values - {attribute} for name, values in ALLOW_LIST.attributes.items()}
    return dataclasses.replace(
        ALLOW_LIST,
        tags=ALLOW_LIST.tags - {tag},
        attributes=attributes,
        url_schemes=ALLOW_LIST.url_schemes - {scheme},
    )


SAMPLE = (
    '<details class="note" markdown>\n<summary>More</summary>\n\n'
    "[Write to us](mailto:team@example.com){ title=Mail }\n\n</details>\n"
)


def _generated(allow: AllowList) -> str:
    """The Markdown path: generated pages, cleaned by the tree processor as they are rendered."""
    extensions = ["attr_list", "md_in_html", SafeAttributesExtension(allow)]
    return markdown.markdown(SAMPLE, extensions=extensions)


def _hand_written(allow: AllowList) -> str:
    """The nh3 path: hand-written pages, cleaned after Markdown without the tree processor."""
    return cleaner(allow).clean(markdown.markdown(SAMPLE, extensions=["attr_list", "md_in_html"]))


@pytest.mark.parametrize("clean", [_generated, _hand_written])
def test_one_allow_list_governs_both_sanitisers(clean) -> None:
    kept = clean(ALLOW_LIST)
    assert "<details" in kept and 'title="Mail"' in kept and 'href="mailto:team@example.com"' in kept
    assert 'class="note"' in kept

    without_tag = clean(_allow_without(tag="details"))
    assert "<details" not in without_tag and "Write to us" in without_tag and "<summary>" in without_tag
    assert 'title="Mail"' not in clean(_allow_without(attribute="title"))
    assert "mailto:" not in clean(_allow_without(scheme="mailto"))
    assert "Write to us" in clean(_allow_without(scheme="mailto"))


def test_the_plugin_and_the_cleaner_use_the_one_list() -> None:
    from playbook.core.safety import sanitize

    assert SafeAttributesExtension().allow is ALLOW_LIST
    assert sanitize.clean_html('<p data-pagefind-weight="2" onclick="x()">a</p>') == (
        '<p data-pagefind-weight="2">a</p>'
    )
    assert ALLOW_LIST.allows("p", "class") and ALLOW_LIST.allows("a", "href")
    assert not ALLOW_LIST.allows("p", "href") and ANY_TAG in ALLOW_LIST.attributes


def test_the_repository_playbook_loads_with_its_source_map() -> None:
    sources = SourceMap()
    principles = load_principles(ROOT / "principles", root=ROOT, source_map=sources)
    assert {principle.id for principle in principles} == set(sources.by_id)


def test_the_model_holds_every_field_of_the_catalogue_under_its_name() -> None:
    """The loader builds a Principle from the catalogue alone (formats/loader.py): the dataclass and
    the schema name the same fields, groups included, so neither can gain one the other lacks."""
    top_level = [field for field in principle_fields() if len(field.key) == 1]
    assert [field.key[0] for field in top_level] == [
        attribute.name for attribute in dataclasses.fields(Principle) if attribute.name != "source_file"
    ]
    groups = [field for field in top_level if field.fields]
    assert [field.key[0] for field in groups] == ["source", "bad_response", "good_response"]
    hints = typing.get_type_hints(Principle)
    for group in groups:
        assert [sub.key[-1] for sub in group.fields] == [
            attribute.name for attribute in dataclasses.fields(hints[group.key[0]])
        ]

"""Loading and validation: each kind of bad input gives one line naming the file, line and field."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from playbook.core.formats.loader import load_principles, schema
from playbook.core.sources.errors import PlaybookInputError

from support import ROOT, principle_text, write_principle


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(PlaybookInputError) as caught:
        load_principles(folder, root=folder.parent)
    return [str(problem) for problem in caught.value.problems]


def test_valid_principle_loads_into_the_model(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    write_principle(folder, "listen-first.yml", principle_text())
    [principle] = load_principles(folder, root=tmp_path)
    assert principle.id == "listen-first"
    assert principle.source.date == datetime.date(2020, 1, 2)
    assert principle.source.url == "https://example.com/post"
    assert principle.bad_response.says == "The rep interrupts with a fix."
    assert principle.good_response.why == "The customer feels heard."
    assert principle.takeaways == ("Wait for the full story.",)
    assert principle.tags == ("listening",)


def test_yaml_words_stay_the_text_that_was_written(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    text = principle_text(
        **{"title: Listen before you answer": "title: no", "tags: [listening]": "tags: [yes, off]"}
    )
    write_principle(folder, "listen-first.yml", text)
    [principle] = load_principles(folder, root=tmp_path)
    assert principle.title == "no"
    assert principle.tags == ("yes", "off")


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        pytest.param(
            {"summary: Let": "title: Again\nsummary: Let"},
            "principles/listen-first.yml:4: title: duplicate field (first set on line 3); keep only one of them",
            id="duplicate-key",
        ),
        pytest.param(
            {"bad_response:": "bad_respnse:"},
            "principles/listen-first.yml:14: bad_respnse: unknown field; did you mean 'bad_response'?",
            id="unknown-key",
        ),
        pytest.param(
            {"tags: [listening]": "tags: listening"},
            "principles/listen-first.yml:22: tags: expected a list, found text; "
            "write it as [a, b] or one '- item' per line",
            id="wrong-type",
        ),
        pytest.param(
            {"  why: The customer feels heard.\n": ""},
            "principles/listen-first.yml:17: good_response.why: required field is missing; "
            "add 'why:' (Why this response fails or works, in Markdown.)",
            id="missing-nested-field",
        ),
        pytest.param(
            {"situation: |\n  The customer is explaining a problem.\n": ""},
            "principles/listen-first.yml:2: situation: required field is missing; "
            "add 'situation:' (The customer moment that both responses answer, in Markdown.)",
            id="missing-top-field",
        ),
        pytest.param(
            {"id: listen-first": "id: listen-up"},
            "principles/listen-first.yml:2: id: id 'listen-up' does not match the file name "
            "'listen-first.yml'; rename the file to listen-up.yml or set the id to 'listen-first'",
            id="id-differs-from-file-name",
        ),
        pytest.param(
            {"related: []": "related: [listen-frist]"},
            "principles/listen-first.yml:23: related[0]: unknown principle 'listen-frist'; "
            "did you mean 'listen-first'?",
            id="unknown-related-id",
        ),
        pytest.param(
            {'date: "2020-01-02"': 'date: "2020-02-30"'},
            "principles/listen-first.yml:8: source.date: '2020-02-30' is not a real date; "
            "write it as YYYY-MM-DD",
            id="impossible-date",
        ),
        pytest.param(
            {"id: listen-first": "id: Listen First"},
            "principles/listen-first.yml:2: id: 'Listen First' is not valid; "
            "use lowercase letters, digits and single hyphens, e.g. lower-your-shields",
            id="id-not-a-slug",
        ),
        pytest.param(
            {"  author: A. Writer\n": ""},
            "principles/listen-first.yml:6: source: give the source an author, a publication, or both",
            id="source-without-author-or-publication",
        ),
    ],
)
def test_each_error_is_one_line_with_file_line_and_field(
    tmp_path: Path, replace: dict[str, str], expected: str
) -> None:
    folder = tmp_path / "principles"
    write_principle(folder, "listen-first.yml", principle_text(**replace))
    assert problems_for(folder) == [expected]


def test_the_same_id_twice_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    write_principle(folder, "listen-first.yml", principle_text())
    write_principle(folder, "listen-first.yaml", principle_text())
    assert problems_for(folder) == [
        "principles/listen-first.yml:2: id: id 'listen-first' is already used by "
        "principles/listen-first.yaml; give each principle its own id"
    ]


def test_a_principle_related_to_itself_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    write_principle(folder, "listen-first.yml", principle_text(**{"related: []": "related: [listen-first]"}))
    assert problems_for(folder) == [
        "principles/listen-first.yml:23: related[0]: a principle cannot be related to itself; remove this entry"
    ]


def test_all_errors_of_all_files_are_reported_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    write_principle(folder, "aaa.yml", principle_text("aaa", **{"tags: [listening]": "tags: 3"}))
    write_principle(
        folder,
        "bbb.yml",
        principle_text("bbb", **{"title: Listen": "titel: Listen", "related: []": "related: [ccc, ddd]"}),
    )
    write_principle(folder, "ccc.yml", "id: [unclosed\n")
    # ccc.yml exists but cannot be read: its own problem is reported, not also every `related` naming it.
    assert problems_for(folder) == [
        "principles/aaa.yml:22: tags: expected a list, found text; write it as [a, b] or one '- item' per line",
        "principles/bbb.yml:3: titel: unknown field; did you mean 'title'?",
        "principles/bbb.yml:23: related[1]: unknown principle 'ddd'; "
        "check the id against the files in principles/",
        "principles/ccc.yml:2: YAML syntax error: did not find expected ',' or ']'; "
        "a quote or bracket opened on this line or above is never closed; close it",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"",
            "principles/x.yml:1: the file is empty; start from an existing principle or the README's template",
        ),
        (
            b"- one\n- two\n",
            "principles/x.yml:1: the file holds a list; a principle is a set of fields "
            "such as 'id: ...' and 'title: ...'",
        ),
        (
            b"id: x\n\ttitle: y\n",
            "principles/x.yml:2: YAML syntax error: found a tab character that violates indentation; "
            "indent with spaces, not tabs",
        ),
        (
            b"id: x\ntitle: \x81\n",
            "principles/x.yml:2: byte 0x81 is not UTF-8 text; save the file as UTF-8 "
            "(in VS Code: click the encoding in the status bar, 'Save with Encoding', 'UTF-8')",
        ),
        (
            b"id: &a x\ntitle: *a\n",
            "principles/x.yml:1: id: YAML anchors (&a) are not allowed; write each value out in full",
        ),
    ],
    ids=["empty", "top-level-list", "tab-indent", "not-utf8", "anchor"],
)
def test_unreadable_files_are_reported_not_raised(tmp_path: Path, content: bytes, expected: str) -> None:
    folder = tmp_path / "principles"
    folder.mkdir()
    (folder / "x.yml").write_bytes(content)
    assert expected in problems_for(folder)


def test_the_schema_is_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_principle_in_the_repository_is_valid_and_names_the_schema() -> None:
    folder = ROOT / "principles"
    principles = load_principles(folder, root=ROOT)
    assert len(principles) >= 5
    schema_path = ROOT / "plugins/playbook/schema/principle.schema.json"
    for path in folder.glob("[!_]*.yml"):  # `_tags.yml` is the tag vocabulary, with its own schema
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema="), path
        referenced = (path.parent / first_line.split("$schema=", 1)[1]).resolve()
        assert referenced == schema_path, path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    write_principle(tmp_path / "principles", "listen-first.yml", text)
    with pytest.raises(PlaybookInputError) as caught:
        load_principles(tmp_path / "principles", root=tmp_path)
    return [str(problem) for problem in caught.value.problems]


def test_fields_left_at_the_margin_are_named_with_the_group_they_belong_to(tmp_path: Path) -> None:
    # Parses as YAML (both fields land at the top level), so the schema check words it.
    text = principle_text(
        **{
            "good_response:\n  says: The rep asks one more question.\n  why: The customer feels heard.\n": (
                "good_response:\nsays: The rep asks one more question.\nwhy: The customer feels heard.\n"
            )
        }
    )
    assert problems_of(tmp_path, text) == [
        "principles/listen-first.yml:17: good_response: has no value; indent its fields under 'good_response:' by two spaces",
        "principles/listen-first.yml:18: says: 'says:' starts at the left margin, but it belongs under 'bad_response:' or 'good_response:'; indent it by two spaces",
        "principles/listen-first.yml:19: why: 'why:' starts at the left margin, but it belongs under 'bad_response:' or 'good_response:'; indent it by two spaces",
    ]


def test_a_missing_space_after_a_colon_is_reported_on_its_own_line(tmp_path: Path) -> None:
    text = principle_text(**{"title: Listen before you answer": "title:Listen before you answer"})
    assert problems_of(tmp_path, text) == [
        "principles/listen-first.yml:3: title: 'title:Listen before you answer' has no space after the colon, "
        "so YAML does not see the field 'title'; write 'title: Listen before you answer'"
    ]


def test_a_real_syntax_error_below_a_sound_field_keeps_its_own_line(tmp_path: Path) -> None:
    text = principle_text(**{"tags: [listening]": "tags: [listening"})
    [problem] = problems_of(tmp_path, text)
    assert problem.startswith("principles/listen-first.yml:23: YAML syntax error:")


def test_empty_values_say_what_to_write_and_null_words_say_how_to_quote(tmp_path: Path) -> None:
    text = principle_text(
        **{"summary: Let the customer finish before you reply.": "summary:", "tags: [listening]": "tags: ~"}
    )
    assert problems_of(tmp_path, text) == [
        "principles/listen-first.yml:4: summary: has no value; write the text after 'summary:'",
        "principles/listen-first.yml:22: tags: has no value; expected a list (write [] for an empty list) (to write the word null, put it in quotes)",
    ]

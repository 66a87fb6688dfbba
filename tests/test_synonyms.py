"""The search vocabulary (principles/_synonyms.yml): its problems with their lines, the repository's
starter vocabulary, and search-vocabulary.json in builds, the Markdown export and the preview."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

from playbook.core.formats.loader import load_principles
from playbook.core.formats.synonyms import (
    MAX_WORDS,
    SYNONYMS_FILE_NAME,
    SynonymGroup,
    published_vocabulary,
    read_synonyms,
    search_form,
    synonym_fields,
    synonyms_schema,
    vocabulary_json,
)
from playbook.core.site.addresses import SEARCH_VOCABULARY_URI
from playbook.core.site.field_reference import SYNONYMS_FIELD_REFERENCE_MARKER, field_docs

from in_process import mkdocs_build, run_script_main
from support import ROOT, page, refused, run_script, without_column, write_principle

HEADER = "# yaml-language-server: $schema=../plugins/playbook/schema/synonyms.schema.json\n"
FAMILIES = [
    "price", "timing", "authority", "competitor", "trust", "anger", "churn", "upsell", "disagreement",
    "silence",
]  # fmt: skip
"""The objection families issue 20 asks the starter vocabulary to cover."""


def repository_vocabulary() -> str:
    """search-vocabulary.json as this playbook publishes it."""
    return published_vocabulary(read_repository(), load_principles(ROOT / "principles", root=ROOT))


def read_repository() -> tuple:
    groups, problems = read_synonyms(ROOT / "principles", ROOT)
    assert problems == []
    assert groups is not None
    return groups


def test_the_starter_vocabulary_validates_and_covers_every_objection_family() -> None:
    groups = read_repository()
    first_line = (ROOT / "principles" / SYNONYMS_FILE_NAME).read_text().splitlines()[0]
    assert first_line == HEADER.rstrip("\n")
    assert set(FAMILIES) <= {group.family for group in groups}
    words = [word for group in groups for word in group.words]
    assert len(words) == len(set(words))
    assert all(word == search_form(word) for word in words)


def test_every_principle_has_a_customer_line_the_vocabulary_reaches(principles) -> None:
    """The groups connect what reps type to the words the principles' customer lines use."""
    entries = {word for group in read_repository() for word in group.words}
    for principle in principles:
        lines = [" ".join(re.findall(r"[\w'-]+", search_form(line))) for line in principle.customer_says]
        reached = [
            entry for entry in entries for line in lines if re.search(rf"\b{re.escape(entry)}\b", line)
        ]
        assert len(reached) >= 2, principle.id


def test_the_schema_states_the_limits_the_messages_give() -> None:
    entry = synonyms_schema()["$defs"]["entry"]
    assert f"{{0,{MAX_WORDS - 1}}}" in entry["pattern"]
    assert entry["maxLength"] == 40
    groups = synonyms_schema()["properties"]["groups"]
    assert (groups["maxItems"], groups["items"]["properties"]["words"]["maxItems"]) == (200, 40)


def many(count: int, prefix: str) -> str:
    return ", ".join(f"{prefix}{number}" for number in range(count))


# The vocabulary's own problems: each case is the file's text after the modeline, and its exact problems.
CASES: dict[str, tuple[str, list[str]]] = {
    "misspelt-field-in-a-group": (
        "groups:\n  - family: price\n    wrods: [price, cost]\n",
        ["4:5: groups[0].wrods: unknown field; did you mean 'words'?"],
    ),
    "misspelt-top-field": (
        "group:\n  - words: [price, cost]\n",
        ["2:1: group: unknown field; did you mean 'groups'?"],
    ),
    "unknown-top-field": (
        "groups:\n  - words: [price, cost]\nnotes: our words\n",
        ["4:1: notes: unknown field; the file holds one field, 'groups:', with each group as "
         "'- words: [...]' under it"],
    ),
    "empty-group": (
        "groups:\n  - family: price\n    words: []\n",
        ["4:12: groups[0].words: is an empty group; list at least 2 words or phrases that mean the same, "
         "or remove the group"],
    ),
    "group-of-one": (
        "groups:\n  - words: [price]\n",
        ["3:12: groups[0].words: has only one word, and a group of one expands nothing; list at least 2 "
         "words or phrases that mean the same, or remove the group"],
    ),
    "entry-of-five-words": (
        "groups:\n  - words: [leave, taking all our business elsewhere]\n",
        ["3:20: groups[0].words[1]: 'taking all our business elsewhere' has 5 words; keep an entry to a "
         "word or a phrase of at most 4 words (search matches the words of longer lines anyway)"],
    ),
    "entry-over-40-characters": (
        "groups:\n  - words: [price, " + "p" * 41 + "]\n",
        ["3:20: groups[0].words[1]: is 41 characters long; keep it within 40"],
    ),
    "entry-on-two-lines": (
        "groups:\n  - words:\n      - price\n      - \"too\\nexpensive\"\n",
        ["5:9: groups[0].words[1]: 'too expensive' is not valid; write a word or a phrase of at most 4 "
         "words, on one line"],
    ),
    "too-many-entries": (
        f"groups:\n  - words: [{many(41, 'w')}]\n",
        ["3:12: groups[0].words: has 41 words and phrases; keep it within 40: remove rare ones and other "
         "forms of one word (search already finds plurals and -ing forms)"],
    ),
    "too-many-groups": (
        "groups:\n" + "".join(f"  - words: [a{number}, b{number}]\n" for number in range(201)),
        ["3:3: groups: has 201 groups; keep it within 200: merge the groups that mean the same"],
    ),
    "invisible-character": (
        "groups:\n  - words: [price, co\u200bst]\n",
        ["3:22: groups[0].words[1]: contains the invisible character U+200B (zero width space) at "
         "column 22; delete it"],
    ),
    "repeat-in-one-group": (
        "groups:\n  - family: price\n    words: [price, cost, Cost ]\n",
        ["4:26: groups[0].words[2]: 'cost' is already in this group (line 4); list each word once"],
    ),
    "repeat-across-groups": (
        "groups:\n"
        "  - family: competitor\n    words: [competitor, cheaper option]\n"
        "  - family: price\n    words:\n      - price\n      - cost\n"
        "  - words: [budget, Cheaper   OPTION, Cost]\n",
        ["9:21: groups[2].words[1]: 'cheaper option' is already in the group at line 3 (competitor); a "
         "word may belong to one group only: merge the two groups, or keep it in one of them",
         "9:39: groups[2].words[2]: 'cost' is already in the group at line 5 (price); a word may belong "
         "to one group only: merge the two groups, or keep it in one of them"],
    ),
    "repeat-of-a-group-without-family": (
        "groups:\n  - words: [boss, manager]\n  - words: [supervisor, manager]\n",
        ["4:25: groups[1].words[1]: 'manager' is already in the group at line 3 (boss); a word may belong "
         "to one group only: merge the two groups, or keep it in one of them"],
    ),
    "repeat-written-two-ways-in-unicode": (
        "groups:\n  - words: [caf\u00e9, coffee]\n  - words: [tea, cafe\u0301]\n",
        ["4:18: groups[1].words[1]: 'caf\u00e9' is already in the group at line 3 (caf\u00e9); a word may "
         "belong to one group only: merge the two groups, or keep it in one of them"],
    ),
    "a-list": (
        "- [price, cost]\n",
        ["1:1: the file holds a list; write 'groups:', then each group as '- words: [...]' under it"],
    ),
    "empty": (
        "",
        ["1:1: the file holds nothing; write 'groups:', then each group as '- words: [...]' under it"],
    ),
    "anchor": (
        "groups:\n  - words: &price [price, cost]\n  - words: *price\n",
        ["3:12: groups[0].words: YAML anchors (&price) are not allowed; write each value out in full"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_vocabulary_problem_has_its_exact_line(tmp_path: Path, name: str) -> None:
    text, expected = CASES[name]
    folder = tmp_path / "principles"
    write_principle(folder, SYNONYMS_FILE_NAME, HEADER + text)
    groups, problems = read_synonyms(folder, tmp_path)
    assert groups is None
    assert [problem.format(with_column=True) for problem in sorted(problems)] == [
        f"principles/_synonyms.yml:{line}" for line in expected
    ]


def test_entries_are_published_lowercase_nfc_with_single_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    text = "groups:\n  - family: Price\n    words: [Too   Expensive, 'CAFE\u0301', cost]\n"
    write_principle(folder, SYNONYMS_FILE_NAME, HEADER + text)
    groups, problems = read_synonyms(folder, tmp_path)
    assert problems == [] and groups is not None
    assert json.loads(vocabulary_json(groups)) == {
        "groups": [["too expensive", "caf\u00e9", "cost"]],
        "used": [0],
    }
    assert unicodedata.is_normalized("NFC", vocabulary_json(groups))


def test_each_group_lists_first_what_the_principles_say() -> None:
    """search.js widens a query only to the entries principles use (`used`), customer lines first:
    any other entry would fetch an index chunk to find nothing."""
    groups = (SynonymGroup(("price", "cost", "too expensive", "pricey", "budget")),)
    heard = ["It's too expensive.", "What does it cost?", "The costs are high."]
    named = ["Talk about the price early"]
    document = json.loads(vocabulary_json(groups, heard, named))
    assert document == {"groups": [["cost", "too expensive", "price", "pricey", "budget"]], "used": [3]}


def test_a_missing_vocabulary_is_an_empty_one(tmp_path: Path) -> None:
    assert read_synonyms(tmp_path / "principles", tmp_path) == ((), [])
    assert json.loads(vocabulary_json(())) == {"groups": [], "used": []}


def bad_vocabulary(project: Path) -> list[str]:
    """Break the project's vocabulary in two ways; the problems validate prints for it."""
    path = project / "principles" / SYNONYMS_FILE_NAME
    text = path.read_text()
    assert "  - family: silence\n" in text
    text = text.replace("  - family: silence\n", "  - family: silence\n    wrods: [hush]\n")
    text += "  - family: cost\n    words: [budget, outlay]\n"
    path.write_text(text)
    lines = text.splitlines()
    wrods = lines.index("    wrods: [hush]") + 1
    repeat = len(lines)
    price = lines.index("  - family: price") + 1
    starts = [line for line in lines if line.startswith("  - ")]
    silence, last = starts.index("  - family: silence"), len(starts) - 1
    return [
        f"principles/_synonyms.yml:{wrods}:5: groups[{silence}].wrods: unknown field; did you mean 'words'?",
        f"principles/_synonyms.yml:{repeat}:13: groups[{last}].words[0]: 'budget' is already in the group at "
        f"line {price} (price); a word may belong to one group only: merge the two groups, or keep it in "
        "one of them",
    ]


def test_a_bad_vocabulary_stops_validate_build_and_export_with_every_problem(project: Path) -> None:
    expected = bad_vocabulary(project)
    marker = project / "site" / "marker.txt"
    marker.parent.mkdir()
    marker.write_text("last good site")

    for only in ([], [f"principles/{SYNONYMS_FILE_NAME}"]):  # the whole playbook, then only this file
        validated = run_script_main("validate.py", *only, cwd=project)
        refused(validated)
        assert validated.stdout.splitlines() == expected

    refused(mkdocs_build(project), *map(without_column, expected))
    assert list((project / "site").iterdir()) == [marker]

    exported = run_script("export_markdown.py", str(project / "out"), cwd=project)
    refused(exported)
    assert exported.stderr.splitlines() == [*expected, "2 problems found; nothing was written"]
    assert not (project / "out").exists()


def test_a_linked_vocabulary_is_refused_once(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = project / "principles"
    outside = tmp_path_factory.mktemp("outside") / "synonyms.yml"
    outside.write_bytes((folder / SYNONYMS_FILE_NAME).read_bytes())
    (folder / SYNONYMS_FILE_NAME).unlink()
    os.symlink(outside, folder / SYNONYMS_FILE_NAME)
    validated = run_script_main("validate.py", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == [
        "principles/_synonyms.yml:1:1: this is a symbolic link, and the playbook never follows one (it "
        "could publish files from outside the repository); put the file itself here, or remove the link"
    ]


def test_the_site_and_the_markdown_export_publish_the_vocabulary(renamed_playbook: Path) -> None:
    expected = repository_vocabulary()
    built = renamed_playbook / "site"
    exported = renamed_playbook / "export" / "site"
    assert (built / SEARCH_VOCABULARY_URI).read_text(encoding="utf-8") == expected
    assert (exported / SEARCH_VOCABULARY_URI).read_text(encoding="utf-8") == expected
    for site in (built, exported):
        assert json.loads((site / "schema" / "synonyms.schema.json").read_text()) == synonyms_schema()


def test_a_playbook_without_a_vocabulary_builds_with_an_empty_one(project: Path) -> None:
    (project / "principles" / SYNONYMS_FILE_NAME).unlink()
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    assert json.loads((project / "site" / SEARCH_VOCABULARY_URI).read_text()) == {"groups": [], "used": []}


def test_the_preview_rewrites_the_vocabulary_on_save_and_keeps_it_on_a_problem(project: Path, serve) -> None:
    from test_preview import rebuilt

    path = project / "principles" / SYNONYMS_FILE_NAME
    server = serve()
    status, text = server.get(SEARCH_VOCABULARY_URI)
    assert status == 200 and json.loads(text) == json.loads(repository_vocabulary())

    rebuilt(server, lambda: path.write_text(HEADER + "groups:\n  - words: [hush, shush]\n"))
    assert json.loads(server.get(SEARCH_VOCABULARY_URI)[1]) == {"groups": [["hush", "shush"]], "used": [0]}

    rebuilt(server, lambda: path.write_text(HEADER + "groups:\n  - words: [hush, Hush]\n"))
    assert "groups[0].words[1]: 'hush' is already in this group" in server.output()
    assert json.loads(server.get(SEARCH_VOCABULARY_URI)[1]) == {"groups": [["hush", "shush"]], "used": [0]}
    assert "Traceback" not in server.output()


def test_the_contributor_guide_explains_the_vocabulary_with_its_field_reference(
    renamed_playbook: Path,
) -> None:
    for site in (renamed_playbook / "site", renamed_playbook / "export" / "site"):
        guide = page(site, "contributing")
        heading = guide.find(id="search-vocabulary-field-reference")
        assert heading is not None, site
        table = heading.find_next("table")
        names = [row.find("td").get_text() for row in table.select("tbody tr")]
        assert names == [field.name for field in field_docs(synonym_fields())]
        assert names == ["groups", "groups[].family", "groups[].words"]
        assert "at most 4 words" in table.get_text() and "belongs to one group only" in guide.get_text()
        assert SYNONYMS_FIELD_REFERENCE_MARKER not in (site / "contributing" / "index.html").read_text()


def test_an_oversized_vocabulary_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    write_principle(folder, SYNONYMS_FILE_NAME, HEADER + "groups:\n" + "#" * (300 * 1024) + "\n")
    groups, problems = read_synonyms(folder, tmp_path)
    assert groups is None
    assert [problem.format(with_column=True) for problem in problems] == [
        "principles/_synonyms.yml:1:1: the file is 300 KB, over the 256 KB limit for the search vocabulary; "
        "merge groups, or remove words nobody searches for"
    ]


def test_an_entry_counts_the_texts_that_use_it_once_each_repeats_included() -> None:
    """`used` order counts texts, not occurrences: a line that says "cost" three times is one line, and
    the same line from two principles is two (the count runs over distinct texts, times repeats)."""
    groups = (SynonymGroup(("cost", "too expensive", "budget line")),)
    heard = ["Cost, cost, cost.", "Too expensive!", "Too expensive!", "It's too expensive for the budget."]
    document = json.loads(vocabulary_json(groups, heard))
    assert document == {"groups": [["too expensive", "cost", "budget line"]], "used": [2]}

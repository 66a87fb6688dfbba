"""The tag vocabulary (principles/_tags.yml): labels and descriptions on the site, undeclared tags
refused with their line, and the vocabulary's own problems, from real builds and validate runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from playbook.core.formats.tag_vocabulary import read_tag_vocabulary, tags_schema
from playbook.core.site.addresses import principle_url
from playbook.core.site.assemble import load_playbook
from playbook.core.site.theme_text import theme_text, typographic_quotes
from playbook.core.sources.errors import PlaybookInputError

from in_process import mkdocs_build, run_script_main
from support import (
    ROOT,
    page,
    principle_count,
    principle_text,
    refused,
    without_column,
    write_principle,
)

VOCABULARY = read_tag_vocabulary(ROOT / "principles", ROOT)[0]


def test_the_repository_declares_every_tag_its_principles_use(principles) -> None:
    assert VOCABULARY is not None
    used = {tag for principle in principles for tag in principle.tags}
    assert used <= set(VOCABULARY)
    assert VOCABULARY["trust"].label == "Trust"
    first_line = (ROOT / "principles/_tags.yml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../plugins/playbook/schema/tags.schema.json"


def test_tag_pages_are_titled_with_the_label_and_show_the_description(site: Path, principles) -> None:
    for slug in {tag for principle in principles for tag in principle.tags}:
        tag = VOCABULARY[slug]
        html = page(site, f"tags/{slug}")
        assert html.article.h1.find(string=True).strip() == tag.label
        assert html.title.get_text().startswith(f"{tag.label} - ")
        assert html.select_one("article .playbook-lead").get_text(strip=True) == typographic_quotes(
            tag.description
        )
        assert html.find("meta", attrs={"name": "description"})["content"] == theme_text(tag.description)


def test_the_tags_index_lists_labels_descriptions_and_counts(site: Path, principles) -> None:
    rows = page(site, "tags").select("article table tbody tr")
    counts: dict[str, int] = {}
    for principle in principles:
        for tag in principle.tags:
            counts[tag] = counts.get(tag, 0) + 1
    assert len(rows) == len(counts)
    for row, slug in zip(rows, sorted(counts), strict=True):
        for label in row.select(".playbook-cell-label"):
            label.decompose()
        name, description, count = row.find_all("td")
        assert name.a["href"] == f"{slug}/"
        assert name.get_text(strip=True) == VOCABULARY[slug].label
        assert description.get_text(strip=True) == typographic_quotes(VOCABULARY[slug].description)
        assert count.get_text(strip=True) == str(counts[slug])


def test_principle_chips_show_labels(site: Path, principles) -> None:
    for principle in principles:
        chips = page(site, principle_url(principle.id)).select(".playbook-tags a.playbook-tag")
        assert [chip.get_text(strip=True) for chip in chips] == [
            VOCABULARY[tag].label for tag in principle.tags
        ]
        assert [chip["href"] for chip in chips] == [f"../../tags/{tag}/" for tag in principle.tags]


def test_the_export_and_the_published_schema_hold_the_vocabulary(site: Path) -> None:
    document = json.loads((site / "playbook.json").read_text(encoding="utf-8"))
    assert document["tags_schema"] == "schema/tags.schema.json"
    assert document["tags"]["trust"] == {
        "label": VOCABULARY["trust"].label,
        "description": VOCABULARY["trust"].description,
        "url": "tags/trust/",
    }
    assert list(document["tags"]) == sorted(VOCABULARY)
    assert json.loads((site / "schema" / "tags.schema.json").read_text()) == tags_schema()


def tag_position(path: Path, tag: str) -> tuple[int, int, int]:
    """Line, column and list index of a tag in a principle's one-line `tags: [...]`."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if line.startswith("tags: ["):
            tags = line.removeprefix("tags: [").removesuffix("]").split(", ")
            return number, line.index(tag) + 1, tags.index(tag)
    raise AssertionError(f"no tags line in {path}")


def test_an_undeclared_tag_stops_validate_and_build_with_its_line(project: Path) -> None:
    principle = project / "principles" / "lower-your-shields.yml"
    principle.write_text(principle.read_text().replace("accountability, trust]", "accountability, trsut]"))
    line, column, index = tag_position(principle, "trsut")
    expected = (
        f"principles/lower-your-shields.yml:{line}:{column}: tags[{index}]: "
        "unknown tag 'trsut'; did you mean 'trust'?"
    )
    marker = project / "site" / "marker.txt"
    marker.parent.mkdir()
    marker.write_text("last good site")

    validated = run_script_main("validate.py", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == [expected]
    only_this_file = run_script_main("validate.py", "principles/lower-your-shields.yml", cwd=project)
    refused(only_this_file)
    assert only_this_file.stdout.splitlines() == [expected]

    refused(
        mkdocs_build(project),
        f"principles/lower-your-shields.yml:{line}: tags[{index}]: unknown tag 'trsut'; did you mean 'trust'?",
    )
    assert list((project / "site").iterdir()) == [marker]


def test_an_undeclared_tag_far_from_every_declared_one_says_where_to_declare_it(project: Path) -> None:
    write_principle(
        project / "principles",
        "listen-first.yml",
        principle_text(**{"tags: [listening]": "tags: [listening, zebra-crossing]"}),
    )
    validated = run_script_main("validate.py", "principles/listen-first.yml", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == [
        "principles/listen-first.yml:22:19: tags[1]: unknown tag 'zebra-crossing'; use a tag declared in "
        "principles/_tags.yml, or declare it there (label, description)"
    ]


def test_files_beginning_with_an_underscore_are_not_principles(project: Path) -> None:
    folder = project / "principles"
    (folder / "_notes.yml").write_text("not: [a principle\n")
    playbook = load_playbook(folder, project / "docs", folder / "published.txt", root=project, strict=True)
    assert "_tags" not in {principle.id for principle in playbook.principles}
    assert len(playbook.principles) == principle_count()  # this repository's, without _notes.yml
    assert set(playbook.vocabulary) == set(VOCABULARY) | {"listening"}
    assert mkdocs_build(project).returncode == 0  # `listening` is declared, unused
    document = json.loads((project / "site" / "playbook.json").read_text())
    assert "url" not in document["tags"]["listening"]  # no principle uses it, so it has no page
    assert not (project / "site" / "tags" / "listening").exists()


def test_a_linked_vocabulary_is_refused_once(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = project / "principles"
    outside = tmp_path_factory.mktemp("outside") / "tags.yml"
    outside.write_bytes((folder / "_tags.yml").read_bytes())
    (folder / "_tags.yml").unlink()
    os.symlink(outside, folder / "_tags.yml")
    validated = run_script_main("validate.py", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == [
        "principles/_tags.yml:1:1: this is a symbolic link, and the playbook never follows one (it could "
        "publish files from outside the repository); put the file itself here, or remove the link"
    ]


# The vocabulary's own problems: each case is the file's text and its exact problems.
HEADER = "# yaml-language-server: $schema=../plugins/playbook/schema/tags.schema.json\n"
VOCABULARY_CASES: dict[str, tuple[str, list[str]]] = {
    "missing-label": (
        "trust:\n  description: Earning trust.\n",
        ["2:1: trust.label: required field is missing; add 'label:' (The tag's name as readers see it, "
         "e.g. Trust (one line, at most 40 characters).)"],
    ),
    "misspelt-field": (
        "trust:\n  lable: Trust\n  description: Earning trust.\n",
        ["3:3: trust.lable: unknown field; did you mean 'label'?"],
    ),
    "slug-not-lowercase": (
        "Trust:\n  label: Trust\n  description: Earning trust.\n",
        ["2:1: Trust: 'Trust' is not a valid tag; use lowercase letters, digits and single hyphens, "
         "e.g. objection-handling"],
    ),
    "description-on-two-lines": (
        "trust:\n  label: Trust\n  description: |\n    Earning trust.\n    Keeping it.\n",
        ["4:16: trust.description: 'Earning trust. Keeping it.' is not valid; write it as one line of text"],
    ),
    "label-too-long": (
        "trust:\n  label: " + "T" * 41 + "\n  description: Earning trust.\n",
        ["3:10: trust.label: is 41 characters long; keep it within 40"],
    ),
    "heading-in-label": (
        "trust:\n  label: '# Trust'\n  description: Earning trust.\n",
        ["3:1: trust.label: '# Trust' is a heading; the page has its own, so write **bold text** instead"],
    ),
    "attribute-list-in-description": (
        "trust:\n  label: Trust\n  description: 'Earning trust {: .md-header }'\n",
        ["4:1: trust.description: a '{' outside code starts an attribute list ({: #id .class }), which can "
         "take over the page's anchors and styles; use ( ) or [ ] instead, or put it in `backticks`"],
    ),
    "entry-without-fields": (
        "trust:\n",
        ["2:7: trust: has no value; indent its fields under 'trust:' by two spaces"],
    ),
    "a-list": (
        "- trust\n- conflict\n",
        ["1:1: the file holds a list; declare each tag as 'slug:' with 'label:' and 'description:' "
         "indented under it"],
    ),
    "empty": (
        "",
        ["1:1: the file holds nothing; declare each tag as 'slug:' with 'label:' and 'description:' "
         "indented under it"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(VOCABULARY_CASES))
def test_each_vocabulary_problem_has_its_exact_line(tmp_path: Path, name: str) -> None:
    text, expected = VOCABULARY_CASES[name]
    folder = tmp_path / "principles"
    write_principle(folder, "_tags.yml", HEADER + text)
    vocabulary, problems = read_tag_vocabulary(folder, tmp_path)
    assert vocabulary is None
    assert [problem.format(with_column=True) for problem in problems] == [
        f"principles/_tags.yml:{line}" for line in expected
    ]


def test_a_missing_vocabulary_is_a_problem(project: Path) -> None:
    (project / "principles" / "_tags.yml").unlink()
    with pytest.raises(PlaybookInputError) as caught:
        load_playbook(
            project / "principles",
            project / "docs",
            project / "principles" / "published.txt",
            root=project,
            strict=True,
        )
    assert [str(problem) for problem in caught.value.problems] == [
        "principles/_tags.yml:1: the tag vocabulary is missing; create it with a label and a one-line "
        "description for each tag the principles use (see the contributor guide)"
    ]


def test_vocabulary_and_principle_problems_come_together_before_the_site_is_touched(project: Path) -> None:
    vocabulary = project / "principles" / "_tags.yml"
    vocabulary.write_text(vocabulary.read_text().replace("  label: Trust\n", "  lable: Trust\n"))
    broken = principle_text(**{"title: Listen before you answer": "title:"})
    write_principle(project / "principles", "listen-first.yml", broken)
    marker = project / "site" / "marker.txt"
    marker.parent.mkdir()
    marker.write_text("last good site")
    line = vocabulary.read_text().splitlines().index("  lable: Trust") + 1
    problems = [
        f"principles/_tags.yml:{line}:3: trust.lable: unknown field; did you mean 'label'?",
        "principles/listen-first.yml:3:7: title: has no value; write the text after 'title:'",
    ]
    refused(run_script_main("validate.py", cwd=project), *problems)
    refused(mkdocs_build(project), *map(without_column, problems))
    assert list((project / "site").iterdir()) == [marker]


def test_mkdocs_serve_lists_an_undeclared_tag_and_stays_up(project: Path, serve) -> None:
    principle = project / "principles" / "lower-your-shields.yml"
    principle.write_text(principle.read_text().replace("accountability, trust]", "accountability, trsut]"))
    line, _column, index = tag_position(principle, "trsut")
    server = serve()
    status, html = server.get("")
    assert status == 200 and "playbook-problems" in html
    problem = (
        f"principles/lower-your-shields.yml:{line}: tags[{index}]: unknown tag 'trsut'; did you mean 'trust'?"
    )
    assert problem in server.output()
    assert "Traceback" not in server.output()


def test_html_in_a_label_or_description_is_shown_as_text(project: Path) -> None:
    vocabulary = project / "principles" / "_tags.yml"
    text = vocabulary.read_text().replace("  label: Trust\n", "  label: Trust <script>alert(1)</script>\n")
    text = text.replace(
        "  description: Earning the", "  description: <img src=x onerror=alert(1)> Earning the"
    )
    vocabulary.write_text(text)
    assert mkdocs_build(project).returncode == 0
    for url in ["tags/trust", "tags", "principles", "principles/lower-your-shields"]:
        html = page(project / "site", url)
        assert html.select("article script, article img") == [], url
        assert "Trust <script>alert(1)</script>" in html.article.get_text(), url
    assert "<img src=x onerror=alert(1)> Earning" in page(project / "site", "tags/trust").article.get_text()

"""The contributor's path: scaffold, validator, edit links, review dates, the generated field guide."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playbook.core.formats.loader import schema
from playbook.core.model.fields import principle_fields
from playbook.core.site.addresses import principle_url
from playbook.core.site.field_reference import field_docs

from in_process import mkdocs_build
from support import ROOT, page, principle_text, refused, run_script, write_principle


def fill_in(text: str) -> str:
    """What a contributor types into the scaffold's empty fields."""
    replacements = {
        'summary: ""': "summary: Say less, ask more.",
        '  title: ""': "  title: A talk about questions",
        '  author: ""': "  author: A. Speaker",
        '  publication: ""\n': "",
        '  date: "YYYY-MM-DD"\n': "",
        '  url: "https://"\n': "",
        "story: |\n": "story: |\n  A story told in our own words.\n",
        "situation: |\n": "situation: |\n  The buyer goes quiet.\n",
        "  says: |\n  why: |\n": "  says: |\n    Fill the silence.\n  why: |\n    It hides the objection.\n",
        '  - ""': "  - Let the silence work.",
        "tags: []": "tags: [listening]",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_the_scaffold_writes_every_field_with_a_comment_and_the_schema_line(project: Path) -> None:
    result = run_script("new_principle.py", "Ask, don't tell: the café rule", cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "principles" / "ask-dont-tell-the-cafe-rule.yml"
    assert f"Created principles/{path.name}" in result.stdout
    assert "Next steps:" in result.stdout and "make validate" in result.stdout
    text = path.read_text()
    assert (
        text.splitlines()[0]
        == "# yaml-language-server: $schema=../plugins/playbook/schema/principle.schema.json"
    )
    for field in schema()["properties"]:
        line = next(line for line in text.splitlines() if re.match(rf"^(# )?{field}:", line))
        index = text.splitlines().index(line)
        assert text.splitlines()[index - 1].startswith("#"), f"{field} has no comment above it"
    assert 'title: "Ask, don\'t tell: the café rule"' in text
    assert "/principles/ask-dont-tell-the-cafe-rule/" in (project / "principles/published.txt").read_text()


def test_a_filled_in_scaffold_validates_and_builds(project: Path) -> None:
    assert run_script("new_principle.py", "Let the silence work", cwd=project).returncode == 0
    path = project / "principles" / "let-the-silence-work.yml"
    unfilled = run_script("validate.py", cwd=project)
    refused(unfilled, "principles/let-the-silence-work.yml:14:10: summary: is empty; write some text here")
    path.write_text(fill_in(path.read_text()))
    checked = run_script("validate.py", cwd=project)
    assert checked.returncode == 0, checked.stdout
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    assert page(project / "site", "principles/let-the-silence-work").find(id="good-response") is not None


def test_the_scaffold_never_overwrites(project: Path) -> None:
    existing = project / "principles" / "lower-your-shields.yml"
    before = existing.read_bytes()
    result = run_script("new_principle.py", "Lower your shields", cwd=project)
    refused(
        result,
        "principles/lower-your-shields.yml already exists; not overwriting it. Choose another title or --id.",
    )
    assert existing.read_bytes() == before


def test_the_validator_prints_file_line_column_field_and_exits_1(project: Path) -> None:
    write_principle(
        project / "principles", "listen-first.yml", principle_text(**{"bad_response:": "bad_respnse:"})
    )
    result = run_script("validate.py", cwd=project)
    refused(result)
    assert result.stdout.splitlines() == [
        "principles/listen-first.yml:14:1: bad_respnse: unknown field; did you mean 'bad_response'?"
    ]


def test_the_validator_passes_the_repository_and_checks_single_files(project: Path) -> None:
    assert run_script("validate.py", cwd=project).returncode == 0
    related = principle_text(**{"related: []": "related: [lower-your-shields]"})
    write_principle(project / "principles", "listen-first.yml", related)
    assert run_script("update_published.py", cwd=project).returncode == 0
    single = run_script("validate.py", "principles/listen-first.yml", cwd=project)
    assert single.returncode == 0, single.stdout  # the ids of the other principles still count

    reference = related.replace(
        "  A rep learned to wait.", "  A rep learned to wait, as in [[no-such-principle]]."
    )
    write_principle(project / "principles", "listen-first.yml", reference)
    single = run_script("validate.py", "principles/listen-first.yml", cwd=project)
    refused(single)
    assert single.stdout.splitlines() == [
        "principles/listen-first.yml:11:1: story: unknown principle 'no-such-principle'; "
        "check the id against the files in principles/"
    ]


def test_github_format_annotates_the_pull_request_diff(project: Path) -> None:
    write_principle(
        project / "principles", "listen-first.yml", principle_text(**{"tags: [listening]": "tags: 3"})
    )
    result = run_script("validate.py", "--format", "github", cwd=project)
    refused(result)
    assert result.stdout.splitlines() == [
        "::error file=principles/listen-first.yml,line=22,col=7,title=Principle check::"
        "tags: expected a list, found text; write it as [a, b] or one '- item' per line"
    ]


def test_stale_lists_principles_by_the_field_only(project: Path) -> None:
    folder = project / "principles"
    reviewed = principle_text("listen-first", **{"related: []": 'related: []\nlast_reviewed: "2026-01-01"'})
    write_principle(folder, "listen-first.yml", reviewed)
    write_principle(folder, "never-reviewed.yml", principle_text("never-reviewed"))
    assert run_script("update_published.py", cwd=project).returncode == 0
    # A formatting-only edit today: the file is newer, the review is not.
    path = folder / "listen-first.yml"
    path.write_text(path.read_text().replace("tags: [listening]", "tags:\n  - listening"))
    os.utime(path)

    result = run_script("validate.py", "--stale", "180", "--today", "2026-11-24", cwd=project)
    assert result.returncode == 0
    lines = [
        line for line in result.stdout.splitlines() if "listen-first" in line or "never-reviewed" in line
    ]
    assert lines == [
        "principles/never-reviewed.yml:2: last_reviewed: never reviewed; "
        "review it, then set last_reviewed to the review date",
        "principles/listen-first.yml:25: last_reviewed: last reviewed 2026-01-01, 327 days ago; "
        "review it, then set last_reviewed to the review date",
    ]
    # The repository's own principles were reviewed on 2026-11-24: not stale.
    assert "lower-your-shields" not in result.stdout


def test_stale_with_problems_still_fails(project: Path) -> None:
    write_principle(
        project / "principles", "listen-first.yml", principle_text(**{"tags: [listening]": "tags: 3"})
    )
    refused(
        run_script("validate.py", "--stale", "30", cwd=project),
        "principles/listen-first.yml:22:7: tags: expected a list, found text; "
        "write it as [a, b] or one '- item' per line",
    )


def test_edit_links_open_the_principle_yaml_and_docs_pages_keep_theirs(site: Path, principles) -> None:
    base = "https://github.com/your-org/sales-playbook/edit/main/"
    for principle in principles:
        button = page(site, principle_url(principle.id)).select_one("a.md-content__button")
        assert button["href"] == f"{base}principles/{principle.id}.yml"
    assert page(site, ".").select_one("a.md-content__button")["href"] == f"{base}docs/index.md"
    assert (
        page(site, "contributing").select_one("a.md-content__button")["href"] == f"{base}docs/contributing.md"
    )
    assert page(site, "tags/trust").select_one("a.md-content__button") is None


def test_owner_and_last_review_are_shown_on_the_page(site: Path, principles) -> None:
    for principle in principles:
        review = page(site, principle_url(principle.id)).select_one(".playbook-review").get_text()
        assert f"Owner: {principle.owner}" in review
        assert f"Last reviewed {principle.last_reviewed.day} {principle.last_reviewed:%B %Y}" in review


def test_the_field_reference_is_generated_from_the_schema(site: Path) -> None:
    tables = page(site, "contributing").select("article table")
    reference = tables[-1]
    names = [row.find("td").get_text() for row in reference.select("tbody tr")]
    fields = field_docs(principle_fields())
    assert names == [field.name for field in fields]
    assert {"source.title", "bad_response.why", "last_reviewed", "aliases"} <= set(names)
    for row, field in zip(reference.select("tbody tr"), fields, strict=True):
        for label in row.select(".playbook-cell-label"):  # names the part on a phone, where rows are cards
            label.decompose()
        cells = [cell.get_text(strip=True) for cell in row.find_all("td")]
        assert cells[1] == ("yes" if field.required else "no")
        assert cells[3] == field.description
    assert "<!-- playbook:field-reference -->" not in (site / "contributing" / "index.html").read_text()


def test_the_contributing_guide_shows_references_as_written(site: Path) -> None:
    guide = page(site, "contributing").article
    assert "[[lower-your-shields|this idea]]" in guide.get_text()


def test_the_workflows_run_the_readme_commands() -> None:
    pull_request = (ROOT / ".github/workflows/pull-request.yml").read_text()
    publish = (ROOT / ".github/workflows/publish.yml").read_text()
    assert 'make validate VALIDATE_ARGS="--format github"' in pull_request
    assert "make test" in pull_request and "make test" in (ROOT / ".ci/run").read_text()
    assert "make build" in publish and "make build" in (ROOT / "README.md").read_text()


def test_the_scaffold_keeps_a_manifest_without_a_final_newline_intact(project: Path) -> None:
    manifest = project / "principles" / "published.txt"
    manifest.write_text(manifest.read_text().rstrip("\n"))
    last = manifest.read_text().splitlines()[-1]
    assert run_script("new_principle.py", "Ask before you pitch", cwd=project).returncode == 0
    lines = manifest.read_text().splitlines()
    assert lines[-2:] == [last, "/principles/ask-before-you-pitch/"]

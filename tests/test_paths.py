"""Onboarding paths (principles/_paths/<id>.yml): checked like a principle, built into /paths/ pages,
guarded by principles/published.txt, exported in playbook.json, and started by scripts/new_path.py."""

from __future__ import annotations

import json
from pathlib import Path

from playbook.core.formats.paths import read_paths

from in_process import mkdocs_build, run_script_main
from support import page, refused, run_script, without_column, write_principle

FIRST_WEEK = [
    "respect-the-customers-view",
    "guide-dont-get",
    "lower-your-shields",
    "guarantee-results-not-eagerness",
    "the-best-sale-can-be-no-sale",
]

# Line numbers matter: the tests assert the line and column of each problem.
VALID_PATH = """\
# yaml-language-server: $schema=../../plugins/playbook/schema/path.schema.json
id: {id}
title: Angry calls
audience: Reps who take escalations.
introduction: |
  Two principles for the call nobody wants.
steps:
  - principle: lower-your-shields
    note: Start by dropping your own defences.
  - principle: respect-the-customers-view
"""


def write_path(project: Path, name: str, text: str) -> Path:
    folder = project / "principles" / "_paths"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(project: Path) -> list[str]:
    _paths, problems = read_paths(project / "principles", FIRST_WEEK, project)
    return [problem.format(with_column=True) for problem in sorted(problems)]


def test_the_repository_ships_the_first_week_path_over_the_five_principles() -> None:
    root = Path(__file__).resolve().parent.parent
    paths, problems = read_paths(root / "principles", FIRST_WEEK, root)
    assert problems == []
    [first_week] = paths
    assert first_week.title == "First week"
    assert sorted(step.principle for step in first_week.steps) == sorted(FIRST_WEEK)
    assert all(step.note for step in first_week.steps)


def test_an_unknown_principle_is_named_with_a_suggestion(project: Path) -> None:
    text = VALID_PATH.format(id="angry-calls").replace(
        "- principle: lower-your-shields", "- principle: lower-your-shield"
    )
    write_path(project, "angry-calls.yml", text)
    assert problems_of(project) == [
        "principles/_paths/angry-calls.yml:8:16: steps[0].principle: unknown principle 'lower-your-shield'; "
        "did you mean 'lower-your-shields'?"
    ]


def test_a_missing_field_a_duplicate_step_and_an_id_mismatch_come_together(project: Path) -> None:
    text = (
        VALID_PATH.format(id="angry")
        .replace("audience: Reps who take escalations.\n", "")
        .replace("- principle: respect-the-customers-view", "- principle: lower-your-shields")
    )
    write_path(project, "angry-calls.yml", text)
    assert problems_of(project) == [
        "principles/_paths/angry-calls.yml:2:1: audience: required field is missing; add 'audience:' "
        "(Who the path is for, in one line of at most 200 characters.)",
        "principles/_paths/angry-calls.yml:2:5: id: id 'angry' does not match the file name 'angry-calls.yml'; "
        "rename the file to angry.yml or set the id to 'angry-calls'",
        "principles/_paths/angry-calls.yml:9:16: steps[1].principle: 'lower-your-shields' is already step 1; "
        "list each principle once, or remove this step",
    ]


def test_path_problems_stop_validate_and_build_before_the_site_is_touched(project: Path) -> None:
    text = VALID_PATH.format(id="angry-calls").replace(
        "  - principle: respect-the-customers-view\n", "  - note: no principle\n"
    )
    write_path(project, "angry-calls.yml", text.replace("title: Angry calls", "titel: Angry calls"))
    marker = project / "site" / "marker.txt"
    marker.parent.mkdir()
    marker.write_text("last good site")
    expected = [
        "principles/_paths/angry-calls.yml:3:1: titel: unknown field; did you mean 'title'?",
        "principles/_paths/angry-calls.yml:10:5: steps[1].principle: required field is missing; add "
        "'principle:' (The id of a principle (its file name without .yml).)",
    ]
    validated = run_script_main("validate.py", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == expected
    refused(mkdocs_build(project), *map(without_column, expected))
    assert list((project / "site").iterdir()) == [marker]


def test_a_linked_path_file_is_refused(project: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text(VALID_PATH.format(id="secret"))
    (project / "principles" / "_paths" / "secret.yml").symlink_to(outside)
    refused(
        run_script_main("validate.py", cwd=project),
        "principles/_paths/secret.yml:1:1: this is a symbolic link, and the playbook never follows one (it "
        "could publish files from outside the repository); put the file itself here, or remove the link",
    )


def test_path_pages_nav_home_link_and_export(project: Path) -> None:
    write_path(project, "angry-calls.yml", VALID_PATH.format(id="angry-calls"))
    assert run_script_main("update_published.py", cwd=project).returncode == 0
    assert "/paths/angry-calls/\n" in (project / "principles" / "published.txt").read_text()
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    site = project / "site"

    listing = page(site, "paths")
    links = [(link.get_text(), link["href"]) for link in listing.select("article li a")]
    assert links == [("Angry calls", "angry-calls/"), ("First week", "first-week/")]
    nav = [link.get_text(" ", strip=True) for link in listing.select(".md-nav--primary > ul > li > a")]
    assert nav.index("Onboarding paths") == nav.index("When the customer says…") + 1
    assert page(site, "").select_one('article a[href="paths/"]') is not None

    first_week = page(site, "paths/first-week")
    steps = [link["href"] for link in first_week.select(".playbook-path-steps li a.playbook-path-step__link")]
    assert steps == [f"../../principles/{name}/?path=first-week" for name in FIRST_WEEK]
    assert first_week.select_one('a[href="../../practice/?path=first-week"]').get_text() == "Drill this path"
    assert "minutes of reading" in first_week.select_one(".playbook-path-meta").get_text()
    handout = first_week.select(".playbook-path-handout__step")
    assert len(handout) == len(FIRST_WEEK) and "Say instead:" in handout[0].get_text()

    shields = page(site, "principles/lower-your-shields")
    [line] = shields.select(".playbook-path-step--first-week")
    assert line.get_text(" ", strip=True) == (
        "Step 3 of 5 in First week · Next: Guarantee results, not eagerness"
    )
    assert line.select_one("a")["href"] == "../../paths/first-week/"
    assert (
        shields.select_one(".playbook-path-step--angry-calls")
        .get_text(" ", strip=True)
        .startswith("Step 1 of 2 in Angry calls")
    )
    assert shields.select_one("#good-response") is not None  # anchors unchanged

    document = json.loads((site / "playbook.json").read_text())
    exported = {path["id"]: path for path in document["paths"]}
    assert [step["principle"] for step in exported["first-week"]["steps"]] == FIRST_WEEK
    assert exported["angry-calls"]["url"] == "paths/angry-calls/"
    assert (site / "schema" / "path.schema.json").is_file()


def test_a_preview_names_every_unlisted_address_a_strict_build_refuses(project: Path) -> None:
    """`make serve` (a build without --strict) names a new path and a page missing from the manifest as it
    names a new principle, with the problem `make build` stops on."""
    write_path(project, "angry-calls.yml", VALID_PATH.format(id="angry-calls"))
    manifest = project / "principles" / "published.txt"
    manifest.write_text(manifest.read_text().replace("/practice/role-play/\n", ""))
    expected = [
        "principles/_paths/angry-calls.yml:1: id: the address /paths/angry-calls/ is not in "
        "principles/published.txt yet; run `make published` to add it",
        "principles/published.txt:1: the address /practice/role-play/ is not in "
        "principles/published.txt yet; run `make published` to add it",
    ]
    previewed = mkdocs_build(project, strict=False)
    assert previewed.returncode == 0, previewed.stderr
    assert all(
        f"INFO    -  playbook: {problem} before you commit" in previewed.stderr for problem in expected
    ), previewed.stderr
    refused(mkdocs_build(project), *expected)


def test_published_path_addresses_are_guarded(project: Path) -> None:
    write_path(project, "angry-calls.yml", VALID_PATH.format(id="angry-calls"))
    refused(
        mkdocs_build(project),
        "principles/_paths/angry-calls.yml:1: id: the address /paths/angry-calls/ is not in "
        "principles/published.txt yet; run `make published` to add it",
    )

    (project / "principles" / "_paths" / "first-week.yml").unlink()
    (project / "principles" / "_paths" / "angry-calls.yml").unlink()
    manifest = project / "principles" / "published.txt"
    line = manifest.read_text().splitlines().index("/paths/first-week/") + 1
    validated = run_script_main("validate.py", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == [
        f"principles/published.txt:{line}:1: published path address /paths/first-week/ would disappear; "
        "restore principles/_paths/first-week.yml, or, to retire the address on purpose, delete this line"
    ]


def test_new_path_starts_a_path_that_validates_once_filled_in(project: Path) -> None:
    created = run_script("new_path.py", "Angry calls", "lower-your-shields", "guide-dont-get", cwd=project)
    assert created.returncode == 0, created.stdout
    path = project / "principles" / "_paths" / "angry-calls.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../plugins/playbook/schema/path.schema.json\n")
    assert "/paths/angry-calls/" in (project / "principles" / "published.txt").read_text().splitlines()
    assert problems_of(project) == []  # the template's placeholders are valid, for the author to fill
    refused(
        run_script("new_path.py", "Angry calls", cwd=project),
        "principles/_paths/angry-calls.yml already exists; not overwriting it. Choose another --id.",
    )
    assert path.read_text() == text


def test_a_principle_that_is_not_a_step_shows_no_path_line(project: Path) -> None:
    write_principle(project / "principles", "listen-first.yml", __import__("support").principle_text())
    run_script_main("update_published.py", cwd=project)
    assert mkdocs_build(project).returncode == 0
    assert page(project / "site", "principles/listen-first").select(".playbook-path-step") == []


def test_html_in_a_path_is_shown_as_text(project: Path) -> None:
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    text = (
        VALID_PATH.format(id="angry-calls")
        .replace("title: Angry calls", f"title: 'Angry {payload}'")
        .replace("audience: Reps who take escalations.", f"audience: 'Reps {payload}'")
        .replace("  Two principles for the call nobody wants.", f"  Two principles {payload}")
        .replace("note: Start by dropping your own defences.", f"note: 'Start {payload}'")
    )
    write_path(project, "angry-calls.yml", text)
    assert run_script_main("update_published.py", cwd=project).returncode == 0
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    for url in ["paths", "paths/angry-calls", "principles/lower-your-shields"]:
        html = page(project / "site", url)
        article = html.select_one("article")
        assert not article.select("script, img[onerror]"), url
        assert "<script>alert(1)</script>" in article.get_text()
        assert not html.select("script:not([src])") or all(
            "alert(" not in script.get_text() for script in html.select("script")
        )

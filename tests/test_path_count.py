"""A playbook holds at most MAX_PATHS onboarding paths: one path page repeats its steps' text, so their
number bounds the site's size. The 101st file is named, in one line, and the field reference says so."""

from __future__ import annotations

from pathlib import Path

from playbook.core.formats.paths import MAX_PATHS, read_paths
from playbook.core.site.field_reference import PATH_FIELD_REFERENCE_MARKER, field_reference_tables
from playbook.core.site.render import PageRenderer

PATH = """\
id: {id}
title: Path {id}
audience: Everyone.
introduction: A short path.
steps:
  - principle: listen-first
"""


def write_paths(folder: Path, count: int) -> None:
    paths = folder / "_paths"
    paths.mkdir(parents=True)
    for number in range(count):
        path_id = f"path-{number:03d}"
        (paths / f"{path_id}.yml").write_text(PATH.format(id=path_id))


def test_a_hundred_paths_are_accepted(tmp_path: Path) -> None:
    write_paths(tmp_path, MAX_PATHS)
    paths, problems = read_paths(tmp_path, ["listen-first"], tmp_path)
    assert (len(paths), problems) == (MAX_PATHS, [])


def test_the_hundred_and_first_path_is_refused_in_one_line(tmp_path: Path) -> None:
    assert MAX_PATHS == 100
    write_paths(tmp_path, MAX_PATHS + 1)
    paths, problems = read_paths(tmp_path, ["listen-first"], tmp_path)
    assert paths == []
    assert [problem.format(with_column=True) for problem in problems] == [
        "_paths/path-100.yml:1:1: there are 101 onboarding paths, over the limit of 100 (each path page "
        "repeats its steps' text); merge or retire paths until at most 100 remain"
    ]


def test_the_field_reference_states_the_limit() -> None:
    table = field_reference_tables(PageRenderer(None))[PATH_FIELD_REFERENCE_MARKER]
    assert f"A playbook holds at most {MAX_PATHS} paths (the files of `_paths/`)." in table

"""Onboarding paths, principles/_paths/<id>.yml: ordered reading lists, checked like a principle.

A path names principles by id, so a typo or a retired principle would leave a new hire with a dead
step; every problem is reported with its line and column, all at once, before the site is touched.
The folder is listed without following a link (links and special files below principles/ are
already refused by the scan of principles/, source_files.principle_files).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

from ..checks.content import content_problems
from ..checks.references import CHECK_THE_ID, closest, unknown
from ..model.fields import FieldCatalogue, read_schema
from ..model.principle import OnboardingPath, PathStep
from ..sources.errors import InputProblem
from ..sources.source_files import PRINCIPLE_LIMIT, PRINCIPLE_SUFFIXES, display_path, read_checked_fields
from ..sources.yamlsource import ParsedYaml, field_name
from .file_names import RESERVED_IDS, WINDOWS_DEVICE_NAMES, windows_name_message
from .reference_syntax import find_references
from .schema_errors import file_schema_problems

PATHS_FOLDER_NAME = "_paths"
"""In principles/; a name that begins with `_` is never read as a principle."""
PATH_SCHEMA_FILE = "schema/path.schema.json"
MAX_PATHS = 100
"""Onboarding paths in a playbook. A path page repeats each step's summary and good response, so one
kilobyte of YAML makes about 170 KB of HTML: the limit keeps a playbook's size in proportion."""


def path_schema() -> dict[str, Any]:
    """The path format, shipped beside the principle schema (and published with the site)."""
    return read_schema(PATH_SCHEMA_FILE)


@cache
def path_fields() -> FieldCatalogue:
    return FieldCatalogue.from_schema(path_schema())


def path_files(folder: Path, root: Path | None = None) -> tuple[list[Path], list[InputProblem]]:
    """The `.yml` files of principles/_paths/, in name order; a folder or `X.YML` named like one is a
    problem. A link or special file (the folder itself included) is left to the scan of principles/."""
    paths_dir = folder / PATHS_FOLDER_NAME
    try:
        if not stat.S_ISDIR(os.lstat(paths_dir).st_mode):
            return [], []
        with os.scandir(paths_dir) as scan:
            entries = sorted((Path(entry.path), entry.stat(follow_symlinks=False).st_mode) for entry in scan)
    except FileNotFoundError:  # no paths folder: no paths
        return [], []
    except OSError as error:
        folder_name = display_path(paths_dir, root)
        return [], [InputProblem(folder_name, 1, 1, "", f"the folder could not be read ({error.strerror})")]
    files, problems = [], []
    for path, mode in entries:
        if path.suffix.lower() not in PRINCIPLE_SUFFIXES or path.name.startswith("_"):
            continue
        file = display_path(path, root)
        if stat.S_ISDIR(mode):
            problems.append(
                InputProblem(file, 1, 1, "", "this folder is named like a path file; rename or remove it")
            )
        elif stat.S_ISREG(mode) and path.suffix not in PRINCIPLE_SUFFIXES:
            message = (
                f"the extension {path.suffix} is not read as a path; "
                f"rename the file to {path.stem}{path.suffix.lower()}"
            )
            problems.append(InputProblem(file, 1, 1, "", message))
        elif stat.S_ISREG(mode):
            files.append(path)
    return files, problems


def read_paths(
    folder: Path, principle_ids: Collection[str], root: Path | None = None
) -> tuple[list[OnboardingPath], list[InputProblem]]:
    """Every path of principles/_paths/, by title, or the problems of every file."""
    files, problems = path_files(folder, root)
    if len(files) > MAX_PATHS:
        problems.append(_too_many_paths(files, root))
        files = files[:MAX_PATHS]
    paths = []
    known = sorted(principle_ids)
    for path in files:
        file = display_path(path, root)
        onboarding_path, file_problems = read_path(path, file, known)
        problems += file_problems
        if onboarding_path is None:
            continue
        paths.append(onboarding_path)
    if problems:
        return [], problems
    return sorted(paths, key=lambda item: (item.title.casefold(), item.id)), []


def _too_many_paths(files: list[Path], root: Path | None) -> InputProblem:
    message = (
        f"there are {len(files)} onboarding paths, over the limit of {MAX_PATHS} (each path page repeats "
        f"its steps' text); merge or retire paths until at most {MAX_PATHS} remain"
    )
    return InputProblem(display_path(files[MAX_PATHS], root), 1, 1, "", message)


def read_path(
    path: Path, file: str, principle_ids: list[str]
) -> tuple[OnboardingPath | None, list[InputProblem]]:
    """One file -> its path, or every problem in it."""
    what = "a path is a set of fields: id, title, audience, introduction, steps"

    def checks(parsed: ParsedYaml) -> list[InputProblem]:
        return [
            *file_schema_problems(path_schema(), parsed, file),
            *_name_problems(parsed, path, file),
            *content_problems(parsed, path_fields(), file),
            *_step_problems(parsed, file, principle_ids),
        ]

    parsed, problems = read_checked_fields(path, file, PRINCIPLE_LIMIT, what=what, checks=checks)
    if parsed is None:
        return None, problems
    data = parsed.data
    steps = tuple(PathStep(step["principle"], step.get("note")) for step in data["steps"])
    return OnboardingPath(data["id"], data["title"], data["audience"], data["introduction"], steps, path), []


def _at(parsed: ParsedYaml, file: str, where: tuple[str | int, ...], message: str) -> InputProblem:
    position = parsed.position_of(where)
    return InputProblem(file, position.line, position.column, field_name(where), message)


def _name_problems(parsed: ParsedYaml, path: Path, file: str) -> list[InputProblem]:
    path_id = parsed.data.get("id")
    if not isinstance(path_id, str):
        return []
    if path_id in RESERVED_IDS:
        return [
            _at(parsed, file, ("id",), f"'{path_id}' is reserved for the site's own pages; choose another")
        ]
    if path_id.lower() in WINDOWS_DEVICE_NAMES:
        return [_at(parsed, file, ("id",), windows_name_message(path_id))]
    if path_id != path.stem:
        message = (
            f"id '{path_id}' does not match the file name '{path.name}'; "
            f"rename the file to {path_id}{path.suffix} or set the id to '{path.stem}'"
        )
        return [_at(parsed, file, ("id",), message)]
    return []


def _step_problems(parsed: ParsedYaml, file: str, principle_ids: list[str]) -> list[InputProblem]:
    """Every step names an existing principle, once; `[[id]]` in the introduction names one too."""
    problems = []
    known = set(principle_ids)
    steps = parsed.data.get("steps")
    first_step: dict[str, int] = {}
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        principle_id = step.get("principle") if isinstance(step, dict) else None
        if not isinstance(principle_id, str) or not principle_id:
            continue  # the schema check reports it
        where = ("steps", index, "principle")
        if principle_id not in known:
            problems.append(_at(parsed, file, where, _unknown_principle(principle_id, principle_ids)))
        elif principle_id in first_step:
            message = (
                f"'{principle_id}' is already step {first_step[principle_id] + 1}; "
                "list each principle once, or remove this step"
            )
            problems.append(_at(parsed, file, where, message))
        else:
            first_step[principle_id] = index
    introduction = parsed.data.get("introduction")
    if isinstance(introduction, str):
        for reference in find_references(introduction):
            if reference.target not in known:
                line = parsed.text_line(("introduction",), reference.line - 1)
                message = _unknown_principle(reference.target, principle_ids)
                problems.append(InputProblem(file, line, 1, "introduction", message))
                break
    return problems


def _unknown_principle(principle_id: str, principle_ids: list[str]) -> str:
    return unknown("principle", principle_id, closest(principle_id, principle_ids), CHECK_THE_ID)

"""The tag vocabulary, principles/_tags.yml: every tag declared once, with the words readers see.

Declaring tags turns a typo in a principle's `tags:` into a problem (the loader checks every entry
against these slugs) instead of a new one-principle tag page, and gives each tag page a title in
words ("Trust", not "trust"). The file is read with the same care as a principle: never through a
link, size checked first, every problem with its line and column.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..checks.content import content_problems
from ..model.fields import FieldCatalogue, read_schema
from ..sources.errors import InputProblem
from ..sources.source_files import PRINCIPLE_LIMIT, display_path, read_checked_fields
from ..sources.yamlsource import ParsedYaml
from .schema_errors import describe_schema_error, file_schema_problems

TAGS_FILE_NAME = "_tags.yml"
"""In principles/; a name that begins with `_` is never read as a principle."""
TAGS_SCHEMA_FILE = "schema/tags.schema.json"


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str
    description: str


def tags_schema() -> dict[str, Any]:
    """The vocabulary's format, shipped beside the principle schema (and published with the site)."""
    return read_schema(TAGS_SCHEMA_FILE)


@cache
def tag_fields() -> FieldCatalogue:
    """A tag's `label` and `description`, under any slug."""
    return FieldCatalogue.from_schema(tags_schema())


def read_tag_vocabulary(
    folder: Path, root: Path | None = None
) -> tuple[dict[str, Tag] | None, list[InputProblem]]:
    """The declared tags by slug, or None and every problem of the file.

    A link or special file in its place is left to the scan of principles/, which reports every such
    entry once (source_files.principle_files); here it only means there is no vocabulary."""
    path = folder / TAGS_FILE_NAME
    file = display_path(path, root)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        message = (
            "the tag vocabulary is missing; create it with a label and a one-line description for "
            "each tag the principles use (see the contributor guide)"
        )
        return None, [InputProblem(file, 1, 1, "", message)]
    except OSError as error:
        return None, [InputProblem(file, 1, 1, "", f"cannot read the file: {error.strerror}")]
    if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return None, []
    what = "declare each tag as 'slug:' with 'label:' and 'description:' indented under it"

    def checks(parsed: ParsedYaml) -> list[InputProblem]:
        schema_problems = file_schema_problems(tags_schema(), parsed, file, _described)
        return [*schema_problems, *_content_problems(parsed, file)]

    parsed, problems = read_checked_fields(path, file, PRINCIPLE_LIMIT, what=what, checks=checks)
    if parsed is None:
        return None, problems
    vocabulary = {
        slug: Tag(slug, entry["label"], entry["description"]) for slug, entry in sorted(parsed.data.items())
    }
    return vocabulary, []


def _described(error: Any, parsed: ParsedYaml, file: str) -> list[InputProblem]:
    """A slug the pattern refuses, named as a tag; any other error in the principle's wording."""
    if "propertyNames" in error.relative_schema_path or "propertyNames" in error.absolute_schema_path:
        slug = str(error.instance)
        position = parsed.position_of((slug,), key=True)
        hint = tags_schema()["$defs"]["slug"]["patternErrorMessage"]
        return [
            InputProblem(file, position.line, position.column, slug, f"'{slug}' is not a valid tag; {hint}")
        ]
    return describe_schema_error(error, parsed, file)


def _content_problems(parsed: ParsedYaml, file: str) -> list[InputProblem]:
    """The rules for one-line fields (no heading, table row, attribute list or direction control):
    labels and descriptions are shown on the tag pages, the tags index and the principle pages."""
    return content_problems(parsed, tag_fields(), file)

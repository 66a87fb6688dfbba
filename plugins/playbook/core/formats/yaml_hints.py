"""The line a contributor actually got wrong, when YAML reports a mistake somewhere below it.

libyaml stops where it can no longer continue, which is often a few lines after the slip: an
un-indented `says:` is reported at the next indented line, `owner:Sales` (no space after the colon)
at the line after it. Knowing the principle's fields, we can point at the slip and name the fix.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..model.fields import resolve_ref
from ..sources.errors import InputProblem

_KEY_WITHOUT_SPACE = re.compile(r"^(?P<indent> *)(?P<key>[a-z_]{1,40}):(?P<value>[^\s#].*)$")
_KEY_AT_MARGIN = re.compile(r"^(?P<key>[a-z_]{1,40}):(?:\s|$)")
_LOOK_BACK_FOR_SPACE = 3
"""`key:value` leaves libyaml wanting a `:` on the same or the next line or two."""
_LOOK_BACK_FOR_INDENT = 60


def field_layout(schema: dict[str, Any]) -> tuple[set[str], dict[str, list[str]]]:
    """Top-level field names, and each nested field name -> the groups it belongs under."""
    top = set(schema.get("properties", {}))
    parents: dict[str, list[str]] = {}
    for group, prop in schema.get("properties", {}).items():
        for name in resolve_ref(schema, prop).get("properties", {}):
            parents.setdefault(name, []).append(group)
    return top, parents


def explain_syntax_error(text: str, problem: InputProblem, schema: dict[str, Any]) -> InputProblem:
    """`problem` moved to the line that causes it, with a fix in plain words; unchanged if unsure."""
    top, parents = field_layout(schema)
    lines = text.splitlines()
    last = min(problem.line, len(lines))

    for number in range(last, max(0, last - _LOOK_BACK_FOR_SPACE - 1), -1):
        match = _KEY_WITHOUT_SPACE.match(lines[number - 1])
        if match and (match["key"] in top or match["key"] in parents):
            key, value = match["key"], match["value"]
            message = (
                f"'{key}:{value[:30]}' has no space after the colon, so YAML does not see the field "
                f"'{key}'; write '{key}: {value[:30]}'"
            )
            return replace(
                problem, line=number, column=len(match["indent"]) + len(key) + 2, field=key, message=message
            )

    for number in range(last, max(0, last - _LOOK_BACK_FOR_INDENT), -1):
        match = _KEY_AT_MARGIN.match(lines[number - 1])
        if not match:
            continue
        key = match["key"]
        if key in top:
            break  # the nearest field at the margin is a real top-level field: not an indentation slip
        if key in parents:
            groups = " or ".join(f"'{group}:'" for group in _likely_groups(lines, number, parents[key]))
            message = (
                f"'{key}:' starts at the left margin, but it belongs under {groups}; "
                "indent it by two spaces, like the other fields of its group"
            )
            return replace(problem, line=number, column=1, field=key, message=message)
    return problem


def _likely_groups(lines: list[str], number: int, groups: list[str]) -> list[str]:
    """The group opened just above line `number`, when it is one `groups` names; else all of them."""
    for above in range(number - 1, 0, -1):
        match = _KEY_AT_MARGIN.match(lines[above - 1])
        if match:
            return [match["key"]] if match["key"] in groups else groups
    return groups

"""One JavaScript dialect for every script of ours (issue 24 item 9): ES2015, so no `var` declaration in
assets/*.js; `const` by default, `let` where a name is reassigned."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

ASSETS = Path(str(resources.files("playbook").joinpath("assets")))
SKIPPED = re.compile(
    r"""//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`"""
    r"""|(?<=[(,=:\[!&|?;{}])\s*/(?![/*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/""",
    re.S,
)
"""Comments, strings, template literals and regular expression literals: text, not code."""
VAR = re.compile(r"\bvar\s+[A-Za-z_$]")


def var_lines(folder: Path) -> dict[str, list[int]]:
    """Each script in `folder` that declares with `var` outside comments and strings, and those lines."""
    found = {}
    for script in sorted(folder.glob("*.js")):
        code = SKIPPED.sub(lambda token: re.sub(r"[^\n]", " ", token[0]), script.read_text("utf-8"))
        assert not re.search(r"""["'`]""", code), f"{script.name}: a quote the scan did not pair"
        lines = [code.count("\n", 0, match.start()) + 1 for match in VAR.finditer(code)]
        if lines:
            found[script.name] = lines
    return found


def test_no_script_of_ours_declares_with_var() -> None:
    assert {"paths.js", "principle.js", "role-play.js", "practice.js"} <= {
        p.name for p in ASSETS.glob("*.js")
    }
    assert var_lines(ASSETS) == {}


def test_a_var_in_code_is_found_and_one_in_text_is_not(tmp_path: Path) -> None:
    """Every real script with `var x = 1;` inside its function, and in a comment, a string and a regular
    expression before it: each copy is flagged on the one line of code, and only there."""
    lines = ["// var x = 1;", "const a = 'var x = 1;', b = /var x/;", "var x = 1;"]
    expected = {}
    for script in ASSETS.glob("*.js"):
        before, after = script.read_text("utf-8").split('"use strict";\n', 1)
        (tmp_path / script.name).write_text("\n".join([f'{before}"use strict";', *lines, after]), "utf-8")
        expected[script.name] = [before.count("\n") + 4]
    assert var_lines(tmp_path) == expected

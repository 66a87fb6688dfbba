"""One JavaScript dialect for every script of ours (issue 24 item 9): ES2015, so no `var` declaration in
assets/*.js; `const` by default, `let` where a name is reassigned."""

from __future__ import annotations

import re
import tokenize
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


PUBLISHED_SPELLING = re.compile(r"practis\w*", re.IGNORECASE)
PROGRESS_FIELD = re.compile(r"\.practised\b|\bpractised(?=\s*:)")
"""The progress file's published field, as a property: `progress.practised`, `{ practised: ... }`."""


def british_names(folder: Path) -> dict[str, list[str]]:
    """Names in code spelt `practis…`: JavaScript identifiers outside comments and strings (bar the
    progress file's published field), Python names, and class names in stylesheets and templates."""
    found: dict[str, list[str]] = {}
    for script in sorted(folder.rglob("*.js")):
        code = PROGRESS_FIELD.sub(" ", SKIPPED.sub(" ", script.read_text("utf-8")))
        found[script.name] = PUBLISHED_SPELLING.findall(code)
    for module in sorted(folder.rglob("*.py")):
        with module.open("rb") as source:
            tokens = list(tokenize.tokenize(source.readline))
        found[module.name] = [token.string for token in tokens if token.type == tokenize.NAME]
        found[module.name] = [name for name in found[module.name] if PUBLISHED_SPELLING.fullmatch(name)]
    for sheet in sorted([*folder.rglob("*.css"), *folder.rglob("*.jinja"), *folder.rglob("*.html")]):
        text = re.sub(r"/\*.*?\*/|\{##.*?##\}", " ", sheet.read_text("utf-8"), flags=re.S)
        classes = re.findall(r"\.[\w-]*practis[\w-]*|class=\"[^\"]*practis[^\"]*\"", text)
        found[sheet.name] = classes
    return {name: names for name, names in found.items() if names}


def test_code_says_practice_and_only_published_names_say_practise(tmp_path: Path) -> None:
    """One spelling in code, the noun: `practice.js`, the drill link's class, `ANCHORS.practice`. The
    British verb stays where it is published or read: the heading "Practise" and its anchor
    `#practise`, the saved answers' key `playbook.practised`, the progress file's `practised` field."""
    package = Path(str(resources.files("playbook")))
    assert len(list(package.rglob("*.py"))) > 40 and list(package.rglob("*.jinja"))
    assert british_names(package) == {}
    (tmp_path / "a.js").write_text(
        'const practised = load("playbook.practised");\nsave({ practised: 1 }, progress.practised);\n'
    )
    (tmp_path / "b.py").write_text('practise = "practise"  # practise\n')
    (tmp_path / "c.css").write_text("/* .playbook-practise */ .playbook-practise { color: red }\n")
    (tmp_path / "d.md.jinja").write_text('<div class="x playbook-practise">Practise</div>\n')
    assert british_names(tmp_path) == {
        "a.js": ["practised"],
        "b.py": ["practise"],
        "c.css": [".playbook-practise"],
        "d.md.jinja": ['class="x playbook-practise"'],
    }

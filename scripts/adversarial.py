"""Time hostile input: one adversarial principle, or one adversarial docs page, added to a normal playbook.

    python scripts/adversarial.py [--only NAME[,NAME...]] [--timeout 120]

Builds a copy of this project's playbook as it is (the normal build), then, for each payload, the
same playbook plus one principle whose every Markdown field is that payload repeated up to the
schema's length limit (with the most tags, takeaways and related links the schema allows), or
plus one docs page of that payload up to the page size limit. For each it prints how long
validation takes (in this process, the checks `make validate` runs) and, when the input is
accepted, how much longer the build takes than the normal one. Targets, from issue 11: no file under
the size limits makes validation take more than 2 s, or the build more than 2 s beyond normal.
Input that is refused must be refused within the validation target. Nothing here is a test: the
numbers depend on the machine; the script prints them and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from playbook.core import PAGE_LIMIT, PlaybookInputError, load_files, load_playbook, schema

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0
SCHEMA_LINE = "# yaml-language-server: $schema=../plugins/playbook/schema/principle.schema.json\n"
SENTENCE = "The customer explains the problem and the rep listens, then asks one more question. "

# Each payload is one unit, repeated to the length limit of the field it fills.
FIELD_PAYLOADS: dict[str, str] = {
    "prose": SENTENCE,
    "prose-paragraphs": SENTENCE * 3 + "\n\n",
    "open-brackets": "[",
    "open-brackets-spaced": "[ ",
    "open-images": "![",
    "closed-brackets": "[a] ",
    "nested-brackets": "[a [b [c [d] c] b] a] ",
    "link-openings": "[a](",
    "links": "[a](https://example.com/a) ",
    "links-with-titles": '[a](https://example.com "t" x) ',
    "closing-parentheses": "](",
    "references": "[[lower-your-shields]] ",
    "unclosed-references": "[[a|",
    "stars": "*",
    "star-words": "*a ",
    "bold-words": "**a** ",
    "underscores": "_",
    "underscore-words": "_a",
    "mixed-emphasis": "*_",
    "backticks": "`",
    "backticks-spaced": "` ",
    "code-spans": "`a` ",
    "unclosed-fences": "```x\n",
    "angle-brackets": "<",
    "ampersands": "&",
    "entities": "&#",
    "backslashes": "\\",
    "braces": "{",
    "braces-spaced": " {",
    "pipes": "| ",
    "list-items": "- a\n",
    "nested-list": "- ",
    "numbered-nested-list": "1. ",
    "quote-lines": "> a\n",
    "nested-quote": "> ",
    "indented-lines": "    a\n",
    "short-lines": "a\n",
    "reference-definitions": "[a]: https://example.com\n",
    "autolinks": "<https://",
    "tildes": "~",
    "heading-with-spaces": "# x" + " " * 4000 + "y\n",
}
# Payloads just inside the bounds the checks set (content.py): a unit repeated `count` times, then prose.
BOUND_PAYLOADS: dict[str, tuple[str, int]] = {
    "bound-angle-brackets": ("a < b ", 199),
    "bound-ampersands": ("R&D ", 199),
    "bound-code-spans": ("`a` ", 199),
    "bound-bold-words": ("**a** ", 49),
    "bound-links": ("[a](https://example.com/a) ", 150),
    "bound-references": ("[[lower-your-shields]] ", 99),
    "bound-escapes": ("\\* ", 199),
    "bound-nested-brackets": ("[a [b [c [d] c] b] a] ", 49),
    "bound-nested-emphasis": ("*a _b " * 49 + " b_ a*" * 49 + " ", 1),
    "bound-nested-list": ("- " * 8 + "x\n", 60),
    "bound-nested-quote": ("> " * 8 + "x\n", 60),
}
PAGE_PAYLOADS: dict[str, str] = {
    "page-prose": "# A page\n\n" + SENTENCE * 6 + "\n\n",
    "page-heading-with-spaces": "# x" + " " * 4000 + "y\n",
    "page-open-brackets": "[",
    "page-unclosed-references": "[[a|",
    "page-unclosed-fences": "```x\n",
    "page-nested-list": "- ",
    "page-star-words": "*a ",
    "page-link-openings": "[a](",
    "page-front-matter-without-title": "title: " + SENTENCE,  # after front matter without a title
}


def repeat_to(unit: str, length: int) -> str:
    """Whole copies of `unit` up to `length` characters (a part could close what the unit opens)."""
    return (unit * max(1, length // len(unit))).strip() or "x"


def adversarial_principle(payload: str, others: list[str], count: int | None = None) -> str:
    """Every Markdown field at its limit, and every list at its limit. With `count`, the payload
    appears that many times in each Markdown field, and prose fills the rest."""
    properties = schema()["properties"]
    markdown_limit = schema()["$defs"]["markdown"]["maxLength"]
    lists = {name: properties[name]["maxItems"] for name in ("customer_says", "takeaways", "tags", "related")}
    one_line = " ".join(payload.split()) or payload
    if count is None:
        markdown = repeat_to(payload, markdown_limit)
    else:
        start = payload * count
        markdown = start + "\n\n" + repeat_to(SENTENCE, markdown_limit - len(start) - 2)
        one_line = SENTENCE
    data = {
        "id": "adversarial",
        "title": "An adversarial principle",
        "summary": repeat_to(one_line, properties["summary"]["maxLength"]),
        "customer_says": [
            repeat_to(f"{number} {one_line}", properties["customer_says"]["items"]["maxLength"])
            for number in range(lists["customer_says"])
        ],
        "source": {"title": "A source", "author": "A. Writer"},
        "story": markdown,
        "situation": markdown,
        "bad_response": {"says": markdown, "why": markdown},
        "good_response": {"says": markdown, "why": markdown},
        "takeaways": [
            repeat_to(f"{number} {one_line}", properties["takeaways"]["items"]["maxLength"])
            for number in range(lists["takeaways"])
        ],
        "tags": [f"adversarial-{number}" for number in range(lists["tags"])],
        "related": others[: lists["related"]],
    }
    return SCHEMA_LINE + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=float("inf"))


def build_seconds(project: Path, timeout: float) -> float | None:
    """One `mkdocs build` in a fresh interpreter (not strict: the new principle is not published)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def timed(action: Callable[[], object]) -> tuple[float, str]:
    """Seconds taken, and the first problem if the input was refused."""
    start = time.perf_counter()
    try:
        action()
        outcome = ""
    except PlaybookInputError as error:
        outcome = str(error.problems[0]).split(": ", 1)[-1]
    return time.perf_counter() - start, outcome


def copy_project(folder: Path) -> None:
    """The repository's playbook, with the adversarial principle's tags declared in its vocabulary."""
    for name in ("docs", "principles"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    with (folder / "principles" / "_tags.yml").open("a", encoding="utf-8") as vocabulary:
        for number in range(schema()["properties"]["tags"]["maxItems"]):
            vocabulary.write(
                f"adversarial-{number}:\n  label: Adversarial {number}\n  description: A test tag.\n"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated payload names")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a build is given up")
    arguments = parser.parse_args(argv)
    chosen = set(filter(None, arguments.only.split(",")))
    missed: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary)
        copy_project(project)
        others = sorted(path.stem for path in (project / "principles").glob("[!_]*.yml"))
        normal = min(filter(None, (build_seconds(project, arguments.timeout) for _ in range(2))))
        print(f"normal build: {normal:.2f} s; targets: validation <= {TARGET_SECONDS} s per file, ", end="")
        print(f"build <= {TARGET_SECONDS} s over normal\n")
        print(f"{'payload':32} {'validation s':>12} {'build s over normal':>20}  outcome")

        def check(name: str, validate: Callable[[], object], cleanup: Callable[[], None]) -> None:
            seconds, refused = timed(validate)
            over = None if refused else build_seconds(project, arguments.timeout)  # None: timed out
            slow = (
                seconds > TARGET_SECONDS
                or (over is None and not refused)
                or (over is not None and over - normal > TARGET_SECONDS)
            )
            if slow:
                missed.append(name)
            over_text = (
                "-"
                if refused
                else (f"> {arguments.timeout:.0f}" if over is None else f"{over - normal:+.2f}")
            )
            outcome = f"refused: {refused[:70]}" if refused else "accepted"
            print(
                f"{name:32} {seconds:12.3f} {over_text:>20}  {outcome}{'  MISSED' if slow else ''}",
                flush=True,
            )
            cleanup()

        principle = project / "principles" / "adversarial.yml"
        for name, unit in FIELD_PAYLOADS.items():
            if chosen and name not in chosen:
                continue
            principle.write_text(adversarial_principle(unit, others), encoding="utf-8")
            check(name, lambda: load_files([principle], root=project, known_ids=others), principle.unlink)

        for name, (unit, count) in BOUND_PAYLOADS.items():
            if chosen and name not in chosen:
                continue
            principle.write_text(adversarial_principle(unit, others, count), encoding="utf-8")
            check(name, lambda: load_files([principle], root=project, known_ids=others), principle.unlink)

        page = project / "docs" / "adversarial.md"
        for name, unit in PAGE_PAYLOADS.items():
            if chosen and name not in chosen:
                continue
            front_matter = "---\ndescription: A page\n---\n" if "front-matter" in name else ""
            text = front_matter + repeat_to(unit, PAGE_LIMIT.bytes - 1 - len(front_matter))
            page.write_text(text, encoding="utf-8")
            check(
                name,
                lambda: load_playbook(
                    project / "principles",
                    project / "docs",
                    project / "principles" / "published.txt",
                    root=project,
                    strict=False,
                ),
                page.unlink,
            )
    print("\n" + ("all targets met" if not missed else "targets missed: " + ", ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Rules for text inside fields (content.py) and the patterns that read contributor text.

No test here is timed: linear patterns are checked by their structure, and scanners by counting.
scripts/adversarial.py times hostile input against a real build and prints the numbers.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import markdown
import pytest

import playbook
from playbook.core.checks import content, references
from playbook.core.formats import docs_pages, reference_syntax
from playbook.core.formats.links import build_link_graph
from playbook.core.formats.loader import load_files, schema
from playbook.core.formats.reference_syntax import find_references, replace_references
from playbook.core.model.docs_page import DocsPage
from playbook.core.model.fields import principle_fields
from playbook.core.safety import safe_markdown
from playbook.core.safety.markdown_text import blank_out_code, fences
from playbook.core.site.field_reference import field_docs
from playbook.core.sources.errors import PlaybookInputError
from playbook.core.sources.source_map import SourceMap

from support import principle_text, refused, run_mkdocs

try:  # Python 3.11 names the regular expression parser re._parser
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


def story_problems(tmp_path: Path, story: str, **replace: str) -> list[str]:
    """The problems of a principle whose story is `story` (other lines swapped as in principle_text)."""
    block = "story: |\n" + "".join(f"  {line}\n" if line else "\n" for line in story.split("\n"))
    text = principle_text(**{"story: |\n  A rep learned to wait.\n": block, **replace})
    path = tmp_path / "listen-first.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_files([path], root=tmp_path)
    except PlaybookInputError as error:
        return [problem.message for problem in error.problems]
    return []


# Nesting, headings, attribute lists, direction controls


@pytest.mark.parametrize(
    "story",
    [
        "- " * 8 + "eight levels",
        "> " * 4 + "- " * 4 + "eight levels",
        "- a\n" + "".join("    " * level + "- nested\n" for level in range(1, 8)),
        "```\n" + "- " * 40 + "code is shown as written\n```",
        "A paragraph.\n\n" + " " * 40 + "deep indentation is a code block, not nesting",
    ],
)
def test_nesting_up_to_eight_levels_is_accepted(tmp_path: Path, story: str) -> None:
    assert story_problems(tmp_path, story) == []


@pytest.mark.parametrize(
    "story", ["- " * 9 + "nine levels", "> " * 9 + "x", "1. " * 9 + "x", "- a\n" + "    " * 8 + "- nine"]
)
def test_nesting_deeper_than_eight_levels_is_refused(tmp_path: Path, story: str) -> None:
    [message] = story_problems(tmp_path, story)
    assert message.startswith("this line is nested 9 levels deep")
    assert message.endswith("keep it within 8 levels")


@pytest.mark.parametrize("story", ["- # x", "1. # x", "> ## x", "> - ### x", "   # x", "- > # x"])
def test_a_heading_anywhere_markdown_sees_one_is_refused(tmp_path: Path, story: str) -> None:
    [message] = story_problems(tmp_path, story)
    assert "is a heading" in message


@pytest.mark.parametrize(
    "story",
    [
        "Item #1 and #2",
        "A paragraph.\n\n    # an indented code line",
        "```\n# a comment in code\n```",
        "- #hashtag",
    ],
)
def test_a_hash_that_is_not_a_heading_is_accepted(tmp_path: Path, story: str) -> None:
    assert story_problems(tmp_path, story) == []


@pytest.mark.parametrize(
    "line",
    [
        'summary: "# Let the customer finish"',
        'summary: "- # Let the customer finish"',
        'summary: "> # Let the customer finish"',
    ],
)
def test_a_heading_in_a_one_line_field_is_refused(tmp_path: Path, line: str) -> None:
    problems = story_problems(
        tmp_path, "A rep learned to wait.", **{"summary: Let the customer finish before you reply.": line}
    )
    assert len(problems) == 1 and "is a heading" in problems[0]


@pytest.mark.parametrize(
    "story",
    [
        "{: #good-response .md-header }",
        "A paragraph.\n{#good-response}",
        "A paragraph {.md-header}",
        "*inline*{ id=x }",
        "Hello {first name},",
    ],
)
def test_curly_braces_outside_code_are_refused_as_attribute_lists(tmp_path: Path, story: str) -> None:
    [message] = story_problems(tmp_path, story)
    assert message.startswith("a '{' outside code starts an attribute list")
    assert "put it in `backticks`" in message


@pytest.mark.parametrize("story", ["Write `{first name}` in the template.", "```\n{: #id }\n```", "a } b"])
def test_curly_braces_in_code_are_accepted(tmp_path: Path, story: str) -> None:
    assert story_problems(tmp_path, story) == []


@pytest.mark.parametrize(
    "character", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
                  "\u200e", "\u200f", "\u061c"]
)  # fmt: skip
def test_every_direction_control_is_refused_and_named(tmp_path: Path, character: str) -> None:
    [message] = story_problems(tmp_path, f"A rep {character}learned to wait.")
    assert message.startswith(f"contains the invisible character U+{ord(character):04X} (")
    assert message.endswith("delete it")


# Brackets, link addresses and inline marks: what makes Python-Markdown rescan a field


@pytest.mark.parametrize(
    "story",
    [
        "[a [b [c [d] c] b] a](https://example.com)",
        "An escaped \\[ bracket and \\] another.",
        '[a link](https://example.com/a_(b)) and [a titled one](https://example.com "Title").',
        "A reference to [[listen-first]] and [[listen-first#story|its story]].",
        "`[` in code, and a [link](https://example.com/it%27s).",
        "**bold** " * 50,
    ],
)
def test_ordinary_links_brackets_and_emphasis_are_accepted(tmp_path: Path, story: str) -> None:
    assert story_problems(tmp_path, story) == []


@pytest.mark.parametrize(
    ("story", "start"),
    [
        ("[a [b [c [d [e] d] c] b] a]", "brackets nested more than 4 deep"),
        ("see [the notes", "a '[' is never closed with ']'"),
        ("[a](https://example.com", "a link's address must end with ')' on the same line"),
        ("[a](https://example.com\n)", "a link's address must end with ')' on the same line"),
        ('[a](https://example.com "t" x)', "a link's address must end with ')' on the same line"),
        ("[a](https://example.com/it's)", "a link's address must end with ')' on the same line"),
        ("**bold** " * 50 + "*", "has more than 200 of the marks"),
        ("`a` " * 201, "has more than 200 of the marks"),
        ("a < b " * 201, "has more than 200 of the marks"),
    ],
)
def test_what_makes_markdown_rescan_the_text_is_refused(tmp_path: Path, story: str, start: str) -> None:
    [message] = story_problems(tmp_path, story)
    assert message.startswith(start)


def test_the_line_of_an_unclosed_bracket_is_named(tmp_path: Path) -> None:
    path = tmp_path / "listen-first.yml"
    path.write_text(principle_text(**{"  A rep learned to wait.\n": "  A rep learned.\n\n  See [this.\n"}))
    with pytest.raises(PlaybookInputError) as caught:
        load_files([path], root=tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [
        "listen-first.yml:13: story: a '[' is never closed with ']'; close it, or write \\[ for a bracket "
        "of its own"
    ]


def test_docs_pages_keep_headings_and_attribute_lists_but_not_parser_traps() -> None:
    def page(markdown: str) -> DocsPage:
        return DocsPage("page.md", "Page", markdown, "docs/page.md")

    fine = page("# Title\n\n## Section {#section}\n\n**bold** " * 3 + "\n\n" + "**bold** " * 50)
    nested = page("# Title\n\n" + "- " * 9 + "x\n")
    brackets = page("# Title\n\ntext\n\nsee [" + "[" * 10 + "\n")
    assert content.docs_page_problems([fine]) == []
    assert [str(problem) for problem in content.docs_page_problems([nested, brackets])] == [
        "docs/page.md:3: this line is nested 9 levels deep (list markers, '>' quotes and their "
        "indentation); keep it within 8 levels",
        "docs/page.md:5: brackets nested more than 4 deep; write \\[ for a bracket that does not start a link",
    ]


def test_a_docs_page_that_would_crash_markdown_stops_the_build_before_the_site_is_touched(
    project: Path,
) -> None:
    (project / "docs" / "deep.md").write_text("# Deep\n\n" + "- " * 3000 + "x\n")
    site_marker = project / "site" / "marker.txt"
    site_marker.parent.mkdir()
    site_marker.write_text("last good site")
    refused(
        run_mkdocs(project, "build"),
        "docs/deep.md:3: this line is nested 3000 levels deep (list markers, '>' quotes and their "
        "indentation); keep it within 8 levels",
    )
    assert site_marker.read_text() == "last good site"


# Bounds on lists


def test_lists_are_bounded_and_the_field_reference_says_so() -> None:
    properties = schema()["properties"]
    assert {name: properties[name]["maxItems"] for name in ("tags", "related", "aliases", "takeaways")} == {
        "tags": 12,
        "related": 12,
        "aliases": 12,
        "takeaways": 12,
    }
    rules = {field.name: field.rules for field in field_docs(principle_fields())}
    for name in ("tags", "related", "aliases", "takeaways"):
        assert "at most 12" in rules[name]


def test_too_many_related_ids_are_one_problem_not_one_per_unknown_id(tmp_path: Path) -> None:
    related = ", ".join(f"missing-{number}" for number in range(13))
    path = tmp_path / "listen-first.yml"
    path.write_text(principle_text(**{"related: []": f"related: [{related}]"}))
    with pytest.raises(PlaybookInputError) as caught:
        load_files([path], root=tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [
        "listen-first.yml:23: related: has 13 items; keep it within 12"
    ]


# Linear patterns: checked by structure and by counting, never by a clock

PROBES = " \t\na#[]`|-{}*_<&\\()\"'!>=:~"


def _matches(op: object, argument: object, dotall: bool) -> set[str]:
    """The probe characters one item of a parsed pattern can consume somewhere."""
    if op is sre.LITERAL:
        return {chr(argument)} & set(PROBES)
    if op is sre.NOT_LITERAL:
        return set(PROBES) - {chr(argument)}
    if op is sre.ANY:
        return set(PROBES) if dotall else set(PROBES) - {"\n"}
    if op is sre.IN:
        negate = any(kind is sre.NEGATE for kind, _ in argument)
        found = {probe for probe in PROBES if any(_in_set(probe, kind, value) for kind, value in argument)}
        return set(PROBES) - found if negate else found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return _consumed(argument[2], dotall)
    if op is sre.SUBPATTERN:
        return _consumed(argument[3], dotall)
    if op is sre.BRANCH:
        return set().union(*(_consumed(branch, dotall) for branch in argument[1]))
    return set()


def _in_set(probe: str, kind: object, value: object) -> bool:
    if kind is sre.LITERAL:
        return probe == chr(value)
    if kind is sre.RANGE:
        return value[0] <= ord(probe) <= value[1]
    if kind is sre.CATEGORY:
        name = str(value).lower()
        test = (
            probe.isspace()
            if "space" in name
            else probe.isdigit()
            if "digit" in name
            else probe.isalnum() or probe == "_"
        )
        return not test if "not" in name else test
    return False


def _consumed(items: object, dotall: bool) -> set[str]:
    return set().union(*(_matches(op, argument, dotall) for op, argument in items))


def _first(items: object, dotall: bool) -> set[str]:
    """The probe characters a sequence of items can start with."""
    first: set[str] = set()
    for op, argument in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            first |= _first(argument[2], dotall)
        elif op is sre.SUBPATTERN:
            first |= _first(argument[3], dotall)
        elif op is sre.BRANCH:
            first |= set().union(*(_first(branch, dotall) for branch in argument[1]))
        else:
            first |= _matches(op, argument, dotall)
        if not _optional(op, argument):
            break
    return first


def _unbounded(op: object, argument: object) -> bool:
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return argument[1] is sre.MAXREPEAT or argument[1] == sre.MAXREPEAT
    if op is sre.SUBPATTERN:
        return any(_unbounded(*item) for item in argument[3])
    return False


def _optional(op: object, argument: object) -> bool:
    return (op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and argument[0] == 0) or op in (
        sre.AT,
        sre.ASSERT,
        sre.ASSERT_NOT,
    )


def backtracking_pairs(pattern: re.Pattern[str]) -> list[str]:
    """Two open-ended repeats that can take the same characters, with only optional parts between
    them and something after them that can still fail: on a long run of those characters, the
    engine tries every way to split the run between them (the old `#\\s+(.+?)\\s*#*\\s*$` took
    50 seconds on one line of 4,000 spaces)."""
    dotall = bool(pattern.flags & re.DOTALL)
    found: list[str] = []

    def walk(items: list, at_end: bool) -> None:
        items = list(items)
        for index, (op, argument) in enumerate(items):
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                walk(argument[2], False)
            elif op is sre.SUBPATTERN:
                walk(argument[3], at_end and index == len(items) - 1)
            elif op is sre.BRANCH:
                for branch in argument[1]:
                    walk(branch, at_end and index == len(items) - 1)
            if not _unbounded(op, argument):
                continue
            for later in range(index + 1, len(items)):
                other = items[later]
                followed = not at_end or later < len(items) - 1
                shared = _matches(op, argument, dotall) & _first([other], dotall)
                if _unbounded(*other) and shared and followed:
                    found.append(f"items {index} and {later} both take {sorted(shared)}")
                if not _optional(*other):
                    break

    walk(sre_parse.parse(pattern.pattern, pattern.flags).data, True)
    return found


def package_modules() -> list[ModuleType]:
    """The `playbook` package and every module in it, so a new module is checked without editing this file."""
    found = pkgutil.walk_packages(playbook.__path__, f"{playbook.__name__}.")
    return [playbook, *(importlib.import_module(info.name) for info in found)]


def compiled_patterns(name: str, value: object) -> Iterator[tuple[str, re.Pattern[str]]]:
    """`value` if it is a compiled pattern, else the patterns in it if it is a tuple, list, set or dict."""
    if isinstance(value, re.Pattern):
        yield name, value
    elif isinstance(value, tuple | list | set | frozenset):
        for index, item in enumerate(value):
            yield from compiled_patterns(f"{name}[{index}]", item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from compiled_patterns(f"{name}[{key!r}]", item)


def module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern a module of the package holds at module level, by its qualified name."""
    return [
        found
        for module in package_modules()
        for name, value in vars(module).items()
        for found in compiled_patterns(f"{module.__name__}.{name}", value)
    ]


def test_the_walk_reaches_every_module_file_of_the_package() -> None:
    """pkgutil skips a folder without `__init__.py`: every `.py` file under the package must be walked."""
    root = Path(playbook.__file__).parent
    files = {path.resolve() for path in root.rglob("*.py")}
    walked = {Path(module.__file__ or "").resolve() for module in package_modules()}
    assert files - walked == set()
    names = {name.rsplit(".", 1)[0] for name, _ in module_patterns()}
    assert {
        "playbook.core.formats.reference_syntax",
        "playbook.mkdocs.table_rows",
    } <= names  # core and adapter alike


def test_the_walk_finds_patterns_inside_containers() -> None:
    pattern = re.compile("a")
    assert list(compiled_patterns("x", {"key": (pattern, [pattern])})) == [
        ("x['key'][0]", pattern),
        ("x['key'][1][0]", pattern),
    ]


def test_the_backtracking_check_finds_the_patterns_that_were_slow() -> None:
    old_heading = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)
    old_code = re.compile(r"(?P<fence>^[ \t]*(?P<marks>`{3,}|~{3,}).*?^[ \t]*(?P=marks)[ \t]*$)", re.M | re.S)
    assert backtracking_pairs(old_heading) and backtracking_pairs(old_code)
    assert backtracking_pairs(re.compile(r"`+[^`\n]*?`+")) == []  # ends the pattern: nothing to fail after


def test_the_backtracking_check_flags_the_shapes_the_walk_found_in_unlisted_modules() -> None:
    """Before the walk, the guard read four listed modules; these two, elsewhere, went unchecked. Each
    has two open-ended repeats over the same characters with something after them that can fail."""
    old_delimiter_row = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")  # mkdocs/table_rows.py
    old_definition = re.compile(r"\]:[ \t]*\n?[ \t>]*<?(?P<target>[^\s>]*)")  # core/safety/text_addresses.py
    assert backtracking_pairs(old_delimiter_row) and backtracking_pairs(old_definition)


@pytest.mark.parametrize(("name", "pattern"), module_patterns())
def test_no_pattern_that_reads_contributor_text_can_backtrack_polynomially(
    name: str, pattern: re.Pattern[str]
) -> None:
    assert backtracking_pairs(pattern) == [], name


def test_the_reference_pattern_stops_at_the_next_bracket() -> None:
    """Each `[[` is scanned only to the next bracket or line end, so a run of `[` is one pass."""
    classes = re.findall(r"\[\^((?:\\.|[^\]])*)\]", reference_syntax._REFERENCE.pattern)
    assert classes and all("\\[" in part and "\\]" in part and "\\n" in part for part in classes)
    assert list(find_references("[" * 5000 + "[[listen-first]]")) != []
    assert [reference.target for reference in find_references("[[[x]]]")] == ["x"]


class CountingLines(list):
    """A list of lines that counts how often its lines are read."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[override]
        CountingLines.reads += 1
        return super().__getitem__(index)

    def __iter__(self):
        for index in range(len(self)):
            yield self[index]


@pytest.mark.parametrize("unit", ["```x", "````", "~~~", "```"])
def test_fences_read_each_line_a_bounded_number_of_times(unit: str) -> None:
    for count in (1000, 4000):
        CountingLines.reads = 0
        fences(CountingLines([unit] * count))
        assert CountingLines.reads <= 3 * count


def test_code_is_blanked_as_markdown_reads_it() -> None:
    text = (
        "a `b` c\n```py\nx [[y]]\n```\nd ``e`` f\n~~~\nunclosed [[z]]\n````\nnot closed by a longer run\n```"
    )
    blanked = blank_out_code(text)
    assert len(blanked) == len(text) and blanked.count("\n") == text.count("\n")
    assert "[[y]]" not in blanked and "[[z]]" in blanked and "``e``" not in blanked
    assert [reference.target for reference in find_references(text)] == ["z"]
    assert replace_references("[[a]] `[[b]]`", lambda reference: f"<{reference.target}>") == "<a> `[[b]]`"


def test_a_page_title_is_taken_from_inside_the_front_matter_only() -> None:
    assert docs_pages.page_title("---\ntitle: 'In front'\n---\n# Heading\n", "x.md") == "In front"
    assert (
        docs_pages.page_title("---\nhide: [toc]\n---\ntitle: in the text\n# Heading ##\n", "x.md")
        == "Heading"
    )
    assert docs_pages.page_title("# x" + " " * 4000 + "y\n", "x.md") == "x" + " " * 4000 + "y"
    assert docs_pages.page_title("text\n#\n", "my-page.md") == "My page"


def test_did_you_mean_is_worked_out_for_a_bounded_number_of_unknown_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = references.difflib.get_close_matches
    monkeypatch.setattr(
        references.difflib,
        "get_close_matches",
        lambda *args, **kwargs: calls.append(args[0]) or real(*args, **kwargs),
    )
    path = tmp_path / "listen-first.yml"
    story = "  " + " ".join(f"[[missing-{number}]]" for number in range(60)) + "\n"
    path.write_text(principle_text(**{"  A rep learned to wait.\n": story}))
    sources = SourceMap()
    [principle] = load_files([path], root=tmp_path, source_map=sources)
    _, problems = build_link_graph([principle], [], sources)
    assert len(problems) == 60
    assert len(calls) <= 20


def test_attribute_lists_that_reach_markdown_keep_only_harmless_attributes() -> None:
    """Contributor text can no longer hold one (a '{' outside code is refused); the tree processor
    stays as a second line of defence for whatever a template or a future rule lets through."""
    html = markdown.markdown(
        'A paragraph.\n{: onmouseover="alert(1)" style="background: red" .note }\n\n'
        '[a link](https://example.com){: onclick="alert(2)" href="javascript:alert(3)" }',
        extensions=["attr_list", safe_markdown.SafeAttributesExtension()],
    )
    assert "alert" not in html and "style" not in html
    assert 'class="note"' in html


@pytest.mark.parametrize(
    ("markdown", "targets"),
    [
        ("Text\n\n    [[a]] code\n    more [[b]]\nnot code [[c]]\n\n[[d]]", ["c", "d"]),
        ("    [[a]] at the start is code", []),
        ("## Heading\n    [[a]] right under a heading is code", []),
        ("A paragraph\n    [[a]] goes on lazily", ["a"]),
        ("- item\n\n    [[a]] continues the item\n\npara\n\n    [[b]] is code", ["a"]),
        ("```\n    [[a]]\n```\n\n\t[[b]] after a tab is code\n\n  [[c]] two spaces are not", ["c"]),
    ],
)
def test_indented_code_is_code_as_markdown_reads_it(markdown: str, targets: list[str]) -> None:
    assert [reference.target for reference in find_references(markdown)] == targets
    blanked = blank_out_code(markdown)
    assert len(blanked) == len(markdown) and blanked.count("\n") == markdown.count("\n")

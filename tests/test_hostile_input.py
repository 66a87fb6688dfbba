"""Broken and hostile input: a clear one-line error for each case (or accepted as written), nothing worse.

Every file in tests/corpus/ is one case. EXPECTED holds its exact problems as `line:column: message`,
or no problems for input the playbook accepts as written.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.core.formats.loader import fast_validator, load_files, load_principles, slow_validator
from playbook.core.safety.safe_markdown import is_safe_url
from playbook.core.sources.errors import PlaybookInputError
from playbook.core.sources.source_map import SourceMap
from playbook.core.sources.yamlsource import decode, parse

from in_process import mkdocs_build, run_script_main
from support import ROOT, VALID_PRINCIPLE, declare_tags, principle_text, refused, without_column

CORPUS = ROOT / "tests" / "corpus"
EXPECTED: dict[str, list[str]] = {
    "anchors-and-aliases": [
        "10:8: story: YAML anchors (&story) are not allowed; write each value out in full",
    ],
    "attribute-list": [
        "3:1: title: a '{' outside code starts an attribute list ({: #id .class }), which can take over the page's anchors and styles; use ( ) or [ ] instead, or put it in `backticks`",
        "4:1: summary: a '{' outside code starts an attribute list ({: #id .class }), which can take over the page's anchors and styles; use ( ) or [ ] instead, or put it in `backticks`",
        "12:1: story: a '{' outside code starts an attribute list ({: #id .class }), which can take over the page's anchors and styles; use ( ) or [ ] instead, or put it in `backticks`",
        "14:1: situation: a '{' outside code starts an attribute list ({: #id .class }), which can take over the page's anchors and styles; use ( ) or [ ] instead, or put it in `backticks`",
        "16:1: bad_response.says: a '{' outside code starts an attribute list ({: #id .class }), which can take over the page's anchors and styles; use ( ) or [ ] instead, or put it in `backticks`",
    ],
    "bad-indentation": [
        "16:3: YAML syntax error: did not find expected key; check this line's indentation, and that every quote opened above it is closed",
    ],
    "bidi-override": [
        "3:27: title: contains the invisible character U+202E (right-to-left override) at column 27, which changes the direction text is shown in; delete it",
        "9:29: source.url: contains the invisible character U+2066 (left-to-right isolate) at column 29, which changes the direction text is shown in; delete it",
        "12:8: story: contains the invisible character U+200F (right-to-left mark) at column 8, which changes the direction text is shown in; delete it",
    ],
    "billion-laughs": [
        "2:4: a: YAML anchors (&a) are not allowed; write each value out in full",
    ],
    "crlf-line-endings": [],
    "deep-nesting": [
        "10:23: story[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested more than 16 levels deep; a principle needs at most 3",
    ],
    "emoji-with-joiner": [],
    "empty": [
        "1:1: the file is empty; start from an existing principle or the README's template",
    ],
    "empty-list-item": [
        "22:4: takeaways[1]: is an empty list item; write the text after the '- ', or delete the line",
    ],
    "external-image": [
        "4:1: summary: the image 'https://tracker.example/pixel.gif' is on another host; images must come from the site itself: add the file under docs/ and show it on a page there, with a relative address",
        "15:1: story: the image 'https://tracker.example/team.png' is on another host; images must come from the site itself: add the file under docs/ and show it on a page there, with a relative address",
        "17:1: situation: the image '//tracker.example/pixel.gif' is on another host; images must come from the site itself: add the file under docs/ and show it on a page there, with a relative address",
        "29:1: customer_says[0]: the image 'HTTPS://tracker.example/x.png' is on another host; images must come from the site itself: add the file under docs/ and show it on a page there, with a relative address",
    ],
    "heading-in-field": [
        "13:1: story: '# A heading of my own' is a heading; the page has its own, so write **bold text** instead",
    ],
    "heading-in-list-or-quote": [
        "13:1: story: '- # A heading in a list item' is a heading inside a list or quote; the page has its own, so write **bold text** instead",
        "17:1: situation: '> ## A heading in a quote' is a heading inside a list or quote; the page has its own, so write **bold text** instead",
        "20:1: bad_response.says: '1. # A heading in a numbered item' is a heading inside a list or quote; the page has its own, so write **bold text** instead",
        "23:1: good_response.says: '> - ### A heading in a list in a quote' is a heading inside a list or quote; the page has its own, so write **bold text** instead",
    ],
    "heading-in-one-line-field": [
        "4:1: summary: '# Let the customer finish' is a heading; the page has its own, so write **bold text** instead",
        "22:1: takeaways[1]: '- ## A heading in a takeaway' is a heading inside a list or quote; the page has its own, so write **bold text** instead",
    ],
    "html-payloads": [],
    "id-dot-dot": [
        "2:5: id: '../../index' is not valid; use lowercase letters, digits and single hyphens, e.g. lower-your-shields",
    ],
    "id-empty": [
        "2:5: id: is empty; write some text here",
    ],
    "id-slash": [
        "2:5: id: 'principles/evil' is not valid; use lowercase letters, digits and single hyphens, e.g. lower-your-shields",
    ],
    "id-spaces": [
        "2:5: id: 'id with spaces' is not valid; use lowercase letters, digits and single hyphens, e.g. lower-your-shields",
    ],
    "id-uppercase": [
        "2:5: id: 'ID-Uppercase' is not valid; use lowercase letters, digits and single hyphens, e.g. lower-your-shields",
    ],
    "index": [
        "2:5: id: 'index' is reserved for the site's own pages; choose another",
    ],
    "invisible-characters": [
        "3:25: title: contains the invisible character U+200B (zero width space) at column 25; delete it",
        "4:26: summary: contains the invisible character U+2060 (word joiner) at column 26; delete it",
        "12:9: story: contains the invisible character U+2062 (invisible times) at column 9; delete it",
        "14:19: situation: contains the invisible character U+FEFF (zero width no-break space) at column 19; delete it",
        "16:22: bad_response.says: contains the invisible character U+00AD (soft hyphen) at column 22; delete it",
        "17:38: bad_response.why: contains the invisible character U+E0049 (tag latin capital letter i) at column 38, which language models read as hidden text; delete it",
        "19:22: good_response.says: contains the invisible character U+200D (zero width joiner) at column 22, which may only join two visible characters (as inside an emoji); delete it",
        "20:8: good_response.why: contains the invisible character U+001B (control character), character 19 of this text; delete it",
        "26:29: customer_says[0]: contains the invisible character U+2028 (line separator) at column 29; delete it",
    ],
    "link-inside-the-site": [
        "12:1: story: the link to '../ask-first/' points inside the site; link a principle with [[id]] and any other page with its full address (https://...)",
    ],
    "nested-lists": [
        "13:1: story: this line is nested 2400 levels deep (list markers, '>' quotes and their indentation); keep it within 8 levels",
        "17:1: situation: this line is nested 1600 levels deep (list markers, '>' quotes and their indentation); keep it within 8 levels",
        "22:1: good_response.says: this line is nested 9 levels deep (list markers, '>' quotes and their indentation); keep it within 8 levels",
    ],
    "no-space-after-colon": [
        "24:7: owner: 'owner:Sales enablement' has no space after the colon, so YAML does not see the field 'owner'; write 'owner: Sales enablement'",
    ],
    "not-utf8": [
        "3:11: byte 0xe9 is not UTF-8: probably é (latin small letter e with acute) saved as Windows-1252; save the file as UTF-8 (in VS Code: click the encoding in the status bar, 'Save with Encoding', 'UTF-8')",
    ],
    "python-object-tag": [
        "3:8: title: YAML tags such as '!!python/object/apply:os.system' are not allowed; remove the tag",
    ],
    "related-to-itself": [
        "23:11: related[0]: a principle cannot be related to itself; remove this entry",
    ],
    "script-schemes": [
        "12:1: story: the address 'javascript:alert('story'' starts with 'javascript:', which could run a script; a link or image may use only http, https, mailto or tel addresses",
        "16:1: situation: the address 'data:image/svg+xml;base64,PHN2Zz4=' starts with 'data:', which could run a script; a link or image may use only http, https, mailto or tel addresses",
        "18:1: bad_response.says: the address 'javascript:alert('autolink')' starts with 'javascript:', which could run a script; a link or image may use only http, https, mailto or tel addresses",
        "22:1: bad_response.why: the address 'VBScript:msgbox(1)' starts with 'vbscript:', which could run a script; a link or image may use only http, https, mailto or tel addresses",
        "24:1: good_response.says: the address 'jav&#x61;script:alert('entity'' starts with 'javascript:', which could run a script; a link or image may use only http, https, mailto or tel addresses",
        "32:1: customer_says[0]: the address 'data:text/html,<script>alert(1' starts with 'data:', which could run a script; a link or image may use only http, https, mailto or tel addresses",
    ],
    "setext-heading-in-field": [
        "12:1: story: a line of only '=' or '-' under text makes it a heading; remove it or add a blank line",
    ],
    "slow-markdown": [
        "12:1: story: brackets nested more than 4 deep; write \\[ for a bracket that does not start a link",
        "14:1: situation: a '[' is never closed with ']'; close it, or write \\[ for a bracket of its own",
        "16:1: bad_response.says: a link's address must end with ')' on the same line, with any quote in it closed (write %27 for an apostrophe); close it, or write \\] for a bracket of its own",
        "17:1: bad_response.why: has more than 200 of the marks Markdown works through one by one (* _ [ < & \\ and code spans); use fewer, or spell them out in words",
        "19:1: good_response.says: brackets nested more than 4 deep; write \\[ for a bracket that does not start a link",
    ],
    "source-url-data": [
        "9:8: source.url: 'data:text/html,<script>alert(1)</script>' is not valid; give a full web address starting with http:// or https://",
    ],
    "source-url-javascript": [
        "9:8: source.url: 'javascript:alert(1)' is not valid; give a full web address starting with http:// or https://",
    ],
    "tab-indentation": [
        "15:1: YAML syntax error: found character that cannot start any token; indent with spaces, not tabs",
    ],
    "table-row-in-one-line-field": [
        "4:1: summary: looks like a table row and would break the tables it appears in; remove the '|' characters",
    ],
    "tags": [
        "2:5: id: 'tags' is reserved for the site's own pages; choose another",
    ],
    "too-many-related": [
        "23:10: related: has 13 items; keep it within 12",
        "24:10: aliases: has 14 items; keep it within 12",
    ],
    "too-many-tags": [
        "21:3: takeaways: has 13 items; keep it within 12",
        "34:7: tags: has 20 items; keep it within 12",
    ],
    "top-level-list": [
        "1:1: the file holds a list; a principle is a set of fields such as 'id: ...' and 'title: ...'",
    ],
    "top-level-string": [
        "1:1: the file holds plain text; a principle is a set of fields such as 'id: ...' and 'title: ...'",
    ],
    "unclosed-bracket": [
        "23:8: YAML syntax error: did not find expected ',' or ']'; a quote or bracket opened on this line or above is never closed; close it",
    ],
    "unclosed-code-fence": [
        "13:1: story: a code block opened with ``` is never closed; add a line with ``` after the code",
    ],
    "unclosed-quote": [
        "8:10: YAML syntax error: did not find expected key; check this line's indentation, and that every quote opened above it is closed",
    ],
    "unindented-field": [
        "15:1: says: 'says:' starts at the left margin, but it belongs under 'bad_response:'; indent it by two spaces, like the other fields of its group",
    ],
    "utf8-byte-order-mark": [],
    "windows-1252": [
        "4:27: byte 0x93 is not UTF-8: probably “ (left double quotation mark) saved as Windows-1252; save the file as UTF-8 (in VS Code: click the encoding in the status bar, 'Save with Encoding', 'UTF-8')",
    ],
    "windows-device-id": [
        "2:5: id: 'con' is a device name on Windows: a file or folder so named cannot be checked out there; choose another",
    ],
    "windows-device-tag": [
        "22:19: tags[1]: 'nul' is a device name on Windows: a file or folder so named cannot be checked out there; choose another",
    ],
    "yaml11-null-title": [
        "3:8: title: has no value; expected text (to write the word null, put it in quotes)",
    ],
    "yaml11-unquoted-dates": [],
    "yaml11-words-stay-text": [],
}
ACCEPTED = sorted(name for name, problems in EXPECTED.items() if not problems)
REFUSED = sorted(name for name, problems in EXPECTED.items() if problems)


def test_the_corpus_has_a_file_for_every_case() -> None:
    assert sorted(path.stem for path in CORPUS.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", REFUSED)
def test_each_refused_case_gives_its_exact_problems(name: str) -> None:
    with pytest.raises(PlaybookInputError) as caught:
        load_files([CORPUS / f"{name}.yml"], root=ROOT)
    assert [problem.format(with_column=True) for problem in caught.value.problems] == [
        f"tests/corpus/{name}.yml:{problem}" for problem in EXPECTED[name]
    ]


@pytest.mark.parametrize("name", ACCEPTED)
def test_each_accepted_case_loads_as_written(name: str) -> None:
    [principle] = load_files([CORPUS / f"{name}.yml"], root=ROOT)
    assert principle.id == name


def test_yaml_1_1_words_and_dates_stay_the_text_that_was_written() -> None:
    [words] = load_files([CORPUS / "yaml11-words-stay-text.yml"], root=ROOT)
    assert (words.title, words.tags, words.source.publication) == ("no", ("yes", "on", "off"), "True")
    [dates] = load_files([CORPUS / "yaml11-unquoted-dates.yml"], root=ROOT)
    assert dates.title == "2024-01-01"
    assert dates.source.date.isoformat() == "2020-01-02"


def test_a_byte_order_mark_and_crlf_line_endings_change_nothing() -> None:
    [bom] = load_files([CORPUS / "utf8-byte-order-mark.yml"], root=ROOT)
    sources = SourceMap()
    [crlf] = load_files([CORPUS / "crlf-line-endings.yml"], root=ROOT, source_map=sources)
    assert bom.title == crlf.title == "Listen before you answer"
    assert crlf.story == "A rep learned to wait.\n"
    assert sources.line(crlf.id, "good_response.why") == 19


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yml"
    path.write_text(
        principle_text(
            "huge", **{"story: |\n  A rep": "story: |\n" + "  padding line\n" * 20_000 + "  A rep"}
        )
    )
    with pytest.raises(PlaybookInputError) as caught:
        load_files([path])
    size_kb = path.stat().st_size // 1024
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path.as_posix()}:1: the file is {size_kb} KB, over the 256 KB limit for a principle; "
        "shorten it or split it into several principles"
    ]


def test_billion_laughs_fails_fast_in_little_memory() -> None:
    # A separate process with 512 MB of address space: expanding the aliases would need ~10 GB.
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))\n"
        "from pathlib import Path\n"
        "from playbook.core.sources.errors import PlaybookInputError\n"
        "from playbook.core.formats.loader import load_files\n"
        "try:\n"
        f"    load_files([Path({str(CORPUS / 'billion-laughs.yml')!r})])\n"
        "except PlaybookInputError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "YAML anchors (&a) are not allowed" in result.stdout


def project_with(project: Path, names: list[str]) -> dict[str, str]:
    """Copy corpus cases into the project's principles/ folder; returns the expected lines by file."""
    expected = {}
    for name in names:
        (project / "principles" / f"{name}.yml").write_bytes((CORPUS / f"{name}.yml").read_bytes())
        expected[name] = [f"principles/{name}.yml:{problem}" for problem in EXPECTED[name]]
    return expected


def test_every_case_at_once_in_validate_build_and_nothing_is_lost(project: Path) -> None:
    expected = project_with(project, REFUSED)
    principle_files = {
        path: path.read_bytes() for path in (project / "principles").rglob("*") if path.is_file()
    }
    site_marker = project / "site" / "marker.txt"
    site_marker.parent.mkdir()
    site_marker.write_text("last good site")

    problems = [line for lines in expected.values() for line in lines]
    refused(run_script_main("validate.py", cwd=project), *problems)
    refused(mkdocs_build(project), *map(without_column, problems))

    assert site_marker.read_text() == "last good site"
    assert list((project / "site").iterdir()) == [site_marker]
    assert {
        path: path.read_bytes() for path in (project / "principles").rglob("*") if path.is_file()
    } == principle_files


def test_every_case_at_once_keeps_mkdocs_serve_up_without_a_traceback(project: Path, serve) -> None:
    expected = project_with(project, REFUSED)
    server = serve()
    status, html = server.get("")
    assert status == 200 and "playbook-problems" in html
    output = server.output()
    for lines in expected.values():
        for line in lines:
            assert without_column(line) in output
    assert "Traceback" not in output
    assert server.process.poll() is None


def test_accepted_cases_build_into_the_site(project: Path) -> None:
    project_with(project, ACCEPTED)
    tags = {tag for name in ACCEPTED for tag in load_files([CORPUS / f"{name}.yml"], root=ROOT)[0].tags}
    declare_tags(project, *sorted(tags - {"listening"}))  # `yes`, `on`, `off`: words kept as text
    assert run_script_main("update_published.py", cwd=project).returncode == 0
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    for name in ACCEPTED:
        assert (project / "site" / "principles" / name / "index.html").exists()


# Property-based: whatever bytes arrive, the loader answers with a principle or our own error.

FIELD_LINES = VALID_PRINCIPLE.format(id="fuzzed").splitlines(keepends=True)
YAML_NOISE = st.sampled_from(
    [
        "",
        " ",
        "  ",
        "\t",
        ":",
        ": ",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!str ",
        "!!python/none ",
        "|",
        ">",
        '"',
        "'",
        "#",
        "\n",
        "\r\n",
        "---\n",
        "...\n",
        "~",
        "null",
        "no",
        "2020-01-01",
        "\ufeff",
        "\x00",
        "é",
        "<script>",
        "[[x]]",
        "```",
        "# h",
        "| a |",
        "%YAML 1.1\n",
        "? ",
        "!",
        "\\",
    ]
)


@st.composite
def mutated_principles(draw: st.DrawFn) -> bytes:
    lines = list(FIELD_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["insert", "replace", "delete", "duplicate", "splice"]))
        noise = "".join(draw(st.lists(YAML_NOISE, min_size=1, max_size=4)))
        if action == "insert":
            lines.insert(index, noise + "\n")
        elif action == "replace" and lines:
            cut = draw(st.integers(min_value=0, max_value=len(lines[index])))
            lines[index] = lines[index][:cut] + noise + lines[index][cut:]
        elif action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        else:
            lines[index] = noise
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return "".join(lines).encode(encoding, errors="replace")


def load_or_refuse(folder: Path, content: bytes) -> None:
    path = folder / "fuzzed.yml"
    path.write_bytes(content)
    try:
        load_principles(folder)
    except PlaybookInputError as error:
        assert error.problems, "an error without problems"
        for problem in error.problems:
            assert problem.file.endswith("fuzzed.yml") and problem.line >= 1 and "\n" not in str(problem)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=mutated_principles())
def test_mutated_principles_load_or_fail_with_our_own_error(tmp_path: Path, content: bytes) -> None:
    load_or_refuse(tmp_path, content)


@settings(max_examples=300, deadline=None)
@given(content=mutated_principles())
def test_the_fast_and_the_reference_validator_agree(content: bytes) -> None:
    """The build trusts the compiled validator's "valid"; the reference one words the errors."""
    text, _ = decode(content, "fuzzed.yml")
    parsed, _ = parse(text, "fuzzed.yml") if text is not None else (None, [])
    if parsed is None:
        return
    reference_valid = not any(True for _ in slow_validator().iter_errors(parsed.data))
    assert fast_validator().is_valid(parsed.data) == reference_valid


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
def test_arbitrary_bytes_load_or_fail_with_our_own_error(tmp_path: Path, content: bytes) -> None:
    load_or_refuse(tmp_path, content)


@pytest.mark.parametrize(
    ("address", "safe"),
    [
        ("https://example.com/x", True),
        ("../principles/x/", True),
        ("#good-response", True),
        ("mailto:team@example.com", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("jav&#x61;script:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("vbscript:msgbox(1)", False),
    ],
)
def test_only_web_and_mail_addresses_survive_in_generated_pages(address: str, safe: bool) -> None:
    assert is_safe_url(address) is safe


def test_a_mapping_in_related_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "listen-first.yml"
    path.write_text(principle_text(**{"related: []": "related: [{a: b}]"}))
    with pytest.raises(PlaybookInputError) as caught:
        load_files([path], root=tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [
        "listen-first.yml:23: related[0]: expected text, found a group of fields"
    ]


def test_folded_text_points_at_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "listen-first.yml"
    folded = "story: >\n  A rep learned to wait.\n  Still waiting.\n\n  # Not a heading here"
    path.write_text(principle_text(**{"story: |\n  A rep learned to wait.": folded}))
    with pytest.raises(PlaybookInputError) as caught:
        load_files([path], root=tmp_path)
    assert [problem.line for problem in caught.value.problems] == [11]  # the first line of the text


def test_a_broken_manifest_and_odd_docs_entries_are_problems_not_crashes(project: Path) -> None:
    (project / "docs" / "notes.md").mkdir()  # a folder named like a page
    (project / "docs" / ".drafts").mkdir()
    (project / "docs" / ".drafts" / "idea.md").write_text(
        "See [[no-such-principle]].\n"
    )  # left out by MkDocs
    manifest = project / "principles" / "published.txt"
    manifest.write_bytes(manifest.read_bytes() + b"# caf\xe9\n")
    result = mkdocs_build(project)
    line = manifest.read_bytes().count(b"\n")
    refused(
        result,
        f"principles/published.txt:{line}: byte 0xe9 is not UTF-8: probably é (latin small letter e with acute) saved as Windows-1252; save the file as UTF-8 (in VS Code: click the encoding in the status bar, 'Save with Encoding', 'UTF-8')",
    )
    assert "no-such-principle" not in result.stderr

"""Invisible characters (invisible_characters.py) are refused and named with their column, in principles,
paths, the tag vocabulary and hand-written pages; text is compared as NFC, so two lines that look the
same are one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.core.formats.loader import load_files
from playbook.core.safety.invisible_characters import invisible_character
from playbook.core.site.customer_says import same_line_key
from playbook.core.sources.errors import PlaybookInputError

from in_process import mkdocs_build
from support import load_problems, page, principle_text


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u200b", "zero width space"),
        ("\u2060", "word joiner"),
        ("\u2061", "function application"),
        ("\u2062", "invisible times"),
        ("\u2063", "invisible separator"),
        ("\u2064", "invisible plus"),
        ("\ufeff", "zero width no-break space"),
        ("\u00ad", "soft hyphen"),
        ("\u180e", "mongolian vowel separator"),
        ("\u202e", "right-to-left override"),
        ("\U000e0041", "tag latin capital letter a"),
        ("\U000e0001", "language tag"),
        ("\U000e0000", "unassigned tag character"),
        ("\x1b", "control character"),
        ("\u2028", "line separator"),
    ],
)
def test_every_invisible_character_is_refused_and_named(character: str, name: str) -> None:
    found = invisible_character(f"Let me {character}finish.")
    assert found is not None and found.offset == 7
    assert found.message(8).startswith(
        f"contains the invisible character U+{ord(character):04X} ({name}) at column 8"
    )


@pytest.mark.parametrize(
    "text",
    [
        "\u200dA joiner at the start",
        "A joiner at the end\u200d",
        "A joiner \u200dbefore a word",
        "Two joiners \U0001f469\u200d\u200d\U0001f4bb",
        "A non-joiner \u200c alone",
    ],
)
def test_a_joiner_that_joins_nothing_is_refused(text: str) -> None:
    assert invisible_character(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "A coder \U0001f469\u200d\U0001f4bb and a family \U0001f468\u200d\U0001f469\u200d\U0001f467.",
        "A rainbow flag \U0001f3f3\ufe0f\u200d\U0001f308 and a thumb \U0001f44d\U0001f3fd.",
        "Persian: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "Accents: caf\u00e9, cafe\u0301, na\u00efve, \u00e5, tabs\tand\r\nline breaks.",
    ],
)
def test_what_a_real_script_needs_is_accepted(text: str) -> None:
    assert invisible_character(text) is None


def test_paths_tags_and_docs_pages_name_the_character_at_its_line_and_column(project: Path) -> None:
    path = project / "principles" / "_paths" / "first-week.yml"
    path.write_text(path.read_text().replace("title: First week", "title: First\u2063 week"))
    tags = project / "principles" / "_tags.yml"
    tags.write_text(tags.read_text().replace("label: Accountability", "label: Account\U000e0041ability"))
    (project / "docs" / "hidden.md").write_text(
        "\ufeff# Hidden\n\nA leading mark is fine; a word\u00adbreak is not.\n"
    )
    assert load_problems(project) == [
        "docs/hidden.md:3:31: contains the invisible character U+00AD (soft hyphen) at column 31; delete it",
        "principles/_paths/first-week.yml:5:13: title: contains the invisible character U+2063 "
        "(invisible separator) at column 13; delete it",
        "principles/_tags.yml:7:17: accountability.label: contains the invisible character U+E0041 "
        "(tag latin capital letter a) at column 17, which language models read as hidden text; delete it",
    ]


def test_a_byte_order_mark_in_the_middle_of_a_docs_page_is_refused(project: Path) -> None:
    (project / "docs" / "hidden.md").write_text("# Hidden\n\nText \ufeffafter a mark.\n")
    assert load_problems(project) == [
        "docs/hidden.md:3:6: contains the invisible character U+FEFF (zero width no-break space) at column 6; "
        "delete it",
    ]


def test_an_escape_in_a_quoted_text_is_named_by_its_place_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "listen-first.yml"
    path.write_text(principle_text(**{"title: Listen before you answer": 'title: "Listen\\u200b first"'}))
    with pytest.raises(PlaybookInputError) as caught:
        load_files([path], root=tmp_path)
    assert [problem.format(with_column=True) for problem in caught.value.problems] == [
        "listen-first.yml:3:8: title: contains the invisible character U+200B (zero width space), "
        "character 7 of this text; delete it"
    ]


# NFC: an accent typed as one character or as a letter and a combining mark


def test_lines_that_differ_only_in_how_an_accent_is_encoded_are_the_same() -> None:
    assert same_line_key("Caf\u00e9 prices are too high.") == same_line_key("Cafe\u0301 prices are too high.")


def test_a_principle_listing_the_same_line_twice_in_two_encodings_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "listen-first.yml"
    lines = 'customer_says: ["Caf\u00e9 prices are too high.", "Cafe\u0301 prices are too high."]'
    path.write_text(principle_text(**{'customer_says: ["Let me finish, please."]': lines}))
    with pytest.raises(PlaybookInputError) as caught:
        load_files([path], root=tmp_path)
    assert [problem.format(with_column=True) for problem in caught.value.problems] == [
        "listen-first.yml:24:46: customer_says[1]: 'Café prices are too high.' is listed twice; remove one"
    ]


def test_the_customer_says_page_lists_a_line_once_whatever_its_encoding(project: Path) -> None:
    composed = project / "principles" / "lower-your-shields.yml"
    decomposed = project / "principles" / "guide-dont-get.yml"
    anchor = "customer_says:\n"
    for path, line in [
        (composed, "Caf\u00e9 prices are too high."),
        (decomposed, "Cafe\u0301 prices are too high."),
    ]:
        text = path.read_text()
        assert text.count(anchor) == 1
        path.write_text(text.replace(anchor, f'{anchor}  - "{line}"\n'))
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    items = page(project / "site", "customer-says").select(".playbook-customer-lines li")
    shown = [
        " ".join(item.get_text(" ").split()) for item in items if "prices are too high" in item.get_text()
    ]
    assert shown == [
        "Caf\u00e9 prices are too high. \u2192 Guide, don\u2019t \u201cget\u201d \u00b7 Lower your shields"
    ]

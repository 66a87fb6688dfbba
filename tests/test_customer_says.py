"""What the customer says: the field, the answer-first principle page, and "When the customer says…"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.core.formats.loader import load_principles
from playbook.core.model.sections import SECTION_ANCHORS
from playbook.core.site.addresses import principle_url
from playbook.core.site.customer_says import customer_lines, same_line_key
from playbook.core.site.theme_text import typographic_quotes
from playbook.core.sources.errors import PlaybookInputError

from in_process import mkdocs_build
from support import ROOT, page, principle_text, write_principle

LINE = 'customer_says: ["Let me finish, please."]'
ANSWER_FIRST = [
    "customer-says",
    "situation",
    "bad-response",
    "good-response",
    "takeaways",
    "practise",
    "story",
]


def test_the_principle_page_answers_first_and_keeps_every_anchor(site: Path, principles) -> None:
    for principle in principles:
        article = page(site, principle_url(principle.id)).select_one("article")
        headings = [heading["id"] for heading in article.select("h2[id]")]
        assert headings[: len(ANSWER_FIRST)] == ANSWER_FIRST, principle.id
        assert headings[-1] == "source"
        assert set(SECTION_ANCHORS) <= set(headings)
        lines = [item.get_text(" ", strip=True) for item in article.select(".playbook-customer-says li")]
        assert lines == [typographic_quotes(line) for line in principle.customer_says]
        assert article.find(id="customer-says").get_text(strip=True).startswith("You\u2019ll hear…")
        # The title and summary come before the customer lines, the story and link lists after.
        order = [
            element.get("id") or element["class"][0]
            for element in article.select(
                "h1, .playbook-summary, .playbook-jump, #customer-says, #good-response, #story, "
                ".playbook-tags, .playbook-related, .playbook-referenced-by, .playbook-source, .playbook-pager"
            )
        ]
        expected = ["playbook-summary", "playbook-jump", "customer-says", "good-response", "story",
                    "playbook-tags", "playbook-related", "playbook-referenced-by", "playbook-source",
                    "playbook-pager"]  # fmt: skip
        assert order[1:] == [name for name in expected if name in order[1:]]
        assert {"playbook-tags", "playbook-source"} <= set(order)
        jumps = [link["href"] for link in article.select(".playbook-jump a")]
        assert {"#situation", "#bad-response", "#good-response", "#takeaways", "#story"} <= set(jumps)
        assert all(article.find(id=href[1:]) is not None for href in jumps)


def test_the_customer_says_page_lists_every_line_with_a_link_to_the_good_response(
    site: Path, principles
) -> None:
    article = page(site, "customer-says").select_one("article")
    assert article.h1.get_text(strip=True).startswith("When the customer says…")
    links = {link.get_text(strip=True): link["href"] for link in article.select(".playbook-customer-lines a")}
    expected = {
        typographic_quotes(line): f"../principles/{principle.id}/#good-response"
        for principle in principles
        for line in principle.customer_says
    }
    assert links == expected
    assert len(article.select(".playbook-customer-lines li")) == len(expected)
    nav = [link.get_text(strip=True) for link in page(site, "").select(".md-nav--primary .md-nav__link")]
    assert nav.index("When the customer says…") == nav.index("Principles") + 1
    home = page(site, "").select_one("article")
    assert home.find("a", href="customer-says/") is not None


def test_a_line_two_principles_share_is_listed_once_with_both(project: Path) -> None:
    path = project / "principles" / "lower-your-shields.yml"
    original = "  - This is completely unacceptable.\n"
    shared = '  - "IT\u2019S  too expensive."\n'  # guide-dont-get says "It's too expensive."
    path.write_text(path.read_text().replace(original, original + shared))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    items = page(project / "site", "customer-says").select(".playbook-customer-lines li")
    texts = [" ".join(item.get_text(" ").split()) for item in items]
    [item] = [item for item, text in zip(items, texts, strict=True) if "too expensive" in text.lower()]
    assert " ".join(item.get_text(" ").split()) == (
        typographic_quotes("It's too expensive. \u2192 Guide, don't \"get\" \u00b7 Lower your shields")
    )
    assert [link["href"] for link in item.select("a")] == [
        "../principles/guide-dont-get/#good-response",
        "../principles/lower-your-shields/#good-response",
    ]
    lines = {line for principle in load_principles(project / "principles", root=project)
             for line in principle.customer_says}  # fmt: skip
    assert len(items) == len(lines) - 1


def test_lines_are_the_same_whatever_their_case_spacing_and_apostrophes() -> None:
    assert same_line_key("It\u2019s  too\texpensive.") == same_line_key("it's too expensive.")
    assert same_line_key("“Why?”") == same_line_key('"why?"')
    assert same_line_key("It's too expensive.") != same_line_key("It's too expensive")
    principles = load_principles(ROOT / "principles", root=ROOT)
    assert len(customer_lines(principles)) == sum(len(p.customer_says) for p in principles)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("", "2:1: customer_says: required field is missing; add 'customer_says:' (What customers"),
        ("customer_says: []", "24:16: customer_says: is an empty list; add at least one item"),
        (
            "customer_says: [" + ", ".join(f"Line {number}." for number in range(9)) + "]",
            "24:16: customer_says: has 9 items; keep it within 8",
        ),
        (
            f'customer_says: ["{"x" * 121}"]',
            "24:17: customer_says[0]: is 121 characters long; keep it within 120",
        ),
        (
            "customer_says:\n  - |\n    One line.\n    Two lines.",
            "25:5: customer_says[0]: 'One line. Two lines.' is not valid; write it as one line of text",
        ),
        (
            "customer_says: It is too expensive.",
            "24:16: customer_says: expected a list, found text; write it as [a, b] or one '- item' per line",
        ),
        (
            "customer_says: [Too expensive., Too expensive.]",
            "24:33: customer_says[1]: 'Too expensive.' is listed twice; remove one",
        ),
        (
            'customer_says: ["# Too expensive"]',
            "24:1: customer_says[0]: '# Too expensive' is a heading; the page",
        ),
    ],
)
def test_customer_lines_are_checked_with_file_line_and_fix(
    tmp_path: Path, written: str, problem: str
) -> None:
    text = principle_text(**{LINE: written})
    write_principle(tmp_path / "principles", "listen-first.yml", text)
    with pytest.raises(PlaybookInputError) as caught:
        load_principles(tmp_path / "principles", root=tmp_path)
    [found] = [found.format(with_column=True) for found in caught.value.problems]
    assert found.startswith(f"principles/listen-first.yml:{problem}")


def test_the_export_and_the_published_schema_hold_customer_says(site: Path, principles) -> None:
    records = json.loads((site / "playbook.json").read_text(encoding="utf-8"))["principles"]
    by_id = {principle.id: principle for principle in principles}
    for record in records:
        assert record["customer_says"] == list(by_id[record["id"]].customer_says)
        assert 3 <= len(record["customer_says"]) <= 5
    published = json.loads((site / "schema/principle.schema.json").read_text(encoding="utf-8"))
    assert "customer_says" in published["required"]
    assert published["properties"]["customer_says"]["maxItems"] == 8
    assert published["properties"]["customer_says"]["items"] == {
        "$ref": "#/$defs/line",
        "maxLength": 120,
        "contentMediaType": "text/markdown",  # the field catalogue's mark (core/model/fields.py)
    }

"""The "Practise" block of every principle page, as built: the moment again, the question, and a
plain <details> reveal that holds both responses and both whys for a reader without JavaScript."""

from __future__ import annotations

import gzip
from pathlib import Path

from playbook.core.search import BUNDLE_DIR
from playbook.core.theme_text import typographic_quotes

from support import page

QUESTION = "What would you say?"


def words(text: str) -> str:
    """Markdown or HTML text -> the words a reader sees (typographic quotes, no double ones), for comparing
    the two."""
    text = typographic_quotes(text.replace("*", ""))
    return " ".join(
        text.translate(
            str.maketrans("", "", "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}")
        ).split()
    )


def test_every_principle_page_has_a_practise_block_after_the_takeaways(site: Path, principles) -> None:
    for principle in principles:
        article = page(site, principle.url).select_one("article")
        block = article.select_one("div.playbook-practise")
        assert block is not None, principle.id
        assert block.select_one("h2#practise") is not None
        headings = [heading["id"] for heading in article.select("h2[id]")]
        assert headings.index("takeaways") + 1 == headings.index("practise") < headings.index("story")
        assert article.select_one(".playbook-jump a[href='#practise']") is not None

        lines = [item.get_text(strip=True) for item in block.select(".playbook-practise__customer-says li")]
        assert lines == [typographic_quotes(line) for line in principle.customer_says]
        assert words(principle.situation) in words(block.get_text())
        assert block.select_one(".playbook-practise__question").get_text(strip=True) == QUESTION


def test_without_javascript_the_answer_is_a_plain_details_reveal(site: Path, principles) -> None:
    for principle in principles:
        block = page(site, principle.url).select_one("article div.playbook-practise")
        answer = block.select_one("details.playbook-practise__answer")
        assert answer is not None and not answer.has_attr("open") and not answer.has_attr("hidden")
        assert answer.summary.get_text(strip=True) == "The answer, and why"
        good = words(answer.select_one(".playbook-practise__response--good").get_text())
        bad = words(answer.select_one(".playbook-practise__response--bad").get_text())
        assert good.startswith("Say instead:") and bad.startswith("Don\u2019t say:")
        for response, shown in [(principle.good_response, good), (principle.bad_response, bad)]:
            assert words(response.says) in shown
            assert words(response.why) in shown
        # The choices are made in the browser from these rendered responses, never from HTML strings.
        assert block.select("button") == []


def test_the_practise_script_and_styles_are_served_on_every_principle_page(site: Path, principles) -> None:
    soup = page(site, principles[0].url)
    assert soup.find("script", src="../../assets/playbook/practise.js") is not None
    assert soup.find("link", href="../../assets/playbook/practise.css") is not None
    script = (site / "assets/playbook/practise.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "playbook.practised" in script


def test_the_practise_block_is_left_out_of_search(site: Path, principles) -> None:
    """The block repeats the page as a question: a search must land on the answer, not on the quiz."""
    fragments = [
        gzip.decompress(path.read_bytes()).decode("utf-8")
        for path in (site / BUNDLE_DIR / "fragment").glob("*.pf_fragment")
    ]
    principle_fragments = [text for text in fragments if '"url":"/principles/' in text]
    assert len(principle_fragments) >= len(principles)
    for text in principle_fragments:
        assert QUESTION not in text and "#practise" not in text and "Say instead:" not in text

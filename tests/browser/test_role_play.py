"""Practice beyond the drill, in Chromium at 390x844 and 1280x800: the drill links on tag, path and
principle pages, the role-play cards (/practice/role-play/) filtered by tag and path and printed on A4
with every card whole, and a path's printed handout with every step whole."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from playbook.core.formats.loader import load_principles
from playbook.core.formats.paths import read_paths
from playbook.core.site.theme_text import typographic_quotes

from support import ROOT

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PRINCIPLES = load_principles(ROOT / "principles", root=ROOT)
PATH = read_paths(ROOT / "principles", {principle.id for principle in PRINCIPLES}, root=ROOT)[0][0]
ROLE_PLAY = "practice/role-play/"
PAIRS = ".playbook-role-play__pair"
NO_SPACE = re.compile(r"\s+")


@pytest.fixture
def window(browser: Browser) -> Iterator[Callable[..., Page]]:
    contexts = []

    def open_window(viewport: str, *, javascript: bool = True) -> Page:
        context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_window
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_tag_path_and_principle_pages_open_their_drill(
    window: Callable[..., Page], base_url: str, viewport: str
) -> None:
    page = window(viewport)
    page.goto(base_url + "tags/trust/")
    page.get_by_role("link", name="Drill this tag").click()
    page.wait_for_url("**/practice/?tag=trust")
    page.goto(base_url + f"paths/{PATH.id}/")
    page.get_by_role("link", name="Drill this path").click()
    page.wait_for_url(f"**/practice/?path={PATH.id}")
    page.goto(base_url + "principles/lower-your-shields/")
    link = page.get_by_role("link", name="Drill this principle")
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/practice/?principle=lower-your-shields")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_role_play_cards_filter_by_tag_and_by_path(
    window: Callable[..., Page], base_url: str, viewport: str
) -> None:
    page = window(viewport)
    page.goto(base_url + ROLE_PLAY)
    pairs = page.locator(PAIRS)
    expect(pairs.filter(visible=True)).to_have_count(len(PRINCIPLES))
    status = page.locator(".playbook-role-play__status")
    expect(status).to_have_text(f"All {len(PRINCIPLES)} pairs of cards.")

    trust = [principle for principle in PRINCIPLES if "trust" in principle.tags]
    assert trust, "no principle is tagged trust: the filter checked below would show nothing"
    page.locator(".playbook-role-play__filter").get_by_role("link", name="Trust").click()
    page.wait_for_url("**/practice/role-play/?tag=trust")
    expect(pairs.filter(visible=True)).to_have_count(len(trust))
    for principle in trust:
        expect(page.locator(f"#role-play-{principle.id}")).to_be_visible()
    expect(status).to_have_text(f"{len(trust)} of {len(PRINCIPLES)} pairs of cards: Trust.")
    expect(page.locator("[aria-current='true']")).to_have_text("Trust")

    page.locator(".playbook-role-play__filter").get_by_role("link", name=PATH.title).click()
    page.wait_for_url(f"**/practice/role-play/?path={PATH.id}")
    expect(pairs.filter(visible=True)).to_have_count(len(PATH.steps))

    page.goto(base_url + ROLE_PLAY + "?tag=__proto__")  # not a tag: every card, nothing broken
    expect(pairs.filter(visible=True)).to_have_count(len(PRINCIPLES))


def test_without_javascript_every_card_shows_and_no_filter(
    window: Callable[..., Page], base_url: str
) -> None:
    page = window("phone", javascript=False)
    page.goto(base_url + ROLE_PLAY + "?tag=trust")
    expect(page.locator(PAIRS).filter(visible=True)).to_have_count(len(PRINCIPLES))
    expect(page.locator(".playbook-role-play__filter")).to_be_hidden()


def squeezed(text: str) -> str:
    """Text without any white space: PDF text extraction breaks lines where the layout did."""
    return NO_SPACE.sub("", text)


def pdf_pages(page: Page) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return [squeezed(sheet.extract_text() or "") for sheet in reader.pages]


def pages_holding(pages: list[str], text: str) -> list[int]:
    return [number for number, sheet in enumerate(pages) if squeezed(text) in sheet]


def test_the_role_play_cards_print_whole_with_a_cut_line(window: Callable[..., Page], base_url: str) -> None:
    page = window("desktop")
    page.goto(base_url + ROLE_PLAY)
    pages = pdf_pages(page)
    page.emulate_media(media="print")
    cards = page.locator(".playbook-role-play__card")
    assert cards.count() == 2 * len(PRINCIPLES)
    for card in cards.all():
        lines = [line for line in card.inner_text().splitlines() if line.strip()]
        first, last = pages_holding(pages, lines[0]), pages_holding(pages, lines[-1])
        assert first and first == last, (lines[0], first, last)  # the whole card on one sheet
    cut = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.playbook-role-play__card--coach'),"
        " '::before'); return [s.content, s.borderTopStyle]; })()"
    )
    assert cut == ['"✂"', "dashed"]
    assert not any("Showthecardsfor" in sheet or "AllPrinciples" in sheet.title() for sheet in pages)


def text_rows(sheet) -> list[tuple[str, float]]:
    """Each piece of text on the sheet (without white space), with its height (points from the bottom)."""
    rows: list[tuple[str, float]] = []

    def visit(text: str, matrix, text_matrix, font, size) -> None:
        if text.strip():
            rows.append((squeezed(text), text_matrix[5] * matrix[3] + matrix[5]))

    sheet.extract_text(visitor_text=visit)
    return rows


def test_the_path_handout_keeps_each_step_whole_with_dont_say_and_the_customer_lines(
    window: Callable[..., Page], base_url: str
) -> None:
    page = window("desktop")
    page.goto(base_url + f"paths/{PATH.id}/")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    pages = [squeezed(sheet.extract_text() or "") for sheet in reader.pages]
    page.emulate_media(media="print")
    steps = page.locator(".playbook-path-handout__step")
    assert steps.count() == len(PATH.steps)
    starts = []
    for step in steps.all():
        text = step.inner_text()
        assert all(
            typographic_quotes(label) in text for label in ("Don't say:", "Say instead:", "You'll hear:")
        )
        lines = [line for line in text.splitlines() if line.strip()]
        first, last = pages_holding(pages, lines[0]), pages_holding(pages, lines[-1])
        assert first and first == last, (lines[0], first, last)  # never across two sheets
        starts.append(first[0])
    by_id = {principle.id: principle for principle in PRINCIPLES}
    for step in PATH.steps:
        for line in by_id[step.principle].customer_says:
            assert pages_holding(pages, typographic_quotes(line)), line
    # A sheet is left more than half empty only when the step that starts the next one would not fit.
    height = float(reader.pages[0].mediabox.height)
    titles = [
        squeezed(f"{number}. {by_id[step.principle].title}")[:12] for number, step in enumerate(PATH.steps, 1)
    ]
    for number in range(len(reader.pages) - 1):
        empty = min(y for _, y in text_rows(reader.pages[number]))  # the sheet's foot up to its lowest text
        if number + 1 not in starts or empty < height / 2:
            continue
        moved = starts.index(number + 1)  # the step that opens the next sheet, and where it ends there
        following = text_rows(reader.pages[number + 1])
        top = max(y for text, y in following if titles[moved] in text)
        after = [y for text, y in following if moved + 1 < len(titles) and titles[moved + 1] in text]
        bottom = min(y for _, y in following if not after or y > max(after))
        assert empty < top - bottom, (
            f"sheet {number + 1} is {empty / height:.0%} empty; the next step would fit"
        )

"""Site search: a Pagefind index of the built site, written beside the pages after every build.

Material's built-in search (Lunr) drops a query as soon as one of its words appears nowhere in the
playbook, and cannot leave parts of a page out of the index. Pagefind ranks partial matches,
stems words (price, prices), treats straight and typographic apostrophes alike, and indexes only
what the theme marks with `data-pagefind-body` (theme/main.html), less the parts named here. The
browser side is assets/search.js, in Material's own search box; nothing comes from another host.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pagefind.service import get_executable

from ..model.principle import Principle
from ..model.sections import ANCHORS
from .addresses import principle_src_uri
from .practice import plain_text
from .theme_text import typographic_quotes

if TYPE_CHECKING:
    from .assemble import Playbook

BUNDLE_DIR = "pagefind"
"""Where the index lands in the site: `<site>/pagefind/pagefind.js` and its chunks."""

LEFT_OUT = (
    ".md-content__button",  # "Edit this page"
    ".md-tags",
    ".headerlink",  # the ¶ after each heading
    "nav",
)
"""The theme's parts a rep never searches for: its navigation and links around the content. Our
templates mark their own such parts where they write them (`data-pagefind-ignore="all"`)."""

LANGUAGE = "en"
"""One index for the whole playbook, whatever language a page declares."""


class SearchIndexError(Exception):
    """The index could not be built: the engine adapter stops the build with this message."""


PRINCIPLE = "principle"
"""The `kind` a principle page carries in the index; search.js ranks these above every other page."""


OPENING_LENGTH = 200
"""About how much of the good response a principle's result shows after "Say instead:"."""


def opening(text: str, limit: int = OPENING_LENGTH) -> str:
    """The start of `text`, cut at a word near `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def result_meta(principle: Principle, titles: Mapping[str, str]) -> dict[str, str]:
    """What a principle's search result shows, carried in the index as Pagefind meta (theme/main.html
    writes it on principle pages only, so no hand-written page can pass for a principle's answer):
    `says0`, `says1`… its customer lines, `summary`, `say_instead` (the good response's opening) and
    `answer`, the section a result opens. search.js shows the line the query matched, else the summary.
    The text has typographic quotes, as the pages do (theme_text.typographic_quotes)."""
    meta = {
        "summary": typographic_quotes(plain_text(principle.summary, titles)),
        "say_instead": opening(typographic_quotes(plain_text(principle.good_response.says, titles))),
        "answer": ANCHORS.good_response,
    }
    for number, line in enumerate(principle.customer_says):
        meta[f"says{number}"] = typographic_quotes(" ".join(plain_text(line, titles).split()))
    return meta


def search_results(playbook: Playbook) -> dict[str, dict[str, str]]:
    """Each principle page's `result_meta`, by its `src_uri`: computed once per build."""
    titles = {principle.id: principle.title for principle in playbook.principles}
    return {
        principle_src_uri(principle.id): result_meta(principle, titles) for principle in playbook.principles
    }


PAGE_META_KEY = "playbook_search"
"""The page meta field theme/main.html reads the search marks from: `kind`, and on a principle `result`.
The plugin sets it on every page it renders, the Markdown export writes it into a principle page's
front matter (an engine with no plugin builds that); a docs page may not set it
(core/checks/front_matter.py)."""


def page_search_meta(results: Mapping[str, Mapping[str, str]], src_uri: str) -> dict[str, object]:
    """The value of `PAGE_META_KEY` for the page at `src_uri`, given this build's `search_results`."""
    result = results.get(src_uri)
    if result is None:
        return {"kind": "page"}
    return {"kind": PRINCIPLE, "result": dict(result)}


def pagefind_executable() -> Path:
    """pagefind-bin's binary, or PAGEFIND_BINARY_PATH, or one on PATH."""
    executable = get_executable()
    if executable is None:
        raise SearchIndexError(
            "site search needs the pagefind binary: `.venv/bin/pip install -r requirements.lock` "
            "installs it (pagefind-bin), or set PAGEFIND_BINARY_PATH"
        )
    return executable


def pagefind_command(site_dir: Path) -> list[str]:
    return [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--exclude-selectors",
        ", ".join(LEFT_OUT),
        "--force-language",
        LANGUAGE,
        "--silent",
    ]


def index_site(site_dir: Path) -> None:
    """Index the pages just written to `site_dir`; a failure stops the build like any plugin error."""
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        code = result.returncode
        raise SearchIndexError(f"the search index could not be built (pagefind exited {code}): {output}")
    remove_unused_ui(site_dir)


UNUSED_UI = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
"""Pagefind's own search interfaces, written beside every index: search.js uses only `pagefind.js`."""


def remove_unused_ui(site_dir: Path) -> None:
    """Delete Pagefind's unused interface files from a finished index (every engine's build and the
    preview run it after Pagefind), so no site publishes, and no service worker stores, 400 KB of them."""
    for name in UNUSED_UI:
        (site_dir / BUNDLE_DIR / name).unlink(missing_ok=True)

"""The finder on a hand-written page (the home page): a search field and the most common customer lines.

A docs page asks for it with `<!-- playbook:finder -->`; the plugin and the Markdown export both put
templates/finder.md.jinja in its place, from the playbook (customer_says.common_lines), with links
written from that page. Hand-written pages may not write the `playbook-finder` classes themselves
(page_markup.py), so a page carries them only where this put them, and only there the theme loads
finder.js (theme/main.html).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.sections import ANCHORS
from .addresses import CUSTOMER_SAYS_SRC_URI, PageLinks
from .customer_says import common_lines

if TYPE_CHECKING:
    from .assemble import Playbook
    from .render import PageRenderer

FINDER_MARKER = "<!-- playbook:finder -->"
FINDER_CLASS = "playbook-finder"
"""What the theme looks for in a hand-written page's content to load the finder's script and styles."""


def fill_finder(markdown: str, src_uri: str, playbook: Playbook, renderer: PageRenderer) -> str:
    """`markdown` (a docs page at `src_uri`) with its finder marker replaced by the finder."""
    if FINDER_MARKER not in markdown:
        return markdown
    labels = {tag: declared.label for tag, declared in playbook.vocabulary.items()}
    finder = renderer.render(
        "finder.md.jinja",
        {
            "families": common_lines(playbook.principles, labels),
            "links": PageLinks(src_uri),
            "anchors": ANCHORS,
            "customer_says": CUSTOMER_SAYS_SRC_URI,
        },
    )
    return markdown.replace(FINDER_MARKER, finder)

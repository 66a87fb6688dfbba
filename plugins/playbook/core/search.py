"""Site search: a Pagefind index of the built site, written beside the pages after every build.

Material's built-in search (Lunr) drops a query as soon as one of its words appears nowhere in the
playbook, and cannot leave parts of a page out of the index. Pagefind ranks partial matches,
stems words (price, prices), treats straight and typographic apostrophes alike, and indexes only
what the theme marks with `data-pagefind-body` (theme/main.html), less the parts named here. The
browser side is assets/search.js, in Material's own search box; nothing comes from another host.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind.service import get_executable

BUNDLE_DIR = "pagefind"
"""Where the index lands in the site: `<site>/pagefind/pagefind.js` and its chunks."""

LEFT_OUT = (
    ".playbook-tags",  # tag chips
    ".playbook-related",
    ".playbook-referenced-by",
    ".playbook-source",  # source and owner lines
    ".playbook-review",
    ".playbook-pager",  # previous / next
    ".playbook-jump",  # the phone jump bar
    ".playbook-path-step",  # "Step 2 of 5 in First week", shown only when opened from a path
    ".playbook-copy-link",
    ".playbook-practise",  # the situation and responses again, as a question
    ".md-content__button",  # "Edit this page"
    ".md-tags",
    ".headerlink",  # the ¶ after each heading
    "nav",
)
"""What a rep never searches for: navigation and link lists around the content."""


class SearchIndexError(Exception):
    """The index could not be built: the engine adapter stops the build with this message."""


PRINCIPLE = "principle"
"""The `kind` a principle page carries in the index; search.js ranks these above every other page."""


def pagefind_command(site_dir: Path) -> list[str]:
    executable = get_executable()  # pagefind-bin's binary, or PAGEFIND_BINARY_PATH, or one on PATH
    if executable is None:
        raise SearchIndexError(
            "site search needs the pagefind binary: `.venv/bin/pip install -r requirements.lock` "
            "installs it (pagefind-bin), or set PAGEFIND_BINARY_PATH"
        )
    return [
        str(executable),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--exclude-selectors",
        ", ".join(LEFT_OUT),
        "--force-language",
        "en",
        "--silent",
    ]


def index_site(site_dir: Path) -> None:
    """Index the pages just written to `site_dir`; a failure stops the build like any plugin error."""
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        code = result.returncode
        raise SearchIndexError(f"the search index could not be built (pagefind exited {code}): {output}")

"""Hand-written Markdown pages under docs/, read once per build: their text and their titles."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ..model.docs_page import DocsPage
from ..sources.errors import InputProblem
from ..sources.source_files import PAGE_LIMIT, DocsRules, docs_pages, read_source

_ATX_HEADING_START = re.compile(r"^#[ \t]", re.MULTILINE)


def read_docs_pages(
    docs_dir: Path, root: Path, rules: DocsRules | None = None
) -> tuple[list[DocsPage], list[InputProblem]]:
    """Every hand-written Markdown page, read once, so references are checked before the build writes;
    and a problem for every file of docs/ that must not be published (see source_files)."""
    sources, problems = docs_pages(docs_dir, root, rules or DocsRules())
    pages = []
    for source in sources:
        raw, read_problems = read_source(source.path, source.file, PAGE_LIMIT)
        problems.extend(read_problems)
        if raw is not None:
            markdown = raw.decode("utf-8-sig", errors="replace")
            pages.append(
                DocsPage(source.src_uri, page_title(markdown, source.src_uri), markdown, source.file)
            )
    return pages, problems


def page_title(markdown: str, src_uri: str) -> str:
    """The front matter's `title`, else the first `# heading`, else the file name. Read line by line:
    a pattern with two open-ended parts on one line took minutes on a long line of spaces."""
    title = _front_matter_title(markdown) or _first_heading(markdown)
    if title:
        return title
    name = posixpath.splitext(posixpath.basename(src_uri))[0]
    return name.replace("-", " ").replace("_", " ").capitalize()


def _front_matter_title(markdown: str) -> str | None:
    lines = markdown.split("\n", 1)
    if lines[0].rstrip() != "---" or len(lines) == 1:
        return None
    for line in lines[1].split("\n"):
        line = line.rstrip()
        if line in ("---", "..."):
            return None
        if line.startswith("title:"):
            title = line.removeprefix("title:").strip().strip("'\"").strip()
            return title or None
    return None


def _first_heading(markdown: str) -> str | None:
    for start in _ATX_HEADING_START.finditer(markdown):
        end = markdown.find("\n", start.end())
        line = markdown[start.end() : end if end != -1 else len(markdown)]
        title = line.strip().rstrip("#").strip()
        if title:
            return title
    return None

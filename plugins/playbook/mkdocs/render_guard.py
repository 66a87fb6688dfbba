"""A page that fails to render becomes a problem naming the file to fix, never a traceback.

Text that passed every check can still break Python-Markdown (a RecursionError on lists nested
thousands deep, a bug in an extension). MkDocs would print a traceback and stop, and `mkdocs serve`
would exit or stick. Around each page's render, the failure is caught and reported once per build
with the principle's YAML file (or the docs page); a preview keeps the page's last good version.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from ..core.formats.loader import display_path
from ..core.sources.errors import InputProblem

MAX_ERROR_TEXT = 200


@dataclass(frozen=True)
class RenderedPage:
    """What `Page.render` produces that the theme and MkDocs' checks read afterwards."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None


def error_text(error: BaseException) -> str:
    first_line = (str(error).strip().splitlines() or [""])[0][:MAX_ERROR_TEXT]
    return f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


class RenderGuard:
    """Catches render failures during one build; kept across `mkdocs serve` rebuilds for the last
    good version of each page."""

    def __init__(self) -> None:
        self.last_good: dict[str, RenderedPage] = {}
        self.serving = False
        self.root = Path()
        self.config_file = "mkdocs.yml"
        self.sources: dict[str, Path | None] = {}
        self.failures: list[tuple[InputProblem | None, str, str]] = []

    def start(self, *, serving: bool, config_file: Path, sources: dict[str, Path | None]) -> None:
        """Begin a build. `sources`: each generated page and the principle file it shows, if one."""
        self.serving = serving
        self.root = config_file.parent
        self.config_file = display_path(config_file, self.root)
        self.sources = sources
        self.failures = []

    def keep_only(self, src_uris: Collection[str]) -> None:
        """Forget the last good version of every page this build no longer has (a deleted principle)."""
        self.last_good = {src_uri: page for src_uri, page in self.last_good.items() if src_uri in src_uris}

    def guard(self, page: Page) -> None:
        """Route this page's render through `render`, which contains any failure."""
        unguarded = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            self.render(page, unguarded, config, files)

        # type-ignored: this one page's method, replaced on the instance, which MkDocs calls
        page.render = render  # type: ignore[method-assign]

    def render(self, page: Page, unguarded: Callable[..., Any], config: MkDocsConfig, files: Files) -> None:
        try:
            unguarded(config, files)
        except Exception as error:
            self.failures.append((self.problem(page, error), page.file.src_uri, error_text(error)))
            self.fall_back(page)
            return
        if self.serving:
            self.last_good[page.file.src_uri] = RenderedPage(
                page.content or "", page.toc, page._title_from_render, page.present_anchor_ids
            )

    def problem(self, page: Page, error: Exception) -> InputProblem | None:
        """The file a contributor fixes; None for a generated page that shows many principles."""
        fix = "simplify its Markdown (deeply nested lists or quotes, for example) and build again"
        message = f"the page could not be rendered ({error_text(error)}); {fix}"
        src_uri = page.file.src_uri
        if src_uri not in self.sources:
            return InputProblem(
                display_path(Path(page.file.abs_src_path or src_uri), self.root), 1, 1, "", message
            )
        source = self.sources[src_uri]
        if source is None:
            return None
        return InputProblem(display_path(source, self.root), 1, 1, "", message)

    def fall_back(self, page: Page) -> None:
        """The page's last good version in a preview, else an empty page (the build stops anyway)."""
        last = self.last_good.get(page.file.src_uri) if self.serving else None
        page.content = last.content if last else ""
        page.toc = last.toc if last else get_toc([])
        page._title_from_render = last.title if last else None
        page.present_anchor_ids = last.anchors if last else None
        page.links_to_anchors = None

    def problems(self) -> list[InputProblem]:
        """One problem per file. A page showing many principles is named only when no principle page
        failed: then the cause is not in one principle (a template, a Markdown extension)."""
        named = {problem for problem, _, _ in self.failures if problem is not None}
        if named:
            return sorted(named)
        return [
            InputProblem(
                self.config_file,
                1,
                1,
                "",
                f"the generated page {src_uri} could not be rendered ({error}); "
                "check the page templates and the Markdown extensions configured here",
            )
            for problem, src_uri, error in self.failures
        ]


def failure_report(problems: list[InputProblem]) -> str:
    """What `mkdocs build` prints: every problem, then what to do."""
    count = f"{len(problems)} page{'s' if len(problems) != 1 else ''}"
    what = "it" if len(problems) == 1 else "them"
    lines = "\n".join(str(problem) for problem in problems)
    return f"{lines}\n{count} could not be rendered; fix {what} and build again."

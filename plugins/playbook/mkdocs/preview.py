"""Serve-mode state: a rebuild writes only the pages an edit changed, and search follows in the background.

`mkdocs serve --dirty` (what `make serve` runs) keeps the site folder between rebuilds and skips
every page whose `File.is_modified()` is False. A generated file is always "modified" to MkDocs, so
each generated file here is a `PreviewFile` that says whether it is the same as when it was last
written: the same final Markdown (with `[[id]]` links resolved, so a changed title shows on every
page that links to it), the same edit link and place in the nav, and the same things every page
shares (the config, the nav's pages and titles, the problem banner, the theme overrides). A
principle's edit then rebuilds its page, the index pages, its tag pages, the pages whose backlinks
or related lists name it, and the hand-written pages (always: they are few and may link to it);
the rest keep their HTML. Files the playbook no longer generates are deleted, so a removed
principle's page is gone. Any doubt (a failed build, a page that failed to render) makes the next
rebuild a full one.

Without `--dirty` MkDocs cleans the folder and renders every page; the skip is never consulted.
`mkdocs build` is never affected: it does not keep this object between builds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands import build as build_command
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from watchdog.observers.polling import PollingObserver

from ..core.formats.loader import FileReading
from ..core.site.search import SearchIndexError, pagefind_command, remove_unused_ui
from ..core.sources.parse_cache import ParseCache
from .table_rows import TableRows

log = get_plugin_logger(__name__)

DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' warning on every `--dirty` build; the preview keeps every page right."""
_NAV_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)
POLL_SECONDS = 0.2
"""How often the principles folder is looked at for saves (MkDocs looks at its folders every 0.5 s)."""


class PreviewFile(File):
    """A generated file that MkDocs may skip in a `--dirty` rebuild when it is unchanged."""

    unchanged = False
    """Set by `Preview.plan_writes`: the same as when it was last written to the site folder."""

    def is_modified(self) -> bool:
        return not self.unchanged


def _always_modified() -> bool:
    return True


def _digest(*parts: str | bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns on every `--dirty` build that links may be wrong; the preview keeps them right
    (and under `--strict` the warning would abort every rebuild)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


_DROP_DIRTY_WARNING = _DropDirtyWarning()
"""The one filter a preview puts on the engine's build logger, taken off again when it stops."""


@dataclass
class IndexRun:
    """One Pagefind run, and whether the preview stopped it (then its exit is not reported)."""

    process: subprocess.Popen[str]
    stopped: bool = False


class BackgroundIndex:
    """Pagefind over the site after a preview's pages are served; stopped before the next build writes.
    Only the current run is kept: a stopped one is forgotten once its output is read."""

    def __init__(self) -> None:
        self.run: IndexRun | None = None

    def start(self, site_dir: Path) -> None:
        try:
            command = pagefind_command(site_dir)
        except SearchIndexError as error:
            log.error(str(error))
            return
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.run = IndexRun(process)
        threading.Thread(target=self._report, args=(self.run, site_dir), daemon=True).start()

    @staticmethod
    def _report(run: IndexRun, site_dir: Path) -> None:
        process = run.process
        output, _ = process.communicate()
        if run.stopped:
            return
        if process.returncode != 0:
            code = process.returncode
            log.error(f"the search index could not be built (pagefind exited {code}): {output.strip()}")
        else:
            remove_unused_ui(site_dir)
            log.info("Search index updated")

    def stop(self) -> None:
        """End an index still being written: the next build is about to change the pages under it."""
        run, self.run = self.run, None
        if run is not None and run.process.poll() is None:
            run.stopped = True
            run.process.terminate()
            run.process.wait()


class Preview:
    """What `mkdocs serve` keeps between rebuilds: file readings, what each generated file was when
    written, and the search indexer."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.parse_cache: ParseCache[FileReading] = ParseCache()
        self.index = BackgroundIndex()
        self.observer: PollingObserver | None = None
        self.table_rows = TableRows()
        self._written: dict[str, bytes] = {}
        """src_uri -> fingerprint of each generated file as the last good build wrote it."""
        self._outputs: dict[str, str] = {}
        """src_uri -> where the last good build wrote it."""
        self._site_key: bytes | None = None
        self._planned: dict[str, bytes] = {}
        self._planned_outputs: dict[str, str] = {}
        self._planned_site_key: bytes | None = None
        self.skipped = 0
        """Generated files left as they were in the last rebuild (for tests and the benchmark)."""

    def start(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        if self.dirty:
            # The engine's own build logger: `mkdocs.commands.build`, or ProperDocs' under its name.
            build_command.log.addFilter(_DROP_DIRTY_WARNING)  # once, however many previews start

    def begin_build(self) -> None:
        """Before anything reads or writes the site folder: no indexer may still be at work in it."""
        self.index.stop()

    def plan_writes(
        self,
        files: Files,
        config: MkDocsConfig,
        resolve: Callable[[str, str], str],
        added_to_html: Mapping[str, str],
    ) -> None:
        """Mark each generated file that is as it was last written; delete the files no longer made.

        `resolve(markdown, src_uri)`: the page's Markdown as MkDocs will render it (`[[id]]` links).
        `added_to_html`: what the plugin adds to a page's HTML beyond its Markdown (the drill's data)."""
        if not self.serving:  # `mkdocs build` writes every page, and keeps nothing for a next build
            return
        self.table_rows.keep_only({file.src_uri for file in files if file.is_documentation_page()})
        docs_dir = config.docs_dir
        generated = [file for file in files if isinstance(file, PreviewFile)]
        hand_written = [file for file in files if file.src_dir == docs_dir and file.is_documentation_page()]
        site_key = self._site_key_of(config, generated, hand_written)
        self._planned_site_key = site_key
        self._planned = {}
        self._planned_outputs = {}
        self.skipped = 0
        same_site = self.dirty and site_key == self._site_key
        for file in generated:
            fingerprint = self._fingerprint(file, resolve, added_to_html.get(file.src_uri, ""))
            self._planned[file.src_uri] = fingerprint
            self._planned_outputs[file.src_uri] = file.abs_dest_path
            file.unchanged = same_site and self._written.get(file.src_uri) == fingerprint
            self.skipped += file.unchanged
        if not self.dirty:
            return
        log.info(f"{len(generated) - self.skipped} generated files to write, {self.skipped} unchanged kept")
        for page_file in hand_written:  # they may link to any principle by its title: rebuilt every time
            # type-ignored: this one file's method, replaced on the instance, which MkDocs asks
            page_file.is_modified = _always_modified  # type: ignore[method-assign]
        self._remove_outputs(
            path for src_uri, path in self._outputs.items() if src_uri not in self._planned_outputs
        )

    def reuse_rows(self, page: Page) -> None:
        """In a preview, a listing page (one that shows no single file: the index, Do / Don't, tag
        pages) renders only its new table rows (table_rows.py)."""
        if self.serving and isinstance(page.file, PreviewFile) and page.file.edit_uri is None:
            self.table_rows.reuse_rows(page)

    def _site_key_of(
        self, config: MkDocsConfig, generated: list[PreviewFile], hand_written: list[File]
    ) -> bytes:
        """What every page shows whichever page it is: a change here rebuilds every page."""
        parts: list[str | bytes] = [
            Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
            json.dumps(config.extra, sort_keys=True, default=str),  # the problem banner is here
            json.dumps(config.nav, default=str),
        ]
        for file in sorted(hand_written, key=lambda file: file.src_uri):
            parts += [file.src_uri, file.content_bytes]
        for file in generated:
            if file.is_documentation_page() and not file.inclusion.is_not_in_nav():
                title = _NAV_TITLE.search(file.content_string)
                parts += [file.src_uri, title[1] if title else ""]
        custom_dir = config.theme.custom_dir
        if custom_dir:
            for folder, _, names in sorted(os.walk(custom_dir)):
                for name in sorted(names):
                    stat = os.stat(os.path.join(folder, name))
                    parts.append(f"{folder}/{name} {stat.st_mtime_ns} {stat.st_size}")
        return _digest(*parts)

    @staticmethod
    def _fingerprint(file: PreviewFile, resolve: Callable[[str, str], str], added: str) -> bytes:
        if file.is_documentation_page():
            markdown = resolve(file.content_string, file.src_uri)
            return _digest(markdown, str(file.edit_uri), file.inclusion.name, added)
        return _digest(file.content_bytes)

    def _remove_outputs(self, paths: Iterable[str]) -> None:
        """A page the playbook no longer makes (a deleted principle, a dropped alias or tag): 404."""
        for path in paths:
            try:
                os.remove(path)
            except FileNotFoundError:
                continue
            with contextlib.suppress(OSError):  # its folder, when the page was the only file in it
                os.rmdir(os.path.dirname(path))

    def built(self, site_dir: Path, failed: Iterable[str]) -> None:
        """The build succeeded: remember what was written; index the site for search meanwhile."""
        if not self.serving:
            return
        failed = set(failed)
        if failed:  # pages that fell back to their last good version, and a banner not on every page
            self.forget()
        else:
            self._written = self._planned
            self._outputs = self._planned_outputs
            self._site_key = self._planned_site_key
        self.index.start(site_dir)

    def forget(self) -> None:
        """After a failed build nothing on disk can be trusted: the next rebuild writes every page."""
        self._outputs = {**self._outputs, **self._planned_outputs}  # still ours to delete
        self._written, self._site_key = {}, None

    def watch_quickly(self, server: LiveReloadServer, folder: str) -> None:
        """Rebuild on a save in `folder` within POLL_SECONDS rather than MkDocs' 0.5 s.

        `server.watch` still makes the watch and its callback (which asks the server to rebuild);
        only while it runs is the server's observer swapped for one of ours that polls faster.
        Polling, like MkDocs, so saves on network and container mounts are seen too."""
        observer = PollingObserver(timeout=POLL_SECONDS)
        usual, server.observer = server.observer, observer
        try:
            server.watch(folder)
        finally:
            server.observer = usual
        observer.start()
        self.observer = observer

    def shutdown(self) -> None:
        build_command.log.removeFilter(_DROP_DIRTY_WARNING)
        self.index.stop()
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()

"""Edit-to-reload of the preview: from saving a principle file to its new HTML being served.

Used by bench.py. It starts `mkdocs serve` with the arguments `make serve` passes (read from the
Makefile) on a synthetic playbook, waits for it, then several times writes a changed title into one
principle and polls that principle's address until the new title is served. Each time counts the
whole loop a contributor waits for: MkDocs noticing the save, the rebuild, and the page written.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {100: 0.5, 1000: 1.5}
"""Seconds from the save to the new page, at most (the median of the edits)."""
SEARCH_DONE = "Search index updated"
POLL_SECONDS = 0.05
"""How often the page is asked for: often enough to time it, rarely enough not to slow the server."""
_TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)


def make_serve_arguments(makefile: Path = ROOT / "Makefile") -> list[str]:
    """The arguments `make serve` gives `mkdocs`, without its address (a free port is used here)."""
    recipe = re.search(r"^serve:.*\n\t\$\(BIN\)/mkdocs (.+)$", makefile.read_text(), re.MULTILINE)
    if recipe is None:
        raise SystemExit(f"{makefile}: no `serve:` recipe running $(BIN)/mkdocs")
    arguments = shlex.split(recipe[1])
    if "--dev-addr" in arguments:
        at = arguments.index("--dev-addr")
        del arguments[at : at + 2]
    return arguments


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Preview:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.read().decode()
        except OSError:  # not served yet, 404, or busy past the timeout
            return ""

    def wait_for(self, what: str, condition: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped:\n{self.output()[-3000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {what}:\n{self.output()[-3000:]}")
            time.sleep(POLL_SECONDS)

    def indexes_done(self) -> int:
        return self.output().count(SEARCH_DONE)

    def settle(self, indexes_done: int, *, timeout: float = 120) -> None:
        """Wait for the search index of the last build, so that it never competes with the next edit.
        A plugin that indexes inside the build never says so: then wait a second."""
        try:
            self.wait_for("the search index", lambda: self.indexes_done() > indexes_done, timeout)
        except TimeoutError:
            time.sleep(1.0)


def start_preview(folder: Path) -> Preview:
    port = free_port()
    log = folder / "serve.log"
    command = [sys.executable, "-m", "mkdocs", *make_serve_arguments(), "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command,
        cwd=folder,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    preview = Preview(process, f"http://127.0.0.1:{port}/", log)
    preview.wait_for("the server to start", lambda: "Serving on" in preview.output(), 600)
    return preview


def _serves(preview: Preview, address: str, text: str) -> bool:
    return text in preview.get(address)


def edit_to_reload(folder: Path, edits: int) -> list[float]:
    """Seconds from each title edit's save to its page served with the new title."""
    preview = start_preview(folder)
    try:
        preview.settle(0, timeout=60)
        background_index = preview.indexes_done() > 0
        files = sorted(
            path for path in (folder / "principles").glob("*.yml") if not path.name.startswith("_")
        )
        timings = []
        for edit in range(edits):
            path = files[(edit * 7919) % len(files)]
            title = f"Edited title {secrets.token_hex(4)}"
            text = _TITLE_LINE.sub(f"title: {title}", path.read_text(encoding="utf-8"), count=1)
            address = f"principles/{path.stem}/"
            written = folder / "edit.tmp"  # outside the watched folders: only the save is seen
            written.write_text(text, encoding="utf-8")
            indexes = preview.indexes_done()
            start = time.perf_counter()
            os.replace(written, path)  # one save, as an editor does it
            served = partial(_serves, preview, address, title)
            preview.wait_for(f"the new title of {address}", served, 120)
            timings.append(time.perf_counter() - start)
            if background_index:
                preview.settle(indexes)
            else:
                time.sleep(1.0)
        return timings
    finally:
        preview.process.terminate()
        try:
            preview.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            preview.process.kill()


def report_preview(
    sizes: list[int],
    edits: int,
    make_playbook: Callable[[Path, int], None],
    table: Callable[[list[str], list[list[str]]], str],
    verdict: Callable[[str, float, float], list[str]],
) -> list[str]:
    """The edit-to-reload table and a verdict per target size; returns the targets missed."""
    print(f"\nPreview edit to reload (mkdocs {' '.join(make_serve_arguments())}, as `make serve`):")
    print(f"save a new title into one principle, poll its address until served; {edits} edits per size")
    rows, medians = [], {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            make_playbook(Path(temporary), size)
            timings = edit_to_reload(Path(temporary), edits)
        medians[size] = statistics.median(timings)
        target = TARGETS.get(size)
        rows.append(
            [
                f"{size:,}",
                str(edits),
                f"{medians[size]:.2f}",
                f"{max(timings):.2f}",
                f"{target:.2f}" if target else "-",
            ]
        )
    print(table(["principles", "edits", "median s", "max s", "target s (median)"], rows))
    print()
    missed = []
    for size, limit in TARGETS.items():
        if size in medians:
            missed += verdict(f"edit to reload at {size:,}, median s", medians[size], limit)
    return missed

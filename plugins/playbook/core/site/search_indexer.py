"""Pagefind's index made while the engine writes the pages, not after it.

`index_site` (search.py) runs the Pagefind command once every page is on disk, and the build waits
for it as long as it takes. Here each page goes to the same binary in its `--service` mode the moment
the engine has it: Pagefind indexes on a second core while the engine renders the next page, and the
build waits only for the last pages and the writing of the bundle. The index is the command's: the
same options (`LEFT_OUT`, `LANGUAGE`), and each page named by its file in the site, as the
command names it.

The service reads requests and answers on pipes: base64 JSON, each followed by a comma. Pagefind's
Python package has a client, but it is asyncio, and it polls for answers ten times a second, one
answer per poll: 100 s for 1,000 pages. This one writes on one thread and reads on another, so the
build's thread only hands a page over and goes on.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from .search import BUNDLE_DIR, LANGUAGE, LEFT_OUT, UNUSED_UI, SearchIndexError, pagefind_executable

SEPARATOR = b","
"""What ends each message, both ways (base64 never contains it)."""

START_SECONDS = 60.0
"""How long a new, empty index may take before the binary counts as not Pagefind's service (it takes
milliseconds); a binary that never answers would otherwise hold the build forever."""


class SearchIndexer:
    """One build's index of the site in `site_dir`: `add` each page as it is written, then `finish`
    (or `close` on a failed build, which writes nothing)."""

    def __init__(self, site_dir: Path) -> None:
        self._site_dir = site_dir
        site_dir.mkdir(parents=True, exist_ok=True)  # the service's working folder: files are named from it
        # What the service prints, for the error message; open as long as the service runs (close()).
        self._output = tempfile.TemporaryFile()  # noqa: SIM115
        self._executable = pagefind_executable()
        try:
            self._process = subprocess.Popen(
                [self._executable, "--service"],
                cwd=site_dir,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._output,
            )
        except OSError as error:
            self._output.close()
            raise SearchIndexError(f"the search index could not be built: {error}") from None
        self._answers: dict[int, dict[str, Any]] = {}
        self._ended = False
        self._changed = threading.Condition()
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._writer = threading.Thread(target=self._write, name="pagefind-requests", daemon=True)
        self._reader.start()
        self._writer.start()
        self._sent = 0
        self._files: list[int] = []
        config = {"exclude_selectors": list(LEFT_OUT), "force_language": LANGUAGE}  # the command's options
        try:
            answer = self._answer(self._send({"type": "NewIndex", "config": config}), timeout=START_SECONDS)
            if not isinstance(answer.get("index_id"), int):
                raise SearchIndexError(
                    f"the search index could not be started: {self._executable} "
                    "is not Pagefind's service (set PAGEFIND_BINARY_PATH to Pagefind)"
                )
            self._index_id: int = answer["index_id"]
        except SearchIndexError:
            self.close()
            raise

    def add(self, html: str, file_path: str) -> None:
        """Hand Pagefind a page as it will be written at `file_path` in the site (`principles/x/index.html`).
        Pagefind keeps only pages marked `data-pagefind-body`, as the command does."""
        request = {"type": "AddFile", "index_id": self._index_id, "file_path": file_path}
        self._files.append(self._send(request | {"file_contents": html}))

    def finish(self) -> None:
        """Wait for every page, write the bundle to `<site_dir>/pagefind/`, stop the service.

        The service is asked for the bundle's files and this writes them. Its own WriteFiles answers
        before its last writes reach the disk (they finish on a thread of its own), and a service
        stopped then leaves a file cut short: a broken search on the published site."""
        try:
            for message_id in self._files:
                self._answer(message_id)
            bundle = self._ask({"type": "GetFiles", "index_id": self._index_id}).get("files")
        finally:
            self.close()
        if not isinstance(bundle, list) or not bundle:
            raise SearchIndexError("the search index could not be built: Pagefind returned no files")
        for file in bundle:
            write_bundle_file(self._site_dir / BUNDLE_DIR, file)

    def close(self) -> None:
        """Stop the service; safe to call twice, and after the service has died."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.terminate()
        self._process.wait()
        self._writer.join()
        self._reader.join()
        for pipe in (self._process.stdin, self._process.stdout):
            with contextlib.suppress(OSError):  # a request still buffered for a service that exited
                pipe.close()  # type: ignore[union-attr]  # Popen(stdin=PIPE, stdout=PIPE)
        self._output.close()

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        return self._answer(self._send(request))

    def _send(self, payload: dict[str, Any]) -> int:
        self._sent += 1
        message = base64.b64encode(json.dumps({"message_id": self._sent, "payload": payload}).encode())
        self._outbox.put(message + SEPARATOR)
        return self._sent

    def _write(self) -> None:
        stdin = self._process.stdin
        while (message := self._outbox.get()) is not None:
            try:
                stdin.write(message)  # type: ignore[union-attr]  # Popen(stdin=PIPE)
                stdin.flush()  # type: ignore[union-attr]
            except OSError:  # the service has exited: _answer says how
                return

    def _answer(self, message_id: int, timeout: float | None = None) -> dict[str, Any]:
        with self._changed:
            self._changed.wait_for(lambda: message_id in self._answers or self._ended, timeout)
            answer = self._answers.get(message_id)
        if answer is None and not self._ended:
            raise SearchIndexError(
                f"the search index could not be started: {self._executable} did not answer in "
                f"{timeout:g} s (set PAGEFIND_BINARY_PATH to Pagefind, or unset it)"
            )
        if answer is None:
            self._process.wait()
            printed = self._printed()
            raise SearchIndexError(
                f"the search index could not be built (pagefind exited {self._process.returncode})"
                + (f": {printed}" if printed else "")
            )
        if answer.get("type") == "Error":
            raise SearchIndexError(f"the search index could not be built: {answer.get('message', '')}")
        return answer

    def _printed(self) -> str:
        self._output.seek(0)
        return self._output.read().decode(errors="replace").strip()

    def _read(self) -> None:
        pending = b""
        while chunk := self._process.stdout.read1(1 << 16):  # type: ignore[union-attr]  # Popen(stdout=PIPE)
            *messages, pending = (pending + chunk).split(SEPARATOR)
            answers = [decoded(message) for message in messages if message]
            with self._changed:
                for answer in answers:
                    if isinstance(answer, dict) and isinstance(answer.get("message_id"), int):
                        self._answers[answer["message_id"]] = answer.get("payload") or {}
                self._changed.notify_all()
        with self._changed:
            self._ended = True
            self._changed.notify_all()


def decoded(message: bytes) -> Any:
    """One answer; anything else the service prints (it should print nothing else) counts as none."""
    try:
        return json.loads(base64.b64decode(message, validate=True))
    except ValueError:
        return None


def write_bundle_file(bundle_dir: Path, file: Any) -> None:
    """One file of the bundle as the service sends it (`{"path": "fragment/x.pf_fragment", "content":
    base64}`), written under `bundle_dir`; Pagefind's own interfaces are left out (search.UNUSED_UI)."""
    relative = Path(str(file.get("path", "") if isinstance(file, dict) else ""))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise SearchIndexError(f"the search index could not be built: Pagefind returned a file at {relative}")
    if relative.name in UNUSED_UI:
        return
    target = bundle_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(base64.b64decode(file.get("content", "")))

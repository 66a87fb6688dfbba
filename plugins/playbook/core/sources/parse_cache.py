"""A principle file's reading (parse, schema and content checks) reused while its bytes stay the same.

A preview rebuilds after every save, and reading 1,000 principle files is most of a rebuild's own
work, though only one of them changed. The reading of one file depends only on its name and its
bytes, so it is kept under those: a file whose bytes changed is read again, whatever its mtime says.
Checks across files (ids, `related`, tags, links, addresses) are not kept; they run on every build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

Reading = TypeVar("Reading")


class ParseCache(Generic[Reading]):
    """One entry per file: what reading it gave, for as long as its display name and bytes are the same."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[str, bytes, Reading]] = {}
        self.reused = 0
        """Files whose reading was reused in the last load (for tests and the benchmark)."""

    def read(self, path: Path, file: str, raw: bytes, read: Callable[[], Reading]) -> Reading:
        """`read()`'s result for these bytes of `path`, computed only when they are new."""
        digest = hashlib.blake2b(raw, digest_size=20).digest()
        entry = self._entries.get(path)
        if entry is not None and entry[0] == file and entry[1] == digest:
            self.reused += 1
            return entry[2]
        reading = read()
        self._entries[path] = (file, digest, reading)
        return reading

    def start_load(self, paths: list[Path]) -> None:
        """Forget files that are gone, and start counting reuse for a new load."""
        keep = set(paths)
        self._entries = {path: entry for path, entry in self._entries.items() if path in keep}
        self.reused = 0

"""A preview reuses the reading of each principle file whose bytes did not change, never by mtime."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from playbook.core.formats.loader import FileReading, load_principles
from playbook.core.sources.errors import PlaybookInputError
from playbook.core.sources.parse_cache import ParseCache

from support import ROOT


def test_unchanged_files_are_reused_and_changed_bytes_are_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    shutil.copytree(ROOT / "principles", folder)
    cache: ParseCache[FileReading] = ParseCache()
    first = load_principles(folder, root=tmp_path, cache=cache)
    assert cache.reused == 0

    again = load_principles(folder, root=tmp_path, cache=cache)
    assert cache.reused == len(first) and again == first

    path = folder / "guide-dont-get.yml"
    times = path.stat()
    path.write_text(path.read_text().replace('title: Guide, don\'t "get"', "title: Guide, don't pull"))
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))  # same mtime: only the bytes tell
    edited = load_principles(folder, root=tmp_path, cache=cache)
    assert cache.reused == len(first) - 1
    assert "Guide, don't pull" in {principle.title for principle in edited}

    # A file's problems come back on every load while it stays broken, and cross-file checks run
    # over the cached readings every time.
    path.write_text(path.read_text().replace("bad_response:", "bad_respnse:"))
    for _ in range(2):
        with pytest.raises(PlaybookInputError) as raised:
            load_principles(folder, root=tmp_path, cache=cache)
        assert any("bad_respnse: unknown field" in str(problem) for problem in raised.value.problems)
    (folder / "lower-your-shields.yml").unlink()
    with pytest.raises(PlaybookInputError) as raised:
        load_principles(folder, root=tmp_path, cache=cache)
    assert any("lower-your-shields" in str(problem) for problem in raised.value.problems)  # `related`

"""Shared helpers: a valid principle to mutate, and a runner for the real `mkdocs` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playbook.loader import load_principles
from playbook.model import Principle

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"

# Line numbers matter: tests assert the line each error points at.
VALID_PRINCIPLE = """\
# yaml-language-server: $schema=../plugins/playbook/schema/principle.schema.json
id: {id}
title: Listen before you answer
summary: Let the customer finish before you reply.
source:
  title: A post about listening
  author: A. Writer
  date: "2020-01-02"
  url: https://example.com/post
story: |
  A rep learned to wait.
situation: |
  The customer is explaining a problem.
bad_response:
  says: The rep interrupts with a fix.
  why: The customer stops explaining.
good_response:
  says: The rep asks one more question.
  why: The customer feels heard.
takeaways:
  - Wait for the full story.
tags: [listening]
related: []
"""


def principle_text(principle_id: str = "listen-first", **replace: str) -> str:
    """The valid principle, with whole lines swapped: `replace={'tags: [listening]': 'tags: 3'}`."""
    text = VALID_PRINCIPLE.format(id=principle_id)
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def write_principle(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's site sources (config, docs, principles) to build or break."""
    for name in ("mkdocs.yml", "docs", "principles"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


def run_mkdocs(project_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command line, as a contributor would, in `project_dir`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), *args],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def page(site: Path, url: str) -> BeautifulSoup:
    """A built page by its URL, as a reader would request it (`principles/x` -> its index.html)."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's playbook, built once per test run by `mkdocs build --strict`."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def principles() -> list[Principle]:
    """This repository's principles, in index order."""
    return load_principles(ROOT / "principles", root=ROOT)

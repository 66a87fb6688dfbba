"""Test helpers: a valid principle to mutate, the real `mkdocs` command, and built pages."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs", "zensical")
ENGINE = os.environ.get("PLAYBOOK_ENGINE", "mkdocs")
"""The engine the tests build and serve with: MkDocs, ProperDocs (`make test-properdocs`) or Zensical
(`make test-zensical`, which builds the Markdown export with scripts/build_zensical.py and runs the
reader's tests, tests/browser, against it)."""
if ENGINE not in ENGINES:
    raise ValueError(f"PLAYBOOK_ENGINE={ENGINE!r}: expected one of {ENGINES}")
MKDOCS = Path(sys.executable).parent / ("mkdocs" if ENGINE == "zensical" else ENGINE)
"""The engine's command line, from the running environment (.venv, or .venv-properdocs for ProperDocs);
Zensical runs no plugin and no `serve` of ours, so its tests keep MkDocs for everything but the site."""
CHROMIUM = Path("/usr/bin/chromium-headless-shell")
"""Debian's Chromium headless shell: Blink and V8 as in Debian's chromium, without the desktop browser
around them (what Playwright itself runs headless). A new window costs a third of the CPU there, and
the browser tests are most of the suite's time. It shows no tab, so it never asks for a favicon.
The browser tests (tests/browser/conftest.py) and scripts/search_eval.py launch it alike."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Phone(TypedDict):
    """Browser.new_context's keywords for a phone, typed so that `new_context(**PHONE)` is checked."""

    viewport: ViewportSize
    device_scale_factor: float
    is_mobile: bool


PHONE: Phone = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
"""The phone the browser tests and the search benchmark use: 390x844."""

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
customer_says: ["Let me finish, please."]
"""


def principle_text(principle_id: str = "listen-first", **replace: str) -> str:
    """The valid principle, with whole lines swapped: `replace={'tags: [listening]': 'tags: 3'}`."""
    text = VALID_PRINCIPLE.format(id=principle_id)
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def declare_tags(project: Path, *tags: str) -> None:
    """Add tags to the project's vocabulary (principles/_tags.yml), each with a label and description."""
    with (project / "principles" / "_tags.yml").open("a", encoding="utf-8") as vocabulary:
        for tag in tags:
            vocabulary.write(f"{tag}:\n  label: {tag.capitalize()}\n  description: Principles about {tag}.\n")


def set_plugin_option(project: Path, name: str, value: object) -> None:
    """Set one of the playbook plugin's options in the project's mkdocs.yml (e.g. a lower size limit)."""
    config = project / "mkdocs.yml"
    anchor = "  - playbook:\n"
    text = config.read_text(encoding="utf-8")
    assert anchor in text, "mkdocs.yml lists no playbook plugin with options"
    config.write_text(text.replace(anchor, f"{anchor}      {name}: {value}\n", 1), encoding="utf-8")


def copy_project(folder: Path) -> Path:
    """A copy of this repository's site sources (config, docs, principles) in `folder`, with the test
    principle's tag (`listening`, VALID_PRINCIPLE) declared in its tag vocabulary."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "principles"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy2(source, folder / name)
    declare_tags(folder, "listening")
    return folder


def principle_count(project: Path = ROOT) -> int:
    """How many principles a project has, counted from its files as a contributor sees them
    (principles/*.yml; names starting with `_` are the playbook's own files): what a test compares a
    count with, so that a new principle breaks no test (issue 24)."""
    return sum(not path.name.startswith("_") for path in (project / "principles").glob("*.yml"))


def write_principle(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


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


LOG_PREFIX = re.compile(r"^[A-Z]+ +-  ")
"""How `mkdocs` starts a log line (`ERROR   -  `): a build prints the first problem of a list after it."""


def refused(result: subprocess.CompletedProcess[str], *messages: str, code: int = 1) -> list[str]:
    """The lines a refused command printed (stdout's, then stderr's, a log line's prefix removed), after
    checking it refused rather than crashed: exit `code`, no traceback, and each of `messages` printed as a
    whole line. A crash exits 1 too, so a test that checks only the exit code passes one (issue 24)."""
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert "Traceback" not in output, output
    lines = [LOG_PREFIX.sub("", line) for line in output.splitlines()]
    missing = [message for message in messages if message not in lines]
    assert not missing, f"not printed as a line of its own: {missing}\n{output}"
    return lines


HIDES_A_PAGE = "this file would hide a page the playbook generates at the same address; rename or remove it"
"""The problem with a docs file at an address the playbook generates (core/pages.hidden_page_problems)."""


def without_column(problem: str) -> str:
    """A problem as a build prints it (`file:line: ...`), from validate's `file:line:column: ...`."""
    path, line_number, _column, rest = problem.split(":", 3)
    return f"{path}:{line_number}:{rest}"


def build_site(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """The project's site as the engine under test builds it into `site_dir`: `mkdocs build --strict`
    (or ProperDocs'), or for Zensical the export built by `zensical build --strict` and indexed."""
    if ENGINE == "zensical":
        return run_script("build_zensical.py", "--site-dir", str(site_dir), cwd=project_dir)
    return run_mkdocs(project_dir, "build", "--strict", "--site-dir", str(site_dir))


WORKER_BUILD = re.compile(r"^const BUILD = (.*);$", re.MULTILINE)
PAGEFIND_RUN_HASH = re.compile(r"_[0-9a-f]{7,}\.")


def worker_without_run_to_run(text: str) -> str:
    """sw.js less what differs between two builds of the same sources: Pagefind names some of its files
    by hashes that change from run to run, and the worker's version is a hash over every file. The list
    of files, their sizes and the worker's code are kept."""
    match = WORKER_BUILD.search(text)
    assert match is not None, "sw.js carries no build: the offline worker was not written"
    build = json.loads(match[1])
    build["version"] = ""
    for part in ("install", "later"):
        build[part] = sorted(PAGEFIND_RUN_HASH.sub("_#.", path) for path in build[part])
    return text[: match.start(1)] + json.dumps(build, sort_keys=True) + text[match.end(1) :]


def page(site: Path, url: str) -> BeautifulSoup:
    """A built page by its URL, as a reader would request it (`principles/x` -> its index.html)."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def update_published(project: Path) -> subprocess.CompletedProcess[str]:
    return run_script("update_published.py", cwd=project)


def rename(project: Path, old: str, new: str) -> None:
    """What a contributor does to rename a principle: new file and id, old id kept as an alias,
    references updated, `make published`."""
    old_file = project / "principles" / f"{old}.yml"
    text = old_file.read_text().replace(f"id: {old}\n", f"id: {new}\naliases: [{old}]\n")
    (project / "principles" / f"{new}.yml").write_text(text)
    old_file.unlink()
    for path in [
        *(project / "principles").glob("*.yml"),
        *(project / "principles" / "_paths").glob("*.yml"),
        *(project / "docs").rglob("*.md"),
    ]:
        if path.name != f"{new}.yml":
            path.write_text(re.sub(rf"\b{old}\b", new, path.read_text()))
    assert update_published(project).returncode == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


BEFORE_A_SERVER_STOPS: list[Callable[[str], None]] = []
"""Called with a served site's base URL just before its server stops: the browser tests leave every page
still open on it (browser_watch.py), so no page is left fetching from a server that is gone."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (search needs HTTP, not file://); yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        for leave in BEFORE_A_SERVER_STOPS:
            leave(url)
        server.terminate()
        server.wait(timeout=10)


def run_script(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one of scripts/ as a contributor would, from `cwd`."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    def output(self) -> str:
        return self.log.read_text()

    def wait_for(self, what: str, condition: Callable[[], bool], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, f"the server stopped:\n{self.output()}"
            assert time.monotonic() < deadline, f"timed out waiting for {what}:\n{self.output()}"
            time.sleep(0.05)


MAKE_SERVE_ARGUMENTS = ("--livereload", "--dirty")
"""What `make serve` passes to `mkdocs serve` (Makefile; test_preview.py checks they agree)."""


def start_mkdocs_serve(project: Path, *arguments: str) -> Server:
    """`mkdocs serve` as `make serve` runs it, or with the given arguments instead."""
    port = free_port()
    log = project / "serve.log"
    process = subprocess.Popen(
        [str(MKDOCS), "serve", *(arguments or MAKE_SERVE_ARGUMENTS), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    server = Server(process, f"http://127.0.0.1:{port}/", log)
    server.wait_for("the server to start", lambda: "Serving on" in server.output())
    return server


def load_problems(project: Path, *, strict: bool = False, with_column: bool = True) -> list[str]:
    """The problems `load_playbook` finds in a project, as printed: every check a build makes first."""
    from playbook.core.site.assemble import load_playbook
    from playbook.core.sources.errors import PlaybookInputError

    folder = project / "principles"
    try:
        load_playbook(folder, project / "docs", folder / "published.txt", root=project, strict=strict)
    except PlaybookInputError as error:
        return [problem.format(with_column=with_column) for problem in error.problems]
    raise AssertionError("the playbook loaded without a problem")

"""`make build` (scripts/build_site.py): no failed build, ours or MkDocs', costs the last good site."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from playbook.mkdocs.atomic_build import BUILD_PREFIX, _lock, remove_stale_builds, swap_in

from in_process import run_script_main
from support import ROOT

BUILD_FAILED = "the build failed; site/ was left as it was"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with a hash of each file's bytes."""
    return {
        path.relative_to(folder).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        )
        for path in sorted(folder.rglob("*"))
    }


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.glob(f"{BUILD_PREFIX}*"))


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """scripts/build_site.py's main() in this process; it runs the real `mkdocs build` as a child, as
    `make build` does (a killed build runs the whole script: test_a_killed_build_...)."""
    return run_script_main("build_site.py", *args, cwd=project)


def add_hook(project: Path, code: str) -> None:
    (project / "hooks.py").write_text(code)
    with (project / "mkdocs.yml").open("a") as config:
        config.write("\nhooks:\n  - hooks.py\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's sources and the site built from them, once for the module."""
    project = tmp_path_factory.mktemp("built")
    for name in ("docs", "principles"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").exists() and not leftovers(project)
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A project with a good site in site/, to break."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy)
    return copy


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


FAILURES = {
    "a docs page outside the nav": (
        lambda project: (project / "docs" / "orphan.md").write_text("# Orphan\n"),
        'not included in the "nav" configuration',
    ),
    "a broken relative link": (
        lambda project: append(project / "docs" / "index.md", "\n[Onboarding](onboarding.md)\n"),
        "contains a link 'onboarding.md', but the target is not found",
    ),
    "a broken reference-style link": (
        lambda project: append(project / "docs" / "index.md", "\n[Onboarding][g]\n\n[g]: onboarding.md\n"),
        "contains a link 'onboarding.md', but the target is not found",
    ),
    "a missing anchor": (
        lambda project: append(project / "docs" / "index.md", "\n[Steps](contributing.md#no-such-step)\n"),
        "does not contain an anchor '#no-such-step'",
    ),
    "a full disk after the clean": (
        lambda project: add_hook(
            project,
            "import errno\n\n\ndef on_post_build(config):\n"
            "    raise OSError(errno.ENOSPC, 'No space left on device')\n",
        ),
        "OSError: [Errno 28] No space left on device",
    ),
    "a plugin error after the clean": (
        lambda project: add_hook(
            project,
            "from mkdocs.exceptions import PluginError\n\n\ndef on_post_build(config):\n"
            "    raise PluginError('the search index could not be written')\n",
        ),
        "the search index could not be written",
    ),
    "a build process that dies": (
        lambda project: add_hook(project, "import os\n\n\ndef on_post_build(config):\n    os._exit(3)\n"),
        "Cleaning site directory",
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_build_leaves_the_last_good_site_byte_for_byte(project: Path, failure: str) -> None:
    inject, expected = FAILURES[failure]
    site = project / "site"
    (site / "last-good.txt").write_text("a file only the last good site has")
    before = snapshot(site)
    inject(project)

    result = build(project)

    assert snapshot(site) == before
    assert not leftovers(project)
    assert result.returncode == 1
    assert "Cleaning site directory" in result.stderr  # MkDocs had cleaned the folder it built in
    assert expected in result.stderr
    assert result.stderr.rstrip().endswith(BUILD_FAILED)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_successful_build_replaces_the_whole_site(project: Path) -> None:
    site = project / "site"
    (site / "stale.html").write_text("a page that no longer exists")
    principle = project / "principles" / "guide-dont-get.yml"
    principle.write_text(principle.read_text().replace('title: Guide, don\'t "get"', "title: Guide them"))

    result = build(project)

    assert result.returncode == 0, result.stderr
    assert "Guide them" in (site / "principles" / "guide-dont-get" / "index.html").read_text()
    assert not (site / "stale.html").exists()
    assert not leftovers(project)
    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask  # readable by a web server, as MkDocs makes it


def test_the_site_folder_and_config_file_can_be_chosen(project: Path) -> None:
    shutil.move(project / "mkdocs.yml", project / "playbook.yml")
    result = build(project, "--site-dir", "public", "--config-file", "playbook.yml")
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "principles" / "guide-dont-get" / "index.html").exists()
    assert not leftovers(project)


def test_a_killed_build_leaves_the_site_and_the_next_build_cleans_up(project: Path) -> None:
    site = project / "site"
    (site / "last-good.txt").write_text("a file only the last good site has")
    before = snapshot(site)
    started, log = project / "post-build-started", project / "build.log"
    add_hook(
        project,
        f"import pathlib, time\n\n\ndef on_post_build(config):\n"
        f"    pathlib.Path({str(started)!r}).touch()\n    time.sleep(600)\n",
    )
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "build_site.py")],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=output,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        [left] = leftovers(project)
        assert (project / left / "index.html").exists()  # the new site was written, beside the old
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)

    assert snapshot(site) == before
    assert leftovers(project) == [left]

    (project / "hooks.py").write_text("")  # the next build succeeds
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert not leftovers(project)


def test_a_running_build_keeps_its_folder_while_stale_ones_go(tmp_path: Path) -> None:
    running, stale = tmp_path / f"{BUILD_PREFIX}running", tmp_path / f"{BUILD_PREFIX}stale"
    for folder in (running, stale):
        (folder / "assets").mkdir(parents=True)
        (folder / "index.html").write_text("a site")
    lock = _lock(running)
    try:
        remove_stale_builds(tmp_path)
    finally:
        os.close(lock)
    assert running.exists() and not stale.exists()


@pytest.mark.parametrize("exchange", [True, False], ids=["one exchange", "two renames"])
def test_swapping_in_a_site_replaces_the_old_tree(tmp_path: Path, exchange: bool) -> None:
    site, new = tmp_path / "site", tmp_path / f"{BUILD_PREFIX}new"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old")
    (new / "fresh").mkdir(parents=True)
    (new / "fresh" / "page.html").write_text("new")

    swap_in(new, site, exchange=exchange)

    assert snapshot(site) == snapshot_of({"fresh/page.html": "new"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def snapshot_of(files: dict[str, str]) -> dict[str, str]:
    folders = {Path(name).parent.as_posix() for name in files} - {"."}
    hashes = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in files.items()}
    return dict(sorted({**dict.fromkeys(folders, "folder"), **hashes}.items()))


def test_make_build_and_the_publish_workflow_use_the_atomic_build() -> None:
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/build_site.py" in recipe and "mkdocs build" not in recipe
    assert "run: make build" in (ROOT / ".github/workflows/publish.yml").read_text()

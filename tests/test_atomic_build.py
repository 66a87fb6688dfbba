"""`make build` (scripts/build_site.py): no failed build, ours or MkDocs', costs the last good site."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from playbook.mkdocs.atomic_build import BUILD_PREFIX, _lock, build_and_swap, remove_stale_builds, swap_in

from in_process import run_script_main
from support import ROOT, refused, worker_without_run_to_run

pytestmark = pytest.mark.slow  # scripts/build_site.py runs `mkdocs build` in a process: `make test` only

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
    refused(result)
    assert "Cleaning site directory" in result.stderr  # MkDocs had cleaned the folder it built in
    assert expected in result.stderr
    assert result.stderr.rstrip().endswith(BUILD_FAILED)


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


SWAPS = [(True, "exchange"), (False, "two renames")]
"""`exchange=` given to swap_in, and the way it must then take. With exchange allowed, this machine
(Linux, renameat2) must exchange: where it cannot, swap_in would quietly take two renames, and a test
that did not say which ran would pass on the fallback alone."""


@pytest.mark.parametrize(("exchange", "way"), SWAPS, ids=["one exchange", "two renames"])
def test_swapping_in_a_site_replaces_the_old_tree(tmp_path: Path, exchange: bool, way: str) -> None:
    site, new = tmp_path / "site", tmp_path / f"{BUILD_PREFIX}new"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old")
    (new / "fresh").mkdir(parents=True)
    (new / "fresh" / "page.html").write_text("new")

    assert swap_in(new, site, exchange=exchange) == way
    assert snapshot(site) == snapshot_of({"fresh/page.html": "new"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_the_first_site_is_renamed_into_place(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / f"{BUILD_PREFIX}new"
    new.mkdir()
    (new / "page.html").write_text("new")
    assert swap_in(new, site) == "rename"
    assert snapshot(site) == snapshot_of({"page.html": "new"})


@pytest.mark.parametrize(("exchange", "way"), SWAPS, ids=["one exchange", "two renames"])
def test_a_site_that_was_a_link_is_replaced_and_the_link_removed_not_followed(
    tmp_path: Path, exchange: bool, way: str
) -> None:
    elsewhere, site, new = tmp_path / "elsewhere", tmp_path / "site", tmp_path / f"{BUILD_PREFIX}new"
    elsewhere.mkdir()
    (elsewhere / "keep.html").write_text("not ours to delete")
    site.symlink_to(elsewhere, target_is_directory=True)
    new.mkdir()
    (new / "page.html").write_text("new")

    assert swap_in(new, site, exchange=exchange) == way

    assert not site.is_symlink() and snapshot(site) == snapshot_of({"page.html": "new"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["elsewhere", "site"]
    assert snapshot(elsewhere) == snapshot_of({"keep.html": "not ours to delete"})


def test_a_leftover_build_link_is_removed_not_followed(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "assets").mkdir(parents=True)
    (elsewhere / "assets" / "keep.html").write_text("not ours to delete")
    before = snapshot(elsewhere)
    (project / f"{BUILD_PREFIX}left-by-an-old-run").symlink_to(elsewhere, target_is_directory=True)
    (project / f"{BUILD_PREFIX}dangling").symlink_to(tmp_path / "gone")

    result = build(project)

    assert result.returncode == 0, result.stderr
    assert not leftovers(project)
    assert snapshot(elsewhere) == before


SWAPPING_PROCESS = """
import sys
from pathlib import Path
from playbook.mkdocs.atomic_build import build_and_swap

target, run, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])

def build(folder: Path) -> None:
    for name in ("index.html", "page.html"):
        (folder / name).write_text(f"{run} {round_}")

ways = set()
for round_ in range(rounds):
    ways.add(build_and_swap(target, build))
print(*sorted(ways), sep=", ", flush=True)
"""


def test_builds_racing_on_the_folder_steps_never_take_each_others_folders(tmp_path: Path) -> None:
    """Six processes sweep, create, fill and swap 150 build folders each beside one site, with no
    MkDocs in between: the steps a real build shares with the others, at their highest rate."""
    target, processes = tmp_path / "site", []
    for run in range(6):
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", SWAPPING_PROCESS, str(target), f"run-{run}", "150"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = [(process.wait(timeout=300), *process.communicate()) for process in processes]

    # One process put the first site in place (a rename, there was none); every other swap exchanged.
    assert sorted(results) == [(0, "exchange\n", "")] * 5 + [(0, "exchange, rename\n", "")]
    index, page = (target / "index.html").read_text(), (target / "page.html").read_text()
    assert index == page  # one build's site, not a mix
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_step_removes_only_its_own_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"

    def fails(folder: Path) -> None:
        (folder / "index.html").write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        build_and_swap(target, fails)
    assert list(tmp_path.iterdir()) == []


def test_concurrent_make_builds_each_succeed_and_leave_one_whole_site(built: Path, tmp_path: Path) -> None:
    """Four real `make build`s at once, three rounds, the first with no site/ yet."""
    project = tmp_path / "project"
    shutil.copytree(built, project)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}

    def builds(count: int) -> list[subprocess.CompletedProcess[str]]:
        processes = [
            subprocess.Popen(
                [sys.executable, str(ROOT / "scripts" / "build_site.py")],
                cwd=project,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(count)
        ]
        return [
            subprocess.CompletedProcess(process.args, process.wait(timeout=600), *process.communicate())
            for process in processes
        ]

    [alone] = builds(1)
    assert alone.returncode == 0, alone.stderr
    reference = snapshot(project / "site")
    assert {"index.html", "principles/guide-dont-get/index.html", "pagefind/pagefind.js"} <= set(reference)
    whole_site_reference = whole_site(project / "site")

    shutil.rmtree(project / "site")
    for round_ in range(3):
        for result in builds(4):
            assert "Traceback" not in result.stdout + result.stderr, result.stderr
            assert result.returncode == 0, result.stderr
            assert result.stderr.rstrip().endswith("The new site is in site/")
        assert whole_site(project / "site") == whole_site_reference, f"round {round_}"
        assert not leftovers(project)


def whole_site(site: Path) -> tuple[dict[str, str], list[str]]:
    """Every page's bytes, and the search index's file names with their content hashes left out
    (Pagefind's own output differs from run to run); checks that the index is the one its entry names."""
    files = snapshot(site)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    for language in entry["languages"].values():
        assert f"pagefind/pagefind.{language['hash']}.pf_meta" in files
    pages = {name: digest for name, digest in files.items() if not name.startswith("pagefind/")}
    worker = worker_without_run_to_run((site / "sw.js").read_text())
    pages["sw.js"] = hashlib.sha256(worker.encode()).hexdigest()
    index = sorted(re.sub(r"_[0-9a-f]{7,}\.", "_#.", name) for name in files if name.startswith("pagefind/"))
    return pages, index


def snapshot_of(files: dict[str, str]) -> dict[str, str]:
    folders = {Path(name).parent.as_posix() for name in files} - {"."}
    hashes = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in files.items()}
    return dict(sorted({**dict.fromkeys(folders, "folder"), **hashes}.items()))


def test_make_build_and_the_publish_workflow_use_the_atomic_build() -> None:
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/build_site.py" in recipe and "mkdocs build" not in recipe
    assert "run: make build" in (ROOT / ".github/workflows/publish.yml").read_text()

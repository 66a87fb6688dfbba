"""Both supported engines build the same playbook: MkDocs 1.6.1 (.venv) and ProperDocs 1.6.7, its
maintained fork, in an environment without mkdocs (.venv-properdocs). `make test` creates both."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from support import ROOT, worker_without_run_to_run

ENGINE_COMMANDS = {
    "mkdocs": ROOT / ".venv" / "bin" / "mkdocs",
    "properdocs": ROOT / ".venv-properdocs" / "bin" / "properdocs",
}
PROPERDOCS_PYTHON = ROOT / ".venv-properdocs" / "bin" / "python"
NOT_IN_PROPERDOCS_ENVIRONMENT = {"mkdocs", "mkdocs-get-deps", "mergedeep"}
"""mkdocs and what only it needs: ProperDocs replaces it, and must not run on it by accident."""

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="([^"]*)">')
RUN_TO_RUN_PAGEFIND = re.compile(r"pagefind/(filter/en_[0-9a-f]+\.pf_filter|pagefind\.en_[0-9a-f]+\.pf_meta)")
"""Pagefind writes its filter file in hash-map order, which changes from run to run on the same engine,
and that file's hash names the metadata file, whose hash pagefind-entry.json holds."""
PAGEFIND_ENTRY = "pagefind/pagefind-entry.json"
SERVICE_WORKER = "sw.js"
PAGEFIND_ENTRY_HASH = re.compile(rb'"hash":"en_[0-9a-f]+"')


def pins(lock: Path) -> dict[str, str]:
    """`name==version` lines of a requirements lock, by lowercase name."""
    pinned = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[name.lower()] = version
    return pinned


def build(engine: str, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`ENGINE build --strict` of this repository, as a contributor runs it."""
    command = ENGINE_COMMANDS[engine]
    if not command.exists():
        pytest.fail(f"{command.relative_to(ROOT)} is missing: run `make test`, which creates it")
    return subprocess.run(
        [str(command), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, run-to-run Pagefind names and hashes left out, and each
    page's generator tag kept apart (see `generators`)."""
    files = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file() and not RUN_TO_RUN_PAGEFIND.fullmatch(name):
            files[name] = path.read_bytes()
    files[PAGEFIND_ENTRY] = PAGEFIND_ENTRY_HASH.sub(b'"hash":"en_"', files[PAGEFIND_ENTRY])
    files[SERVICE_WORKER] = worker_without_run_to_run(files[SERVICE_WORKER].decode()).encode()
    return {
        name: GENERATOR_TAG.sub(b'<meta name="generator" content="">', text) for name, text in files.items()
    }


def generators(site: Path) -> set[bytes]:
    return {tag for page in site.rglob("*.html") for tag in GENERATOR_TAG.findall(page.read_bytes())}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for engine in ENGINE_COMMANDS:
        built[engine] = tmp_path_factory.mktemp(engine)
        result = build(engine, built[engine])
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    return built


def test_both_engines_write_the_same_files_but_the_generator_tag(sites: dict[str, Path]) -> None:
    mkdocs_site, properdocs_site = site_files(sites["mkdocs"]), site_files(sites["properdocs"])
    assert sorted(mkdocs_site) == sorted(properdocs_site)
    assert len(mkdocs_site) > 50 and "principles/lower-your-shields/index.html" in mkdocs_site
    different = [name for name in mkdocs_site if mkdocs_site[name] != properdocs_site[name]]
    assert different == []
    for engine in ENGINE_COMMANDS:
        variable = [name for name in map(str, sites[engine].rglob("*")) if RUN_TO_RUN_PAGEFIND.search(name)]
        assert len(variable) == 2, variable  # one filter file and one metadata file, compared by name only


def test_each_site_names_the_engine_that_built_it(sites: dict[str, Path]) -> None:
    """The generator tag is the one difference, and it proves each engine really built its site."""
    mkdocs_version = pins(ROOT / "requirements.lock")["mkdocs"]
    properdocs_version = pins(ROOT / "requirements-properdocs.lock")["properdocs"]
    material_version = pins(ROOT / "requirements.lock")["mkdocs-material"]
    assert generators(sites["mkdocs"]) == {
        f"mkdocs-{mkdocs_version}, mkdocs-material-{material_version}".encode()
    }
    assert generators(sites["properdocs"]) == {
        f"mkdocs-ProperDocs {properdocs_version}, mkdocs-material-{material_version}".encode()
    }


def test_the_properdocs_environment_has_the_same_pins_without_mkdocs() -> None:
    mkdocs_pins = pins(ROOT / "requirements.lock")
    properdocs_pins = pins(ROOT / "requirements-properdocs.lock")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (properdocs_pin,) = project["optional-dependencies"]["properdocs"]
    assert properdocs_pins == {
        **{
            name: version
            for name, version in mkdocs_pins.items()
            if name not in NOT_IN_PROPERDOCS_ENVIRONMENT
        },
        "properdocs": properdocs_pin.removeprefix("properdocs=="),
    }

    installed = subprocess.run(
        [
            str(PROPERDOCS_PYTHON),
            "-c",
            "import importlib.metadata as m, json; print(json.dumps([d.name for d in m.distributions()]))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert installed.returncode == 0, installed.stderr
    names = {name.lower().replace("_", "-") for name in json.loads(installed.stdout)}
    assert "properdocs" in names and "mkdocs-material" in names
    assert not names & NOT_IN_PROPERDOCS_ENVIRONMENT

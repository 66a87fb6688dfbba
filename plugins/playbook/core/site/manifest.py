"""The committed list of published addresses (principles, paths, the playbook's own pages): a build may never
silently drop one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..model.principle import OnboardingPath, Principle
from ..sources.errors import InputProblem
from ..sources.source_files import MANIFEST_LIMIT, create_file, read_source, write_file
from ..sources.yamlsource import decode_utf8
from .addresses import path_address, principle_address, published_kind, published_page_addresses

HEADER = """\
# Published addresses: principles, onboarding paths and the playbook's own pages, one per line.
# Managers link to these from onboarding material. The build fails if an address listed here would
# stop working. To rename a principle, add the old id to its `aliases:`; to retire an address on
# purpose, delete its line here in the same pull request. After adding principles or paths, run
# `make published` (scripts/update_published.py) to list their addresses.
"""
FORMER_HEADER = """\
# Published principle addresses: one per line. Managers link to these from onboarding material.
# The build fails if an address listed here would stop working. To rename a principle, add the old id
# to its `aliases:`; to retire an address on purpose, delete its line here in the same pull request.
# After adding principles, run `make published` (scripts/update_published.py) to list their addresses.
"""
"""The header before the manifest listed paths and pages too: `make published` replaces it with HEADER."""


@dataclass(frozen=True)
class PublishedAddress:
    url: str
    line: int


def read_manifest_text(path: Path, file: str) -> tuple[str | None, list[InputProblem]]:
    """The manifest as text, or the problem that stops it being read; a missing manifest is None.
    Never read through a link, and never quoted in a message."""
    if not os.path.lexists(path):
        return None, []
    raw, problems = read_source(path, file, MANIFEST_LIMIT)
    if raw is None:
        return None, problems
    return decode_utf8(raw, file)


def read_manifest(path: Path, file: str) -> tuple[list[PublishedAddress], list[InputProblem]]:
    """The listed addresses; a missing manifest lists none."""
    text, problems = read_manifest_text(path, file)
    if text is None:
        return [], problems
    addresses = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if published_kind(line):
            addresses.append(PublishedAddress(line, number))
        else:
            message = (
                f"'{line}' is not a principle or path address; write it as {principle_address('<id>')} "
                f"or {path_address('<id>')}"
            )
            problems.append(InputProblem(file, number, 1, "", message))
    return addresses, problems


def served_addresses(principles: list[Principle]) -> set[str]:
    """Every principle address the site serves: current ids and the aliases that redirect."""
    return {
        principle_address(name) for principle in principles for name in (principle.id, *principle.aliases)
    }


def missing_address_problems(
    addresses: list[PublishedAddress],
    principles: list[Principle],
    file: str,
    paths: list[OnboardingPath] | None = None,
) -> list[InputProblem]:
    """A problem for each listed address the site would stop serving. `paths` None: the paths were
    not loaded (they have problems of their own), so their addresses are not checked."""
    served = served_addresses(principles)
    served |= {path_address(path.id) for path in paths or []}
    served |= set(published_page_addresses())  # generated whatever the playbook holds
    problems = []
    for address in addresses:
        if address.url in served:
            continue
        entry = published_kind(address.url)
        assert entry is not None
        kind, old_id = entry
        if kind == "part":  # parts exist only at size: the site plan forwards them (pages.part_redirects)
            continue
        if kind == "path":
            if paths is None:
                continue
            message = (
                f"published path address {address.url} would disappear; restore "
                f"principles/_paths/{old_id}.yml, or, to retire the address on purpose, delete this line"
            )
            problems.append(InputProblem(file, address.line, 1, "", message))
            continue
        message = (
            f"published address {address.url} would disappear; if the principle was renamed, add "
            f"'aliases: [{old_id}]' to the principle that replaces it, or, to retire the address on "
            f"purpose, delete this line"
        )
        problems.append(InputProblem(file, address.line, 1, "", message))
    return problems


def published_now(
    principles: list[Principle], paths: list[OnboardingPath] | None = None
) -> list[tuple[str, Principle | OnboardingPath | None]]:
    """Every address of a published kind the playbook serves today (its principles, its paths, the
    playbook's own pages; view parts aside, which exist only at size), each with the principle or path
    it is the address of (None for a page)."""
    return [
        *((principle_address(principle.id), principle) for principle in principles),
        *((path_address(path.id), path) for path in paths or []),
        *((address, None) for address in published_page_addresses()),
    ]


def unlisted_addresses(
    addresses: list[PublishedAddress], principles: list[Principle], paths: list[OnboardingPath]
) -> list[tuple[str, Principle | OnboardingPath | None]]:
    """The addresses of published_now that the manifest does not list yet (`make published` adds them)."""
    listed = {address.url for address in addresses}
    return [(url, source) for url, source in published_now(principles, paths) if url not in listed]


def updated_manifest(
    existing_text: str | None,
    principles: list[Principle],
    paths: list[OnboardingPath] | None = None,
    parts: list[str] | None = None,
) -> str:
    """The manifest with every current principle, path and view part (`parts`: their addresses) listed;
    existing lines are kept, never removed."""
    text = existing_text if existing_text is not None else HEADER
    if text.startswith(FORMER_HEADER):
        text = HEADER + text.removeprefix(FORMER_HEADER)
    present = {line.strip() for line in text.splitlines()}
    current = [url for url, _ in published_now(principles, paths)] + (parts or [])
    new = sorted(url for url in current if url not in present)
    if not new:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "".join(f"{url}\n" for url in new)


def list_address(manifest: Path, manifest_text: str | None, address: str) -> None:
    """Add one address to the manifest read as `manifest_text` (None: there was none), keeping every
    line; never writes through a link (the scaffolds' last step, after every check passed)."""
    listed = (manifest_text or "").splitlines()
    if manifest_text is None:
        create_file(manifest, f"{address}\n")
    elif address not in listed:
        ends_cleanly = manifest_text.endswith("\n") or not listed
        write_file(manifest, f"{address}\n" if ends_cleanly else f"\n{address}\n", append=True)

"""The one reference check: every name a contributor writes that points at something else.

`related` ids, `[[id#section]]` references, aliases, path steps, tags and links from docs pages are
checked against one index of what exists (principle ids and their files, aliases, section anchors,
tags, onboarding paths), collected before anything is resolved, as mkdocs-autorefs collects anchors
before it resolves. A name that names nothing gets one wording, from `unknown`:
"unknown principle 'x'; did you mean 'y'?".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..model.principle import Principle
from ..model.sections import SECTION_ANCHORS

CHECK_THE_ID = "check the id against the files in principles/"
"""What to do about an unknown principle id when no id is close to it."""
DECLARE_THE_TAG = "use a tag declared in principles/_tags.yml, or declare it there (label, description)"
USE_A_SECTION = "use one of " + ", ".join(f"#{anchor}" for anchor in SECTION_ANCHORS)


class Written(Protocol):
    """A `[[target#section|text]]` as links.find_references reads it (read-only: a frozen Reference)."""

    @property
    def target(self) -> str: ...

    @property
    def section(self) -> str | None: ...


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The known name a typo most likely meant, or None when none is close."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown(kind: str, name: str, close: str | None, otherwise: str, *, of: str = "", mark: str = "") -> str:
    """The one wording for a name that names nothing: "unknown <kind> '<name>'<of>; did you mean ...?",
    or `otherwise` (what to do) when no known name is close. `mark` prefixes names (`#` of a section)."""
    hint = f"did you mean '{mark}{close}'?" if close else otherwise
    return f"unknown {kind} '{mark}{name}'{of}; {hint}"


class Suggestions:
    """Close names for unknown ones, each computed once, and for at most `limit` names per check:
    one comparison with every id takes a tenth of a second in a large playbook, and a file can
    hold hundreds of references."""

    def __init__(self, names: Iterable[str], limit: int | None = None) -> None:
        self.names = list(names)
        self.limit = limit
        self.known: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        if name not in self.known:
            if self.limit is not None and len(self.known) >= self.limit:
                return None
            self.known[name] = closest(name, self.names)
        return self.known[name]


@dataclass
class ReferenceIndex:
    """Everything a reference may name, collected once before any reference is checked."""

    principle_files: dict[str, str] = field(default_factory=dict)
    """Principle id -> the file that holds it (as a contributor sees the path)."""
    alias_files: dict[str, str] = field(default_factory=dict)
    """Alias (a former id) -> the file of the principle that claims it."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Alias -> the current id, once the principles are loaded."""
    tags: frozenset[str] = frozenset()
    """The declared tags (principles/_tags.yml)."""
    suggest_limit: int | None = None
    """How many unknown ids get a "did you mean" (None: all); see Suggestions."""
    _suggest: Suggestions | None = field(default=None, init=False, repr=False)

    @classmethod
    def of_principles(
        cls,
        principles: Iterable[Principle],
        files: Mapping[str, str] | None = None,
        suggest_limit: int | None = None,
    ) -> ReferenceIndex:
        """The index of loaded, valid principles; `files`: id -> the file a contributor sees
        (default: the path each was read from)."""
        index = cls(suggest_limit=suggest_limit)
        for principle in principles:
            file = files[principle.id] if files is not None else principle.source_file.as_posix()
            index.principle_files[principle.id] = file
            for alias in principle.aliases:
                index.alias_files[alias] = file
                index.renamed[alias] = principle.id
        return index

    def add_principle(self, principle_id: str, file: str) -> str | None:
        """Count one principle's id; the message when another file holds it already."""
        first_file = self.principle_files.setdefault(principle_id, file)
        if first_file == file:
            return None
        return f"id '{principle_id}' is already used by {first_file}; give each principle its own id"

    def add_alias(self, alias: str, file: str) -> str | None:
        """Count one alias; the message when it is somebody's current id or another file's alias.
        An alias keeps an old address alive, so it may not be anybody's current id or another alias."""
        if alias in self.principle_files:
            owner_file = self.principle_files[alias]
            owner = "this principle's own id" if owner_file == file else f"the id of {owner_file}"
            return f"alias '{alias}' is {owner}; an alias must be a former id that no principle uses now"
        if alias in self.alias_files:
            return (
                f"alias '{alias}' is already claimed by {self.alias_files[alias]}; keep it on one principle"
            )
        self.alias_files[alias] = file
        return None

    def unknown_principle(self, principle_id: str) -> str:
        if self._suggest is None:
            self._suggest = Suggestions(self.principle_files, self.suggest_limit)
        return unknown("principle", principle_id, self._suggest(principle_id), CHECK_THE_ID)

    def related_problem(self, related_id: str, own_id: object) -> str | None:
        """A `related:` entry names another principle, by its current id."""
        if related_id == own_id:
            return "a principle cannot be related to itself; remove this entry"
        if related_id in self.principle_files:
            return None
        if related_id in self.alias_files:
            return (
                f"principle '{related_id}' was renamed; use its new id, from {self.alias_files[related_id]}"
            )
        return self.unknown_principle(related_id)

    def reference_problem(self, reference: Written) -> str | None:
        """A `[[id#section]]` names a principle by its current id, and one of its published sections."""
        if reference.target in self.renamed:
            current = self.renamed[reference.target]
            return f"principle '{reference.target}' was renamed; write [[{current}]] instead"
        if reference.target not in self.principle_files:
            return self.unknown_principle(reference.target)
        if reference.section is not None and reference.section not in SECTION_ANCHORS:
            close = closest(reference.section, SECTION_ANCHORS)
            of = f" of principle '{reference.target}'"
            return unknown("section", reference.section, close, USE_A_SECTION, of=of, mark="#")
        return None

    def tag_problem(self, tag: str) -> str | None:
        """A `tags:` entry names a declared tag: a typo would otherwise make a one-principle tag page."""
        if tag in self.tags:
            return None
        return unknown("tag", tag, closest(tag, sorted(self.tags)), DECLARE_THE_TAG)

"""The one reference check (core/checks/references.py): one index, one wording for a name that names nothing."""

from __future__ import annotations

from pathlib import Path

from playbook.core.checks.references import CHECK_THE_ID, ReferenceIndex, Suggestions, unknown
from playbook.core.formats.reference_syntax import find_references


def index() -> ReferenceIndex:
    names = ReferenceIndex(tags=frozenset({"trust", "conflict"}))
    assert names.add_principle("listen-first", "principles/listen-first.yml") is None
    assert names.add_principle("guide-dont-get", "principles/guide-dont-get.yml") is None
    assert names.add_alias("listen-early", "principles/listen-first.yml") is None
    return names


def reference(written: str):
    return next(find_references(written))


def test_one_wording_for_every_unknown_name() -> None:
    assert unknown("principle", "x", "y", CHECK_THE_ID) == "unknown principle 'x'; did you mean 'y'?"
    assert unknown("tag", "x", None, "declare it") == "unknown tag 'x'; declare it"
    assert (
        unknown("section", "stroy", "story", "use one", of=" of principle 'p'", mark="#")
        == "unknown section '#stroy' of principle 'p'; did you mean '#story'?"
    )


def test_related_references_and_tags_are_checked_against_the_same_index() -> None:
    names = index()
    assert names.related_problem("guide-dont-get", "listen-first") is None
    assert names.related_problem("listen-first", "listen-first") == (
        "a principle cannot be related to itself; remove this entry"
    )
    assert names.related_problem("listen-early", "guide-dont-get") == (
        "principle 'listen-early' was renamed; use its new id, from principles/listen-first.yml"
    )
    assert names.related_problem("guide-dont-gett", "x") == (
        "unknown principle 'guide-dont-gett'; did you mean 'guide-dont-get'?"
    )
    assert names.related_problem("zzz", "x") == f"unknown principle 'zzz'; {CHECK_THE_ID}"
    assert names.reference_problem(reference("[[listen-first#good-response]]")) is None
    assert names.reference_problem(reference("[[listen-firts]]")) == (
        "unknown principle 'listen-firts'; did you mean 'listen-first'?"
    )
    assert names.reference_problem(reference("[[listen-first#stroy]]")) == (
        "unknown section '#stroy' of principle 'listen-first'; did you mean '#story'?"
    )
    assert names.tag_problem("trust") is None
    assert names.tag_problem("trsut") == "unknown tag 'trsut'; did you mean 'trust'?"


def test_an_id_or_alias_is_claimed_once() -> None:
    names = index()
    assert names.add_principle("listen-first", "principles/other.yml") == (
        "id 'listen-first' is already used by principles/listen-first.yml; give each principle its own id"
    )
    assert names.add_alias("listen-early", "principles/other.yml") == (
        "alias 'listen-early' is already claimed by principles/listen-first.yml; keep it on one principle"
    )
    assert names.add_alias("guide-dont-get", "principles/guide-dont-get.yml") == (
        "alias 'guide-dont-get' is this principle's own id; an alias must be a former id that no "
        "principle uses now"
    )


def test_renamed_principles_are_known_once_loaded(principles) -> None:
    files = {principle.id: f"principles/{principle.id}.yml" for principle in principles}
    names = ReferenceIndex.of_principles(principles, files)
    first = principles[0]
    assert names.reference_problem(reference(f"[[{first.id}]]")) is None


def test_suggestions_stop_after_the_limit() -> None:
    suggest = Suggestions(["listen-first"], limit=1)
    assert suggest("listen-firts") == "listen-first"
    assert suggest("listen-frist") is None
    assert suggest("listen-firts") == "listen-first"


def test_the_references_module_is_the_one_home_of_the_wording() -> None:
    core = Path(__file__).resolve().parent.parent / "plugins" / "playbook" / "core"
    repeated = [
        path.name
        for path in core.glob("*.py")
        if path.name != "references.py"
        and "check the id against the files in principles/" in path.read_text()
    ]
    assert repeated == []

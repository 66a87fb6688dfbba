"""The search vocabulary, principles/_synonyms.yml: the team's words for the same thing, in groups.

Search cannot know that a rep typing "too pricey" means what a principle calls "too expensive", or
that "my supervisor" is "your manager": the site's search expands a query through these groups
(assets/search.js reads them from search-vocabulary.json). A word in two groups would make every
search for it find both groups' principles, so each word or phrase belongs to one group only, and a
repeat is refused with a pointer to the group that already holds it. The file is read with the same
care as the tag vocabulary: never through a link, size checked first, every problem with its line
and column. Unlike the tags, the file is optional: without it search has no vocabulary.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..checks.content import content_problems
from ..checks.references import closest
from ..model.fields import FieldCatalogue, read_schema
from ..model.principle import Principle
from ..sources.errors import InputProblem
from ..sources.source_files import SizeLimit, display_path, read_checked_fields
from ..sources.yamlsource import MAX_FILE_BYTES, ParsedYaml, field_name
from .schema_errors import describe_schema_error, file_schema_problems

SYNONYMS_FILE_NAME = "_synonyms.yml"
"""In principles/; a name that begins with `_` is never read as a principle."""
SYNONYMS_SCHEMA_FILE = "schema/synonyms.schema.json"
SYNONYMS_LIMIT = SizeLimit(
    MAX_FILE_BYTES, "the search vocabulary", "merge groups, or remove words nobody searches for"
)
MAX_WORDS = 4
"""Words in one entry; the schema's entry pattern says the same ({0,3} more after the first)."""


@dataclass(frozen=True)
class SynonymGroup:
    """Words and phrases that mean the same to the team."""

    words: tuple[str, ...]
    """As search compares them (`search_form`): lowercase, NFC, single spaces."""
    family: str | None = None
    """What the group is about, for people reading the file; search ignores it."""


def synonyms_schema() -> dict[str, Any]:
    """The vocabulary's format, shipped beside the principle schema (and published with the site)."""
    return read_schema(SYNONYMS_SCHEMA_FILE)


@cache
def synonym_fields() -> FieldCatalogue:
    return FieldCatalogue.from_schema(synonyms_schema())


def search_form(text: str) -> str:
    """A word or phrase as the site publishes it and search compares it: NFC, whitespace collapsed to
    single spaces, lowercase."""
    return unicodedata.normalize("NFC", " ".join(unicodedata.normalize("NFC", text).split()).lower())


def _same_key(text: str) -> str:
    """Two entries with the same key are the same word (`Cost`, `cost `, `COST`)."""
    return search_form(text).casefold()


def read_synonyms(
    folder: Path, root: Path | None = None
) -> tuple[tuple[SynonymGroup, ...] | None, list[InputProblem]]:
    """The vocabulary's groups in the file's order (none when there is no file), or None and every
    problem of the file.

    A link or special file in its place is left to the scan of principles/, which reports every such
    entry once (source_files.principle_files); here it only means there is no vocabulary."""
    path = folder / SYNONYMS_FILE_NAME
    file = display_path(path, root)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return (), []
    except OSError as error:
        return None, [InputProblem(file, 1, 1, "", f"cannot read the file: {error.strerror}")]
    if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return None, []
    what = "write 'groups:', then each group as '- words: [...]' under it"

    def checks(parsed: ParsedYaml) -> list[InputProblem]:
        return [
            *file_schema_problems(synonyms_schema(), parsed, file, _described),
            *content_problems(parsed, synonym_fields(), file),  # invisible characters
            *_repeat_problems(parsed, file),
        ]

    parsed, problems = read_checked_fields(path, file, SYNONYMS_LIMIT, what=what, checks=checks)
    if parsed is None:
        return None, problems
    groups = tuple(
        SynonymGroup(tuple(search_form(word) for word in group["words"]), group.get("family"))
        for group in parsed.data["groups"]
    )
    return groups, []


def vocabulary_json(
    groups: tuple[SynonymGroup, ...], heard: Iterable[str] = (), named: Iterable[str] = ()
) -> str:
    """search-vocabulary.json, what the site's search reads:
    `{"groups": [["cost", "price", "pricey"], ...], "used": [2, ...]}`. Each group lists first the
    entries the principles' customer lines use (`heard`), most used first, then those only their
    titles and summaries use (`named`), and `used` says how many of its entries they use at all:
    search widens a word typed to a few of those only (customer lines decide its ranking), since
    every other entry costs the reader an index download to find nothing, or a story only.
    Compact: a reader's first search fetches it."""
    in_lines, in_names = _uses(groups, heard), _uses(groups, named)
    document = {
        "groups": [
            sorted(group.words, key=lambda word: (-in_lines[word], -in_names[word])) for group in groups
        ],
        "used": [sum(in_lines[word] + in_names[word] > 0 for word in group.words) for group in groups],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def published_vocabulary(groups: tuple[SynonymGroup, ...], principles: Iterable[Principle]) -> str:
    """`vocabulary_json` for a playbook: its principles' customer lines heard, titles and summaries
    named."""
    principles = tuple(principles)
    heard = [line for principle in principles for line in principle.customer_says]
    named = [text for principle in principles for text in (principle.title, principle.summary)]
    return vocabulary_json(groups, heard, named)


def light_stem(word: str) -> str:
    """A word without the endings search matches anyway (prices, pricing -> pric): possessives, then
    one common ending. Enough to count which entries the principles use (and for search_eval.py's
    overlap check); search.js matches with its own, as it must in the browser."""
    word = word.removesuffix("'s")
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", search_form(text).replace("\u2019", "'"))


def _uses(groups: tuple[SynonymGroup, ...], said: Iterable[str]) -> dict[str, int]:
    """How many of the texts in `said` use each entry: its words, standing together, each word as
    written or with another ending. Each distinct text's runs of words are counted once, so the cost
    grows with the texts' length, not with texts times entries."""
    phrases = {
        entry: tuple(light_stem(word) for word in _words(entry)) for group in groups for entry in group.words
    }
    lengths = {len(phrase) for phrase in phrases.values() if phrase}
    runs: Counter[tuple[str, ...]] = Counter()
    for text, times in Counter(said).items():
        stems = [light_stem(word) for word in _words(text)]
        found = {tuple(stems[at : at + n]) for n in lengths for at in range(len(stems) - n + 1)}
        runs.update(dict.fromkeys(found, times))
    return {entry: runs[phrase] if phrase else 0 for entry, phrase in phrases.items()}


def _described(error: Any, parsed: ParsedYaml, file: str) -> list[InputProblem]:
    """A schema error in the words of this file, where the general wording would mislead."""
    path = tuple(error.absolute_path)

    def at(where: tuple[str | int, ...], message: str, *, key: bool = False) -> InputProblem:
        position = parsed.position_of(where, key=key)
        return InputProblem(file, position.line, position.column, field_name(where), message)

    if error.validator == "additionalProperties" and not path:
        # The principle's wording would look for the field among a principle's groups.
        return [
            at((name,), _unknown_top_field(name), key=True) for name in error.instance if name != "groups"
        ]
    if error.validator == "minItems" and path and path[-1] == "words":
        count = len(error.instance)
        found = "is an empty group" if not count else "has only one word, and a group of one expands nothing"
        message = (
            f"{found}; list at least {error.validator_value} words or phrases that mean the same, "
            "or remove the group"
        )
        return [at(path, message)]
    if error.validator == "pattern" and len(path) == 4 and isinstance(error.instance, str):
        count = len(error.instance.split())
        if count > MAX_WORDS:
            message = (
                f"'{_shortened(error.instance)}' has {count} words; keep an entry to a word or a phrase "
                f"of at most {MAX_WORDS} words (search matches the words of longer lines anyway)"
            )
            return [at(path, message)]
    if error.validator == "maxItems" and path == ("groups",):
        message = (
            f"has {len(error.instance)} groups; keep it within {error.validator_value}: "
            "merge the groups that mean the same"
        )
        return [at(path, message)]
    if error.validator == "maxItems" and path and path[-1] == "words":
        message = (
            f"has {len(error.instance)} words and phrases; keep it within {error.validator_value}: remove "
            "rare ones and other forms of one word (search already finds plurals and -ing forms)"
        )
        return [at(path, message)]
    return describe_schema_error(error, parsed, file)


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _unknown_top_field(name: str) -> str:
    if closest(name, ["groups"]):
        return "unknown field; did you mean 'groups'?"
    return "unknown field; the file holds one field, 'groups:', with each group as '- words: [...]' under it"


def _repeat_problems(parsed: ParsedYaml, file: str) -> list[InputProblem]:
    """A word or phrase written twice, in one group or in two: the later one, pointing at the first."""
    groups = parsed.data.get("groups")
    first_seen: dict[str, tuple[int, int]] = {}
    problems = []
    for group_index, group in enumerate(groups if isinstance(groups, list) else []):
        words = group.get("words") if isinstance(group, dict) else None
        for word_index, word in enumerate(words if isinstance(words, list) else []):
            if not isinstance(word, str) or not word.strip():
                continue  # the schema check reports it
            key = _same_key(word)
            if key not in first_seen:
                first_seen[key] = (group_index, word_index)
                continue
            where = ("groups", group_index, "words", word_index)
            position = parsed.position_of(where)
            other_group, other_word = first_seen[key]
            written = search_form(word)
            if other_group == group_index:
                line = parsed.position_of(("groups", other_group, "words", other_word)).line
                message = f"'{written}' is already in this group (line {line}); list each word once"
            else:
                line = parsed.position_of(("groups", other_group)).line
                name = _group_name(groups[other_group])
                message = (
                    f"'{written}' is already in the group at line {line} ({name}); "
                    "a word may belong to one group only: merge the two groups, or keep it in one of them"
                )
            problems.append(InputProblem(file, position.line, position.column, field_name(where), message))
    return problems


def _group_name(group: dict[str, Any]) -> str:
    """How a message names a group: its family, else its first word."""
    family = group.get("family")
    if isinstance(family, str) and family.strip():
        return family.strip()
    words = [word for word in group.get("words") or [] if isinstance(word, str) and word.strip()]
    return search_form(words[0]) if words else "no words"

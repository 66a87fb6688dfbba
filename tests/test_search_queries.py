"""The search benchmark's query file (tests/search_queries.yml) keeps its rules, and the benchmark's
synthetic distractor principles are valid principles (scripts/search_eval.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from playbook.core.formats.loader import load_principles

from support import ROOT, copy_project

EVAL = runpy.run_path(str(ROOT / "scripts" / "search_eval.py"), run_name="search_eval")
Query = EVAL["Query"]


def test_the_query_file_keeps_its_rules() -> None:
    queries = EVAL["load_queries"]()
    lines = EVAL["customer_lines"]()
    assert EVAL["query_file_problems"](queries, lines) == []
    assert len(queries) >= 60
    assert all(principle in lines for query in queries for principle in query.expect)
    apart = [query for query in queries if EVAL["shares_no_content_word"](query, lines)]
    assert len(apart) * 2 >= len(queries)
    assert sum(query.fast for query in queries) >= 20


def test_the_content_word_check_sees_a_shared_word_through_filler_and_endings() -> None:
    lines = {"p": ["Stop pushing me. I'll decide when I'm ready."]}
    assert not EVAL["shares_no_content_word"](Query("they keep pushing", ("p",), False, 1), lines)
    assert not EVAL["shares_no_content_word"](Query("should I push", ("p",), False, 1), lines)
    assert not EVAL["shares_no_content_word"](Query("they decided", ("p",), False, 1), lines)
    assert EVAL["shares_no_content_word"](Query("they say I'm too eager", ("p",), False, 1), lines)
    assert EVAL["content_words"]("they say it's too pricey") == {"pricey"}


def test_a_query_file_breaking_the_rules_is_refused_line_by_line(tmp_path: Path) -> None:
    lines = {"p": ["It's too expensive."], "q": ["Just send me a quote."]}
    path = tmp_path / "queries.yml"
    path.write_text(
        "queries:\n"
        "  - {q: too expensive, expect: [p]}\n"
        "  - {q: Too  expensive, expect: [p]}\n"
        "  - {q: please just send me a quote now, expect: [q]}\n"
        "  - {q: nothing, expect: [missing]}\n"
    )
    problems = EVAL["query_file_problems"](EVAL["load_queries"](path), lines, path)
    text = "\n".join(problems)
    assert f"{path}: queries: 4 queries; write at least 60" in text
    assert f"{path}:3: q: 'Too  expensive' is listed twice" in text
    assert "copies 'just send me' from a customer line" in text
    assert f"{path}:5: expect: no principle ['missing']" in text
    assert "only 0 of 4 share no content word" in text
    assert "0 queries marked fast" in text


@pytest.mark.slow  # search_eval.py writes the distractors' published list with a script in a process
def test_the_distractor_principles_are_valid_and_listed_as_published(tmp_path: Path) -> None:
    project = EVAL["project_with_distractors"](tmp_path / "project", 200)
    principles = load_principles(project / "principles", root=project)
    distractors = sorted(p.id for p in principles if p.id.startswith("distractor-"))
    assert distractors == [f"distractor-{number:03d}" for number in range(1, 201)]
    published = (project / "principles" / "published.txt").read_text()
    assert all(f"/principles/{principle_id}/" in published for principle_id in distractors)
    real = {p.title for p in load_principles(copy_project(tmp_path / "real") / "principles", root=tmp_path)}
    assert len({p.title for p in principles} - real) == 200  # each distractor its own, none a copy


def test_the_held_out_queries_name_existing_principles_and_copy_no_customer_line() -> None:
    path = ROOT / "tests" / "search_queries_holdout.yml"
    queries = EVAL["load_queries"](path)
    lines = EVAL["customer_lines"]()
    assert len(queries) >= 20
    assert all(principle in lines for query in queries for principle in query.expect)
    assert [query.text for query in queries if EVAL["copied_run"](query, lines)] == []

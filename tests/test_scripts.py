"""The benchmark script keeps working (its numbers are read by people, never asserted)."""

from __future__ import annotations

import pytest

from support import ROOT, run_script


def test_the_benchmark_runs_and_prints_its_table(tmp_path) -> None:
    result = run_script(
        # The smallest playbooks bench.py makes: 1-3 related each, and 12 (the schema's most) plus itself.
        "bench.py",
        "--sizes",
        "4",
        "--all-related",
        "13",
        "--repeat",
        "1",
        "--edits",
        "1",
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert rows[0].split("|")[1].strip() == "principles"
    assert rows[2].split("|")[1].strip() == "4"
    assert "All related: 13 principles, each related to 12 others" in result.stdout
    preview = result.stdout.split("Preview edit to reload", 1)[1]
    row = [line for line in preview.splitlines() if line.startswith("|")][2]
    assert [cell.strip() for cell in row.split("|")[1:3]] == ["4", "1"]  # principles, edits
    # The three engines side by side, from the same runs (MkDocs' is the plugin build above).
    engines = result.stdout.split("Engines (", 1)[1]
    header, _, row = [line for line in engines.splitlines() if line.startswith("|")][:3]
    cells = dict(
        zip(*([cell.strip() for cell in line.split("|")[1:-1]] for line in (header, row)), strict=True)
    )
    assert cells["principles"] == "4" and cells["MkDocs s"] == rows[2].split("|")[3].strip()
    assert float(cells["ProperDocs s"]) > 0 and float(cells["Zensical s"]) > 0
    assert float(cells["Zensical / MkDocs"]) == pytest.approx(
        float(cells["Zensical s"]) / float(cells["MkDocs s"]), abs=0.01
    )
    assert float(cells["Zensical MB"]) > 0 and float(cells["ProperDocs MB"]) > 0


def test_the_benchmark_skips_the_all_related_case_at_zero() -> None:
    result = run_script(
        "bench.py",
        "--skip-builds",
        "--sizes",
        "4",
        "--repeat",
        "1",
        "--edits",
        "0",
        "--all-related",
        "0",
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "All related" not in result.stdout
    assert "all targets met" in result.stdout


def test_the_benchmark_measures_the_bytes_one_search_fetches_alone() -> None:
    result = run_script("bench.py", "--search-bytes", "--sizes", "4", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Bytes one search fetches" in result.stdout
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    row = dict(
        zip(*([cell.strip() for cell in line.split("|")[1:-1]] for line in (rows[0], rows[2])), strict=True)
    )
    assert row["principles"] == "4"
    assert float(row["most: library"]) > 50  # Pagefind's library and its wasm
    assert float(row["most: index"]) > 0 and float(row["most: fragments"]) > 0
    assert float(row["most KB"]) >= max(float(row[f"q{number} KB"]) for number in range(1, 5))

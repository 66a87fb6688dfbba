"""The benchmark script keeps working (its numbers are read by people, never asserted)."""

from __future__ import annotations

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

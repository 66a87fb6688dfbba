"""Benchmark the playbook on synthetic playbooks made from the real principles.

    python scripts/bench.py [--sizes 100,1000] [--repeat 3]

Prints a table. Targets are checked as ratios measured in this one run, never by timed tests:
validation of 1,000 principles, in-process and through scripts/validate.py, must stay under 1 s.
"""

from __future__ import annotations

import argparse
import platform
import random
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import yaml

from playbook.loader import load_principles
from playbook.manifest import updated_manifest
from playbook.model import Principle

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema=../plugins/playbook/schema/principle.schema.json\n"


def synthetic_playbook(folder: Path, size: int, templates: list[Principle], seed: int = 7) -> None:
    """`size` principles cloned from the real ones, with tags and related links spread realistically:
    about one tag per 20 principles, 2-4 tags and 1-3 related links each."""
    rng = random.Random(seed)
    principles_dir = folder / "principles"
    principles_dir.mkdir(parents=True)
    ids = [f"{templates[index % len(templates)].id}-{index}" for index in range(size)]
    tag_pool = [f"topic-{number}" for number in range(max(5, size // 20))]
    for index, principle_id in enumerate(ids):
        template = templates[index % len(templates)]
        source = {"title": template.source.title}
        source |= {
            key: value
            for key, value in [
                ("author", template.source.author),
                ("publication", template.source.publication),
            ]
            if value
        }
        data = {
            "id": principle_id,
            "title": f"{template.title} ({index})",
            "summary": template.summary,
            "source": source,
            "story": template.story,
            "situation": template.situation,
            "bad_response": {"says": template.bad_response.says, "why": template.bad_response.why},
            "good_response": {"says": template.good_response.says, "why": template.good_response.why},
            "takeaways": list(template.takeaways),
            "tags": rng.sample(tag_pool, rng.randint(2, 4)),
            "related": rng.sample(
                [other for other in ids if other != principle_id]
                if size < 50
                else [ids[(index + step) % size] for step in rng.sample(range(1, size), 3)],
                rng.randint(1, 3),
            ),
        }
        text = SCHEMA_LINE + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (principles_dir / f"{principle_id}.yml").write_text(text, encoding="utf-8")
    loaded = load_principles(principles_dir)
    (principles_dir / "published.txt").write_text(updated_manifest(None, loaded), encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Synthetic playbook\n", encoding="utf-8")


def best_of(repeat: int, action) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def validation_rows(sizes: list[int], repeat: int, templates: list[Principle]) -> list[list[str]]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            synthetic_playbook(folder, size, templates)
            in_process = best_of(repeat, partial(load_principles, folder / "principles"))
            command = [sys.executable, str(ROOT / "scripts" / "validate.py")]
            cli = best_of(
                repeat, partial(subprocess.run, command, cwd=folder, check=True, capture_output=True)
            )
            per_thousand = cli * 1000 / size
            rows.append(
                [
                    f"{size:,}",
                    f"{in_process:.3f}",
                    f"{cli:.3f}",
                    f"{per_thousand:.3f}",
                    f"{per_thousand / 1.0:.2f}",
                    "ok" if size < 1000 or cli < 1.0 else "OVER",
                ]
            )
    return rows


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(headers), rule, *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated playbook sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    arguments = parser.parse_args(argv)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    templates = load_principles(ROOT / "principles", root=ROOT)

    print(
        f"Machine: {platform.node()}, {platform.machine()}, Python {platform.python_version()}, "
        f"{len(__import__('os').sched_getaffinity(0))} cores; best of {arguments.repeat}"
    )
    print()
    print("Validation (scripts/validate.py runs a fresh interpreter: start-up and imports included)")
    headers = ["principles", "in-process s", "validate.py s", "s per 1,000", "ratio to 1 s budget", "target"]
    print(table(headers, validation_rows(sizes, arguments.repeat, templates)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

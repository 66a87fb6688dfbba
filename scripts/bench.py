"""Benchmark the playbook on synthetic playbooks made from the real principles.

    python scripts/bench.py [--sizes 100,1000,5000] [--repeat 3] [--skip-builds] [--edits 5]
        [--engines mkdocs,properdocs,zensical] [--all-related 1000 (0: skip the case)]

For each size it builds the same content side by side in one run: with the playbook plugin, and as
plain Markdown pages written by hand (the baseline); and on each engine (--engines): MkDocs with the
plugin, ProperDocs with the plugin (.venv-properdocs), and Zensical (.venv-zensical: the Markdown
export, `zensical build`, then Pagefind, as scripts/build_zensical.py does). It prints build-time
ratios, each engine's time and peak memory beside MkDocs', growth from 1,000 to 5,000, page,
search-index and drill-data (practice.json) bytes per principle, and validation time. Targets are
checked as ratios measured in this one run, never by timed tests
(machines here are shared):

- plugin overhead at 1,000 principles: at most 1.10 times the baseline;
- linear growth: t(5,000) / t(1,000) at most 5.5;
- a principle page's size independent of N: within 10% between the smallest and largest size;
- validation of 1,000 principles under one second;
- the all-related case (1,000 principles, each related to 12 others, the most the schema allows):
  the same overhead and validation targets, so no cross-principle step is quadratic;
- the preview (`make serve`), from saving a principle's new title to its new page served: a median
  of at most 0.5 s at 100 principles and 1.5 s at 1,000 (preview_timing.py);
- bytes per search: what one search fetches (Pagefind's library and wasm, pf_meta, index chunks, the
  fragments of the shown results, search-vocabulary.json), measured in Chromium with an empty cache
  for a few typical queries typed on a phone (search_eval.py): at most 300 KB at 5,000 principles.
  `bench.py --search-bytes --sizes 1000,5000` measures only that;
- the largest page (HTML as written) and its address: at most 1 MB at 5,000 principles.
  `bench.py --page-sizes --sizes 1000,5000` measures only that (one plugin build per size).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path

import yaml
from preview_timing import report_preview
from search_eval import SEARCH_BYTES_QUERIES, SEARCH_FILE_KINDS, SLOW_TYPING_MS, search_fetch_bytes

from playbook.core import (
    BUNDLE_DIR,
    PRACTICE_URI,
    PRECACHE_LIMIT,
    PlaybookInputError,
    Principle,
    export_playbook,
    load_principles,
    plan_precache,
    read_paths,
    schema,
    updated_manifest,
)

ROOT = Path(__file__).resolve().parent.parent
MAX_RELATED = schema()["properties"]["related"]["maxItems"]
SEARCH_BYTES_LIMIT = 300 * 1024
"""Bytes one search may fetch at 5,000 principles (issue 20)."""
SCHEMA_LINE = "# yaml-language-server: $schema=../plugins/playbook/schema/principle.schema.json\n"
CONFIG = """\
site_name: Synthetic playbook
theme:
  name: material
  font: false
{custom_dir}
plugins: {playbook}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
{extra_css}
nav:
  - Home: index.md
  - Principles: principles/index.md
  - Tags: tags/index.md
  - Do / Don't: do-dont.md
"""
# Runs one build in a fresh interpreter and reports that process's peak memory. The plugin writes the
# Pagefind search index after its build; the hand-written baseline (`--index`) runs the same indexing
# after its build, so both sides pay for search alike.
# Peak memory is the larger of the interpreter's and its largest child's (Pagefind, Zensical).
PEAK_RSS_KB = """
import resource
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(peak, file=sys.stderr)
"""
BUILD_AND_REPORT = """
import resource, sys
from pathlib import Path
from mkdocs.__main__ import cli
try:
    cli(["build", "--quiet", "--strict"], standalone_mode=False)
    if "--index" in sys.argv:
        from playbook.core import index_site
        index_site(Path("site"))
finally:""" + PEAK_RSS_KB.replace("\n", "\n    ")
# Zensical runs no plugin: the playbook's Markdown export (written here, in .venv), `zensical build
# --strict` from .venv-zensical, then the Pagefind index; scripts/build_zensical.py in one process.
ZENSICAL_BUILD_AND_REPORT = """
import resource, shutil, subprocess, sys
from pathlib import Path
from playbook.core import export_playbook
from playbook.core import index_site
zensical, out = sys.argv[1], Path(sys.argv[2])
shutil.rmtree(out, ignore_errors=True)
try:
    export_playbook(Path("mkdocs.yml"), out, theme_overrides=Path(sys.argv[3]))
    subprocess.run([zensical, "build", "--strict", "-f", str(out / "mkdocs.yml")], check=True,
                   capture_output=True)
    index_site(out / "site")
finally:""" + PEAK_RSS_KB.replace("\n", "\n    ")
ENGINES = ("mkdocs", "properdocs", "zensical")
ENGINE_NAMES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs", "zensical": "Zensical"}
ENGINE_PYTHON = {"properdocs": ROOT / ".venv-properdocs" / "bin" / "python"}
"""ProperDocs runs BUILD_AND_REPORT in its own environment, where `mkdocs` imports load ProperDocs."""
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
THEME_OVERRIDES = Path(str(resources.files("playbook.mkdocs").joinpath("theme")))


def synthetic_playbook(
    folder: Path, size: int, templates: list[Principle], seed: int = 7, related: int | None = None
) -> None:
    """`size` principles cloned from the real ones, with tags and related links spread realistically:
    about one tag per 20 principles, 2-4 tags and 1-3 related links each, and onboarding paths
    (synthetic_paths). With `related`, every principle is related to that many others (the
    all-related case: the most the schema allows)."""
    rng = random.Random(seed)
    principles_dir = folder / "principles"
    principles_dir.mkdir(parents=True)
    ids = [f"{templates[index % len(templates)].id}-{index}" for index in range(size)]
    tag_pool = [f"topic-{number}" for number in range(max(5, size // 20))]
    for index, principle_id in enumerate(ids):
        template = templates[index % len(templates)]
        source = {"title": template.source.title}
        if template.source.author:
            source["author"] = template.source.author
        if template.source.publication:
            source["publication"] = template.source.publication
        data = {
            "id": principle_id,
            "title": f"{template.title} ({index})",
            "summary": template.summary,
            "customer_says": list(template.customer_says),
            "source": source,
            "story": template.story,
            "situation": template.situation,
            "bad_response": {"says": template.bad_response.says, "why": template.bad_response.why},
            "good_response": {"says": template.good_response.says, "why": template.good_response.why},
            "takeaways": list(template.takeaways),
            "tags": rng.sample(tag_pool, rng.randint(2, 4)),
            "related": [
                ids[(index + step) % size]
                for step in rng.sample(range(1, size), min(related or rng.randint(1, 3), size - 1))
            ],
        }
        text = SCHEMA_LINE + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (principles_dir / f"{principle_id}.yml").write_text(text, encoding="utf-8")
    vocabulary = {
        tag: {"label": tag.replace("-", " ").capitalize(), "description": f"Synthetic {tag}."}
        for tag in tag_pool
    }
    (principles_dir / "_tags.yml").write_text(yaml.safe_dump(vocabulary), encoding="utf-8")
    synthetic_paths(principles_dir / "_paths", ids, rng)
    synonyms = ROOT / "principles" / "_synonyms.yml"  # the team's search vocabulary, as the real playbook's
    if synonyms.exists():
        shutil.copy2(synonyms, principles_dir / synonyms.name)
    loaded = load_principles(principles_dir)
    paths, problems = read_paths(principles_dir, set(ids), root=folder)
    if problems:
        raise SystemExit(str(PlaybookInputError(problems)))
    (principles_dir / "published.txt").write_text(updated_manifest(None, loaded, paths), encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Synthetic playbook\n\nSee [[" + ids[0] + "]].\n")
    (folder / "mkdocs.yml").write_text(CONFIG.format(custom_dir="", playbook="\n  - playbook", extra_css=""))


PATH_STEPS = 10
"""Steps of a synthetic onboarding path: a real path's five, doubled."""


def synthetic_paths(folder: Path, ids: list[str], rng: random.Random) -> None:
    """Onboarding paths, one per 500 principles (at least one) of PATH_STEPS steps each, so the path page
    and its drill data are measured at every size like the rest."""
    folder.mkdir()
    for number in range(max(1, len(ids) // 500)):
        path = {
            "id": f"path-{number}",
            "title": f"Onboarding path {number}",
            "audience": "New sales hires in their first weeks.",
            "introduction": "One principle a day, in this order.\n",
            "steps": [
                {"principle": principle_id, "note": "Read it, then drill it."}
                for principle_id in rng.sample(ids, min(PATH_STEPS, len(ids)))
            ],
        }
        text = yaml.safe_dump(path, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"path-{number}.yml").write_text(text, encoding="utf-8")


def hand_written_baseline(playbook_folder: Path, folder: Path) -> None:
    """The same pages as Markdown files in docs/, built without the plugin: what a team would write.
    It is the playbook's Markdown export (scripts/export_markdown.py), made by the same core code."""
    export_playbook(playbook_folder / "mkdocs.yml", folder, theme_overrides=THEME_OVERRIDES)


@dataclass
class Build:
    seconds: float
    peak_rss_mb: float


def build(folder: Path, *, index: bool = False, engine: str = "mkdocs") -> Build:
    """One build of `folder` in a fresh interpreter: the engine's own, with the plugin (Zensical: the
    export, its build and the index); with `index`, the baseline built by MkDocs and indexed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    python = str(ENGINE_PYTHON.get(engine, sys.executable))
    if engine == "zensical":
        export = folder.parent / f"{folder.name}-zensical"
        command = [python, "-c", ZENSICAL_BUILD_AND_REPORT, str(ZENSICAL), str(export), str(THEME_OVERRIDES)]
    else:
        command = [python, "-c", BUILD_AND_REPORT, *(["--index"] if index else [])]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {folder}:\n{result.stderr[-3000:]}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return Build(seconds, peak_kb / 1024)


@dataclass
class SizeResult:
    size: int
    plugin: Build
    baseline: Build
    page_bytes: float
    search_bytes: float
    drill_bytes: float
    """practice.json per principle; the /practice/ page carries the same data, compacted."""
    fetched: dict[str, dict[str, int]]
    """Bytes one search fetches, by query and kind of file (search_eval.search_fetch_bytes)."""
    fetched_pasted: dict[str, dict[str, int]]
    """The same, the query pasted (one input event) rather than typed key by key."""
    engines: dict[str, Build]
    """Each engine's build of the same playbook (`plugin` is MkDocs'), best of the same interleaved runs."""
    offline: tuple[int, int] = (0, 0)
    """Bytes the service worker stores: on the first visit, and with "Save for offline"
    (core/site/offline.py)."""


def measure_builds(
    size: int,
    repeat: int,
    templates: list[Principle],
    related: int | None = None,
    engines: tuple[str, ...] = ("mkdocs",),
) -> SizeResult:
    with tempfile.TemporaryDirectory() as temporary:
        with_plugin = Path(temporary) / "plugin"
        baseline = Path(temporary) / "baseline"
        synthetic_playbook(with_plugin, size, templates, related=related)
        hand_written_baseline(with_plugin, baseline)
        plugin_runs, baseline_runs = [], []
        others: dict[str, list[Build]] = {engine: [] for engine in engines if engine != "mkdocs"}
        for _ in range(repeat):  # interleaved, so that machine noise hits all alike
            baseline_runs.append(build(baseline, index=True))
            for engine, runs in others.items():
                runs.append(build(with_plugin, engine=engine))
            plugin_runs.append(build(with_plugin))  # last: the site measured below is MkDocs'
        pages = list((with_plugin / "site" / "principles").glob("*/index.html"))
        page_bytes = statistics.mean(page.stat().st_size for page in pages)
        bundle = with_plugin / "site" / BUNDLE_DIR  # the Pagefind index a reader downloads in chunks
        search_bytes = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file()) / size
        drill_bytes = (with_plugin / "site" / PRACTICE_URI).stat().st_size / size
        fetched = search_fetch_bytes(with_plugin / "site")
        fetched_pasted = search_fetch_bytes(with_plugin / "site", pasted=True)
        fastest = partial(min, key=lambda run: run.seconds)
        precache = plan_precache(with_plugin / "site")
        return SizeResult(
            size,
            fastest(plugin_runs),
            fastest(baseline_runs),
            page_bytes,
            search_bytes,
            drill_bytes,
            fetched,
            fetched_pasted,
            {"mkdocs": fastest(plugin_runs)} | {engine: fastest(runs) for engine, runs in others.items()},
            offline=(precache.install_bytes, precache.total_bytes),
        )


def best_of(repeat: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def validation_row(
    size: int, repeat: int, templates: list[Principle], related: int | None = None
) -> list[str]:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        synthetic_playbook(folder, size, templates, related=related)
        in_process = best_of(repeat, partial(load_principles, folder / "principles"))
        command = [sys.executable, str(ROOT / "scripts" / "validate.py")]
        cli = best_of(repeat, partial(subprocess.run, command, cwd=folder, check=True, capture_output=True))
    per_thousand = cli * 1000 / size
    verdict = "ok" if (cli if size <= 1000 else per_thousand) < 1.0 else "OVER"  # under 1 s per 1,000
    return [f"{size:,}", f"{in_process:.3f}", f"{cli:.3f}", f"{per_thousand:.3f}", verdict]


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(headers), rule, *map(line, rows)])


def report_builds(results: list[SizeResult]) -> list[str]:
    """The build table and the verdict on each target; returns the targets missed."""
    rows = [
        [
            f"{result.size:,}",
            f"{result.baseline.seconds:.2f}",
            f"{result.plugin.seconds:.2f}",
            f"{result.plugin.seconds / result.baseline.seconds:.3f}",
            f"{result.baseline.peak_rss_mb:.0f}",
            f"{result.plugin.peak_rss_mb:.0f}",
            f"{result.page_bytes / 1024:.1f}",
            f"{result.search_bytes / 1024:.1f}",
            f"{result.drill_bytes / 1024:.2f}",
        ]
        for result in results
    ]
    headers = [
        "principles", "hand-written s", "plugin s", "plugin / hand-written",
        "hand-written MB", "plugin MB", "KB per page", "search KB per principle",
        "drill JSON KB per principle",
    ]  # fmt: skip
    print(table(headers, rows))
    print()
    for result in results:
        first_visit, everything = (f"{size / 1e6:.1f} MB" for size in result.offline)
        print(f"offline precache, {result.size:,} principles: {first_visit} on the first visit, ", end="")
        print(f"{everything} with Save for offline (limit {PRECACHE_LIMIT / 2**20:.0f} MiB after the shell)")
    print()
    report_engines(results)
    missed = report_search_bytes(
        {result.size: result.fetched for result in results},
        {result.size: result.fetched_pasted for result in results},
    )
    by_size = {result.size: result for result in results}
    if 1000 in by_size:
        overhead = by_size[1000].plugin.seconds / by_size[1000].baseline.seconds
        missed += verdict("plugin overhead at 1,000", overhead, 1.10)
    if 1000 in by_size and 5000 in by_size:
        for name in ("plugin", "baseline"):
            growth = getattr(by_size[5000], name).seconds / getattr(by_size[1000], name).seconds
            missed += verdict(f"growth t(5,000) / t(1,000), {name}", growth, 5.5)
    if len(results) > 1:
        spread = results[-1].page_bytes / results[0].page_bytes
        print(f"page size, {results[-1].size:,} vs {results[0].size:,} principles: {spread:.3f}", end=" ")
        ok = abs(spread - 1) <= 0.10
        print("(target within 0.90-1.10: ok)" if ok else "(target within 0.90-1.10: MISSED)")
        missed += [] if ok else ["page size"]
    return missed


def report_engines(results: list[SizeResult]) -> None:
    """Each engine's build time and peak memory beside MkDocs', from the same interleaved runs."""
    engines = list(results[0].engines)
    if len(engines) < 2:
        return
    names = [ENGINE_NAMES[engine] for engine in engines]
    headers = [
        "principles",
        *(f"{name} s" for name in names),
        *(f"{name} / MkDocs" for name in names[1:]),
        *(f"{name} MB" for name in names),
    ]
    rows = [
        [
            f"{result.size:,}",
            *(f"{result.engines[engine].seconds:.2f}" for engine in engines),
            *(f"{result.engines[engine].seconds / result.plugin.seconds:.3f}" for engine in engines[1:]),
            *(f"{result.engines[engine].peak_rss_mb:.0f}" for engine in engines),
        ]
        for result in results
    ]
    print("Engines (the same playbook; Zensical: export + zensical build + Pagefind; peak MB of the")
    print("build's process or its largest child, such as Pagefind)")
    print(table(headers, rows))
    print()


def report_search_bytes(
    fetched: dict[int, dict[str, dict[str, int]]], pasted: dict[int, dict[str, dict[str, int]]]
) -> list[str]:
    """The bytes-per-search table, one row per size: each query typed, where the heaviest one's bytes
    go, and the heaviest pasted; then the target (typed or pasted); returns the targets missed."""
    print(
        "Bytes one search fetches (Chromium, empty cache, typed key by key on a phone, "
        f"{SLOW_TYPING_MS} ms a key), KB by query:"
    )
    for number, query in enumerate(SEARCH_BYTES_QUERIES, 1):
        print(f"  q{number}: {query!r}")
    kinds = [kind for kind, _ in SEARCH_FILE_KINDS]
    headers = [
        "principles",
        *(f"q{number} KB" for number in range(1, len(SEARCH_BYTES_QUERIES) + 1)),
        "most KB",
        *(f"most: {kind}" for kind in kinds),
        "most KB pasted",
    ]
    rows, missed = [], []
    for size, by_query in sorted(fetched.items()):
        totals = {query: sum(by_kind.values()) for query, by_kind in by_query.items()}
        heaviest = max(totals, key=totals.__getitem__)
        rows.append(
            [
                f"{size:,}",
                *(f"{totals[query] / 1024:.1f}" for query in SEARCH_BYTES_QUERIES),
                f"{totals[heaviest] / 1024:.1f}",
                *(f"{by_query[heaviest][kind] / 1024:.1f}" for kind in kinds),
                f"{max(sum(by_kind.values()) for by_kind in pasted[size].values()) / 1024:.1f}",
            ]
        )
    print(table(headers, rows))
    for size, by_query in sorted(fetched.items()):
        if size >= 5000:
            both = [*by_query.values(), *pasted[size].values()]  # typed or pasted, whichever fetches more
            most = max(sum(by_kind.values()) for by_kind in both)
            missed += verdict(f"KB per search at {size:,}", most / 1024, SEARCH_BYTES_LIMIT / 1024)
    print()
    return missed


def measure_search_bytes(
    size: int, templates: list[Principle]
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Bytes per search alone: the synthetic playbook built once with the plugin, then searched."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "plugin"
        synthetic_playbook(folder, size, templates)
        build(folder)
        return search_fetch_bytes(folder / "site"), search_fetch_bytes(folder / "site", pasted=True)


PAGE_LIMIT_BYTES = 1024 * 1024
"""No page over 1 MB (issue 22): one-page views split, the drill fetches its data by scope."""


def largest_page(site: Path) -> tuple[int, str]:
    """The heaviest HTML page of a built site, in bytes as written, and its address from the root."""
    size, path = max((path.stat().st_size, path) for path in site.rglob("*.html"))
    return size, "/" + str(path.relative_to(site)).removesuffix("index.html")


def report_page_sizes(sizes: list[int], templates: list[Principle]) -> list[str]:
    """One plugin build per size; prints the largest page and its address; returns the targets missed."""
    missed = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary) / "plugin"
            synthetic_playbook(folder, size, templates)
            build(folder)
            heaviest, address = largest_page(folder / "site")
        print(f"largest page at {size:,} principles: {heaviest / 1024:,.0f} KB, {address}")
        if size >= 5000:
            missed += verdict(f"largest page at {size:,} (MB)", heaviest / PAGE_LIMIT_BYTES, 1.0)
    return missed


def verdict(name: str, value: float, limit: float) -> list[str]:
    ok = value <= limit
    print(f"{name}: {value:.3f} (target at most {limit:.2f}: {'ok' if ok else 'MISSED'})")
    return [] if ok else [name]


def report_all_related(arguments: argparse.Namespace, templates: list[Principle]) -> list[str]:
    """The all-related case: N principles (1,000 by default), each related to the most others the
    schema allows. Every cross-principle step must stay linear: the same targets as the ordinary
    1,000, which apply from 1,000 principles on (smaller sizes only keep the script working)."""
    size = arguments.all_related
    print(f"\nAll related: {size:,} principles, each related to {MAX_RELATED} others")
    missed = []
    if not arguments.skip_builds:
        result = measure_builds(size, arguments.repeat, templates, related=MAX_RELATED)
        print(
            f"hand-written {result.baseline.seconds:.2f} s, plugin {result.plugin.seconds:.2f} s, "
            f"plugin MB {result.plugin.peak_rss_mb:.0f}, KB per page {result.page_bytes / 1024:.1f}"
        )
        overhead = result.plugin.seconds / result.baseline.seconds
        if size >= 1000:
            missed += verdict(f"plugin overhead, all related at {size:,}", overhead, 1.10)
    row = validation_row(size, arguments.repeat, templates, related=MAX_RELATED)
    print(f"validation: in-process {row[1]} s, validate.py {row[2]} s (target under 1 s: {row[-1]})")
    missed += [f"validation, all related at {size:,}"] if row[-1] == "OVER" and size >= 1000 else []
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated playbook sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    parser.add_argument("--skip-builds", action="store_true", help="no site builds (validation, preview)")
    parser.add_argument(
        "--edits", type=int, default=5, help="title saves per size for the preview's edit to reload; 0: none"
    )
    parser.add_argument(
        "--all-related", type=int, default=1000, metavar="N", help="size of the all-related case; 0: skip it"
    )
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help=f"engines to build side by side (default: all of {', '.join(ENGINES)}); mkdocs always runs",
    )
    parser.add_argument(
        "--search-bytes", action="store_true", help="only the bytes one search fetches, at each size"
    )
    parser.add_argument(
        "--page-sizes", action="store_true", help="only the largest page and its address, at each size"
    )
    arguments = parser.parse_args(argv)
    sizes = sorted(int(size) for size in arguments.sizes.split(","))
    if arguments.all_related < 0:
        parser.error("--all-related takes a size, or 0 to skip the case")
    engines = ("mkdocs", *(name for name in arguments.engines.split(",") if name and name != "mkdocs"))
    for engine in engines:
        needed = ZENSICAL if engine == "zensical" else ENGINE_PYTHON.get(engine, Path(sys.executable))
        if engine not in ENGINES:
            parser.error(f"--engines: unknown engine {engine!r}; expected some of {', '.join(ENGINES)}")
        if not arguments.skip_builds and not needed.exists():
            parser.error(
                f"--engines: {engine} needs {needed} (`make test` makes .venv-properdocs, "
                "`make build-zensical` .venv-zensical); or leave it out of --engines"
            )
    templates = load_principles(ROOT / "principles", root=ROOT)
    missed: list[str]
    if arguments.page_sizes:
        missed = report_page_sizes(sizes, templates)
        print("all targets met" if not missed else "targets missed: " + ", ".join(missed))
        return 1 if missed else 0
    if arguments.search_bytes:
        measured = {size: measure_search_bytes(size, templates) for size in sizes}
        missed = report_search_bytes(
            {size: typed for size, (typed, _) in measured.items()},
            {size: pasted for size, (_, pasted) in measured.items()},
        )
        print("all targets met" if not missed else "targets missed: " + ", ".join(missed))
        return 1 if missed else 0

    cores = len(os.sched_getaffinity(0))
    print(f"Machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}; ", end="")
    print(f"best of {arguments.repeat}, hand-written and plugin builds interleaved")
    missed = []
    if not arguments.skip_builds:
        print("\nBuilds (mkdocs build --strict in a fresh interpreter, start-up included)")
        missed += report_builds(
            [measure_builds(size, arguments.repeat, templates, engines=engines) for size in sizes]
        )
    print("\nValidation (scripts/validate.py runs a fresh interpreter: start-up and imports included)")
    rows = [validation_row(size, arguments.repeat, templates) for size in sizes]
    print(table(["principles", "in-process s", "validate.py s", "validate.py s per 1,000", "target"], rows))
    missed += [f"validation of {row[0]}" for row in rows if row[-1] == "OVER"]
    if arguments.all_related:
        missed += report_all_related(arguments, templates)
    if arguments.edits > 0:
        playbook = partial(synthetic_playbook, templates=templates)
        missed += report_preview(sizes, arguments.edits, playbook, table, verdict)
    print("\n" + ("all targets met" if not missed else "targets missed: " + ", ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

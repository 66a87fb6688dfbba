"""Lighthouse on a phone for every kind of page, with the site served gzip-compressed as a host would.

    python scripts/lighthouse.py                    # builds today's playbook into a temporary folder
    python scripts/lighthouse.py --site site        # an already built site
    python scripts/lighthouse.py --size 5000        # a synthetic playbook of 5,000 (bench.py's)

A measurement tool, not a test dependency: it needs node and npm (CI does not), and installs the pinned
Lighthouse below once into ~/.cache/playbook-lighthouse. Chromium is CHROME_PATH, or chromium or
chromium-headless-shell on the PATH.
Lighthouse's default mobile profile (a Moto G Power, simulated slow 4G and 4x CPU slowdown) runs each
page kind: home, a principle, a tag, Do / Don't, /customer-says/, /practice/ and a path. Targets:
performance at least 95, total blocking time under 200 ms, 100 in accessibility, best practices and
SEO. It prints one row per page kind and every audit that cost a point, and exits 1 if a target is
missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs a newer node than this machine's 20
CACHE = Path.home() / ".cache" / "playbook-lighthouse" / LIGHTHOUSE_VERSION
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs", ".webmanifest")
PERFORMANCE_TARGET = 95
CHROMES = ("chromium", "chromium-headless-shell")
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BLOCKING_TARGET_MS = 200


class CompressingHandler(SimpleHTTPRequestHandler):
    """A static host: text files gzip-compressed when the browser accepts it, 404.html for a missing
    address, and no cache headers beyond what the standard library sends."""

    body: bytes | None = None
    """What send_head prepared for do_GET to write (None: the standard library answered itself)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the standard library's redirect to the folder
            path = path / "index.html"
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        else:
            status = 200
        body = path.read_bytes()
        compress = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.body = body
        return None

    def do_GET(self) -> None:
        self.body = None
        self.send_head()
        if self.body is not None:
            self.wfile.write(self.body)


@contextmanager
def serve_compressed(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 with gzip; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(CompressingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with server:  # closed on the way out, once serve_forever has stopped
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def lighthouse_command() -> list[str]:
    """The pinned Lighthouse, installed once with npm into the cache folder."""
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--save-exact", "--prefix", str(CACHE),
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    return [str(binary)]


def page_kinds(site: Path) -> dict[str, str]:
    """One address per kind of page, found in the built site (the first of each kind)."""

    def first(folder: str) -> str | None:
        found = sorted(path.parent for path in (site / folder).glob("*/index.html"))
        return f"{folder}/{found[0].name}/" if found else None

    kinds = {
        "home": "",
        "principle": first("principles"),
        "tag": first("tags"),
        "Do / Don't": "do-dont/",
        "Do / Don't, one tag": first("do-dont"),  # where the sheet is split by tag (large playbooks)
        "customer says": "customer-says/",
        "practice": "practice/",
        "path": first("paths"),
    }
    return {kind: address for kind, address in kinds.items() if address is not None}


def audit_page(url: str, report: Path) -> dict:
    """Lighthouse's JSON report of `url` on its default mobile profile."""
    chrome = os.environ.get("CHROME_PATH") or next(filter(None, map(shutil.which, CHROMES)), CHROMES[0])
    flags = "--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
    command = [
        *lighthouse_command(),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    ran = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True)
    if ran.returncode != 0 or not report.exists():
        return {"runtimeError": {"message": (ran.stderr.strip().splitlines() or ["no report"])[-1]}}
    return json.loads(report.read_text())


def lost_points(result: dict) -> list[str]:
    """The audits that cost a point, with what Lighthouse says about them."""
    lines = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                lines.append(f"{category['id']}: {audit['id']} ({audit['score']:.2f}) {value}".rstrip())
    opportunities = ("render-blocking-resources", "unused-css-rules", "unused-javascript")
    for audit_id in opportunities:
        audit = result["audits"].get(audit_id)
        if audit and audit["score"] is not None and audit["score"] < 1:
            items = audit.get("details", {}).get("items", [])
            lines += [f"  {audit_id}: {item.get('url')} {item.get('wastedBytes', '')}" for item in items]
    return lines


def measure(site: Path, reports: Path, verbose: bool = False) -> list[str]:
    """A row per kind of page, each page's report kept in `reports`; the pages that missed returned."""
    missed = []
    columns = ["page", "address", "performance", "TBT ms", "LCP s", "accessibility", "best practices"]
    print("| " + " | ".join([*columns, "SEO", "KB sent"]) + " |\n" + "|---" * (len(columns) + 2) + "|")
    with serve_compressed(site) as base_url:
        for kind, address in page_kinds(site).items():
            report = reports / f"{address.strip('/').replace('/', '-') or 'home'}.json"
            result = audit_page(base_url + address, report)
            if "categories" not in result or result.get("runtimeError"):
                print(f"| {kind} | /{address} | {result['runtimeError']['message']} |")
                missed.append(f"{kind} (/{address})")
                continue
            scores = {name: round(100 * result["categories"][name]["score"]) for name in CATEGORIES}
            blocking = result["audits"]["total-blocking-time"]["numericValue"]
            paint = result["audits"]["largest-contentful-paint"]["numericValue"] / 1000
            sent = result["audits"]["total-byte-weight"]["numericValue"] / 1024
            print(
                f"| {kind} | /{address} | {scores['performance']} | {blocking:.0f} | {paint:.1f} | "
                f"{scores['accessibility']} | {scores['best-practices']} | {scores['seo']} | {sent:.0f} |"
            )
            ok = scores["performance"] >= PERFORMANCE_TARGET and blocking < BLOCKING_TARGET_MS
            ok = ok and all(scores[name] == 100 for name in CATEGORIES[1:])
            if not ok:
                missed.append(f"{kind} (/{address})")
            if verbose or not ok:
                for line in lost_points(result):
                    print(f"    {line}", file=sys.stderr)
    return missed


def built_site(folder: Path, size: int | None) -> Path:
    """Today's playbook, or a synthetic one of `size` principles (bench.py's), built into `folder`."""
    if size is None:
        target = folder / "site"
        command = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(target)]
        built = subprocess.run(command, cwd=ROOT, env=QUIET, capture_output=True, text=True)
        if built.returncode != 0:
            raise SystemExit(built.stderr)
        return target
    from bench import build, synthetic_playbook  # only this case needs the benchmark

    from playbook.core import load_principles

    playbook = folder / "playbook"
    synthetic_playbook(playbook, size, load_principles(ROOT / "principles"))
    with (playbook / "mkdocs.yml").open("a", encoding="utf-8") as config:  # as the real site's has
        config.write(
            "site_description: Sales principles with the story behind each, and what to say instead.\n"
        )
    build(playbook)
    return playbook / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build today's playbook)")
    parser.add_argument("--size", type=int, help="a synthetic playbook of this many principles instead")
    parser.add_argument("--folder", type=Path, help="build into this folder (default: a temporary one)")
    parser.add_argument("--reports", type=Path, help="keep each page's JSON report in this folder")
    parser.add_argument("--verbose", action="store_true", help="every page's lost points")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        site = arguments.site or built_site(arguments.folder or Path(temporary), arguments.size)
        reports = arguments.reports or Path(temporary) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        missed = measure(site, reports, arguments.verbose)
    for page in missed:
        print(f"MISSED: {page}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Search quality: type the queries of tests/search_queries.yml into the real search box, in Chromium.

    python scripts/search_eval.py [--site DIR] [--distractors 200] [--both] [--fast] [--check]

It builds this playbook (`mkdocs build --strict`, or takes a built --site), serves it on 127.0.0.1,
opens Debian's Chromium headless shell at 390x844 (a phone), clicks the header search, types each
query key by key, waits for the result list to answer that query (search.js sets `data-query` on
the result element), and reads the principle ids of the result links in order. It prints top-1,
top-3 and MRR (mean reciprocal rank: 1/rank of the first expected principle, 0 when absent) and
every query whose expected principle is not first.

- `--distractors N` builds a copy of the project with N synthetic distractor principles
  (distractor-001...): plausible sales moments (demos, paperwork, territory planning...) made from
  templates, none of them a copy of a real principle or an answer to a query, so that ranking is
  tested against crowding.
- `--both` runs the five-principle playbook and the distractor playbook (N, 200 by default) in one
  run and prints their figures side by side.
- `--fast` types only the queries marked `fast: true` (the subset `make test` runs).
- `--check` exits 1 when a run is below the targets: top-1 at least 90%, top-3 100%.
- `--queries FILE` types another set, such as tests/search_queries_holdout.yml (queries nobody tuned
  against); only its expected ids are checked.

The query file's own rules (at least 60 queries, expected ids that exist, at least half sharing no
content word with their principle's customer lines, at least 20 fast) are checked first:
`query_file_problems` below, also run by tests/test_search_queries.py.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from playbook.core import light_stem

if TYPE_CHECKING:  # imported when a browser starts: the evaluation without one does not need it
    from playwright.sync_api import Browser, Page, Request, Response

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yml"
sys.path.insert(0, str(ROOT / "tests"))  # support.py: the browser the tests launch, and its server
from support import CHROMIUM, CHROMIUM_ARGS, PHONE, serve  # noqa: E402

sys.path.remove(str(ROOT / "tests"))
TARGET_TOP1 = 0.90
TARGET_TOP3 = 1.0
MIN_QUERIES = 60
MIN_FAST = 20
PRINCIPLE_LINK = re.compile(r"/principles/([a-z0-9][a-z0-9-]*)/")

# The content-word check: a fixed list of words that carry no meaning of their own in a rep's query
# (function words and the filler of reported speech), so "they say it's too pricey" has one content
# word, "pricey". Words are compared after a light stemming (`stem`), so "pushing" and "push" match.
STOPWORDS = frozenset(
    """a about after again all also am an and any are as at be been before being but by can can't
    could did do does doing don't down for from get gets got had has have he her him his how i i'd
    i'll i'm i've if in into is isn't it it's its just let me more most much my no nor not now of off
    ok okay on once only or other our ours out over own said same say says saying she should so some
    such than that that's the their them then there these they they'd they'll they're they've this
    those through to too up us very was we we'd we'll we're we've were what what's when where which
    while who why will with won't would you you'd you'll you're your yours""".split()  # noqa: SIM905
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9']*", text.lower().replace("\u2019", "'"))


def content_words(text: str) -> set[str]:
    return {light_stem(word) for word in words(text) if word not in STOPWORDS}


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]
    fast: bool
    line: int


def load_queries(path: Path = QUERIES) -> list[Query]:
    document = yaml.compose(path.read_text(encoding="utf-8"))
    if not isinstance(document, yaml.MappingNode):
        raise SystemExit(f"{path}: expected `queries:` and a list of queries")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes = [item for key, value in document.value if key.value == "queries" for item in value.value]
    return [
        Query(
            str(entry["q"]), tuple(entry["expect"]), bool(entry.get("fast", False)), node.start_mark.line + 1
        )
        for entry, node in zip(data["queries"], nodes, strict=True)
    ]


def customer_lines(principles_dir: Path = ROOT / "principles") -> dict[str, list[str]]:
    """Each principle's customer_says lines, by id, read from its YAML file."""
    lines = {}
    for path in sorted(principles_dir.glob("*.yml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines[data["id"]] = [str(line) for line in data.get("customer_says", [])]
    return lines


def shares_no_content_word(query: Query, lines: dict[str, list[str]]) -> bool:
    said = set().union(*(content_words(line) for principle in query.expect for line in lines[principle]))
    return not content_words(query.text) & said


def copied_run(query: Query, lines: dict[str, list[str]], length: int = 3) -> str | None:
    """Three words in a row of the query that also stand in a row in a customer line, if any."""
    typed = words(query.text)
    runs = {tuple(typed[index : index + length]) for index in range(len(typed) - length + 1)}
    for line in (line for said in lines.values() for line in said):
        spoken = words(line)
        for index in range(len(spoken) - length + 1):
            if tuple(spoken[index : index + length]) in runs:
                return " ".join(spoken[index : index + length])
    return None


def query_file_problems(queries: list[Query], lines: dict[str, list[str]], path: Path = QUERIES) -> list[str]:
    """What breaks the query file's rules, one line each (empty when it keeps them)."""
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    problems = []
    if len(queries) < MIN_QUERIES:
        problems.append(f"{where}: queries: {len(queries)} queries; write at least {MIN_QUERIES}")
    seen: set[str] = set()
    for query in queries:
        unknown = [principle for principle in query.expect if principle not in lines]
        if not query.expect or unknown:
            problems.append(f"{where}:{query.line}: expect: no principle {unknown or '(empty)'}")
        key = " ".join(words(query.text))
        if key in seen:
            problems.append(f"{where}:{query.line}: q: {query.text!r} is listed twice")
        seen.add(key)
        if not unknown and (run := copied_run(query, lines)):
            problems.append(
                f"{where}:{query.line}: q: copies {run!r} from a customer line; use a rep's words"
            )
    known = [query for query in queries if all(principle in lines for principle in query.expect)]
    apart = sum(shares_no_content_word(query, lines) for query in known)
    if apart * 2 < len(queries):
        problems.append(
            f"{where}: queries: only {apart} of {len(queries)} share no content word with their "
            "principle's customer lines; at least half must"
        )
    fast = sum(query.fast for query in queries)
    if fast < MIN_FAST:
        problems.append(f"{where}: fast: {fast} queries marked fast; mark at least {MIN_FAST}")
    return problems


# --- Distractor principles -------------------------------------------------------------------------

ROLES = [
    "IT director", "procurement lead", "office manager", "head of operations", "CFO", "plant engineer",
    "marketing lead", "HR partner", "clinic administrator", "school bursar",
]  # fmt: skip
MOMENTS = [
    # (title, summary, customer lines, situation, bad, good, takeaway), filled with {role}.
    (
        "Rehearse the demo on their data",
        "A demo built on the {role}'s own numbers is remembered; a generic tour is forgotten by lunch.",
        ["Can you show it with our figures?", "The sample dashboard looks nothing like ours."],
        "You have a demo booked with a {role} on Thursday and only the standard sample dataset loaded.",
        "Running the usual sample tour and promising it will look the same with their figures.",
        "Asking for an anonymised export on Monday and loading it, so the demo shows their own week.",
        "Ask for a small slice of real data a few days before every demo.",
    ),
    (
        "Answer the security questionnaire early",
        "Security reviews stall deals late; start the questionnaire when the {role} first shows interest.",
        ["Our security team needs the questionnaire filled in.", "Do you have a SOC 2 report?"],
        "A {role} mentions in passing that every new vendor goes through a 120-question security review.",
        "Waiting until the contract stage to ask for the questionnaire.",
        "Requesting the questionnaire now and booking your security engineer for a call with theirs.",
        "Find out in the first meeting which reviews a new vendor must pass.",
    ),
    (
        "Write the meeting recap the same day",
        "A short recap sent within hours keeps the {role} and their colleagues working from the same notes.",
        ["Can you send a summary of what we agreed?", "I'll need to forward this to my team."],
        "You finished a discovery call with a {role} and three colleagues who each heard something else.",
        "Sending nothing and relying on memory at the next meeting.",
        "Writing five lines that afternoon: what you heard, what you agreed, who does what by when.",
        "Send a recap the same day, with owners and dates.",
    ),
    (
        "Map the people around the decision",
        "Know who signs, who uses and who can block before you write a proposal for a {role}.",
        ["I'm not the only one involved here.", "Legal will want a look as well."],
        "Your only contact is a {role}, and you have never heard the names of the people who will use it.",
        "Writing the proposal for the one person you know.",
        "Asking who else will use, approve or sign, and offering to meet them briefly.",
        "Draw the map of people before the proposal, not after.",
    ),
    (
        "Plan the handover to onboarding",
        "Introduce the implementation team before signature so the {role} never feels dropped.",
        ["Who will we work with after the contract?", "Will you still be our contact?"],
        "A {role} is about to sign and asks who will run the rollout.",
        "Saying you will stay involved, then disappearing once the deal is booked.",
        "Booking a joint call with the onboarding lead and writing down who answers what.",
        "Make the handover a meeting, not an email.",
    ),
    (
        "Keep the CRM honest",
        "Record the deal as it is, so the forecast helps the team rather than flatters it.",
        ["We'll probably go ahead at some point.", "Put us down as interested."],
        "Your forecast call is tomorrow and a {role} has been vague for six weeks.",
        "Marking the deal as likely so the pipeline looks healthy.",
        "Recording the last real step and the next dated one, and flagging the deal as early.",
        "Forecast on dated next steps, not on hopes.",
    ),
    (
        "Prepare for the trade show",
        "Book meetings before the event; a booth without appointments is an expensive place to stand.",
        ["Will you be at the expo this year?", "Come by our stand on the second day."],
        "A regional trade fair is three weeks away and several {role}s from your territory will attend.",
        "Printing brochures and hoping people stop at the stand.",
        "Inviting ten named accounts to fixed twenty-minute slots and confirming each one.",
        "Fill your event calendar before you travel.",
    ),
    (
        "Ask for the referral at the right moment",
        "Ask for an introduction right after a success the {role} can describe in one sentence.",
        ["The rollout went really smoothly.", "My counterpart at another site asked about you."],
        "A {role} just told you the first month went well and the team is using the tool daily.",
        "Asking for referrals in the renewal email months later.",
        "Asking now whether one peer would benefit, and offering a short note they can forward.",
        "Ask for introductions when the good news is fresh.",
    ),
    (
        "Open a cold email with their world",
        "A first message about the {role}'s situation gets replies; one about your product gets deleted.",
        ["Who gave you my address?", "I get twenty of these emails a week."],
        "You are writing to a {role} you have never met, at a company that just opened a second site.",
        "Three paragraphs on features and a request for thirty minutes.",
        "Two lines on what second sites usually struggle with and one question they can answer quickly.",
        "Write about their situation in the first line.",
    ),
    (
        "Leave a voicemail worth returning",
        "A voicemail with one reason and one number is returned; a long pitch is skipped.",
        ["Sorry I missed your call.", "I only listen to the first few seconds of messages."],
        "Your call to a {role} goes to voicemail for the third time this month.",
        "A ninety-second pitch and a number read too fast.",
        "Fifteen seconds: your name, the one reason, your number twice, and a time you will try again.",
        "Keep voicemails under twenty seconds.",
    ),
    (
        "Schedule the next step before you hang up",
        "A meeting that ends without a booked next step loses weeks; agree the date while everyone is there.",
        ["Let's touch base sometime.", "Send me an invite for whenever works."],
        "A good first meeting with a {role} is ending and nobody has mentioned what happens next.",
        "Promising to follow up and sending an email a week later.",
        "Proposing two slots for the next meeting and sending the invite before you leave the call.",
        "Leave every call with a date in the calendar.",
    ),
    (
        "Read the RFP before answering it",
        "An RFP written around a competitor's product is a lot of work for a small chance.",
        ["Our tender closes at the end of the month.", "Please answer every section in the template."],
        "A {role} sends you a forty-page request for proposals with very specific requirements.",
        "Answering all forty pages the same week without asking anything.",
        "Calling the {role} to ask how the requirements were written and who helped write them.",
        "Decide whether to bid before you start writing.",
    ),
    (
        "Prepare the business review",
        "A quarterly review that shows the {role} their own results keeps the account growing.",
        ["What have we actually got out of this so far?", "Can you put together some usage numbers?"],
        "You have a quarterly review with a {role} next week and no usage figures prepared.",
        "Presenting your product roadmap for forty minutes.",
        "Opening with three numbers from their account and one problem still to solve together.",
        "Lead reviews with the customer's results.",
    ),
    (
        "Plan your territory by potential",
        "Spend your weeks where the accounts can grow, not where the meetings are easiest to book.",
        ["We're a small office, we won't need much.", "Call me when you're next in town."],
        "Your new territory has four hundred accounts, including {role}s you have called for years.",
        "Calling the friendly accounts first because they always pick up.",
        "Ranking accounts by potential and booking the top twenty before the familiar ones.",
        "Sort the territory by potential every quarter.",
    ),
    (
        "Prepare the proposal with the customer",
        "A proposal drafted together with the {role} holds no surprises when it is read out loud.",
        ["Just put something on paper and we'll see.", "I need this in our template."],
        "A {role} asks for a proposal by Friday for a board meeting you will not attend.",
        "Writing it alone and emailing a PDF on Friday afternoon.",
        "Sharing an outline on Wednesday and asking what the board will ask about.",
        "Review the draft with the customer before it is final.",
    ),
    (
        "Learn the customer's calendar",
        "Year-end freezes, audits and holidays decide when a {role} can act; know them early.",
        ["Nothing moves here in August.", "Our year end is in March."],
        "A {role} mentions a system freeze in December while you plan a rollout for the same month.",
        "Keeping your plan and hoping the freeze will not apply.",
        "Asking for their key dates and building the plan around them.",
        "Ask about freezes, audits and holidays in discovery.",
    ),
    (
        "Run the pilot with a finish line",
        "A pilot without agreed success measures never ends; write them down with the {role} first.",
        ["Can we try it for a while first?", "Let's see how the team gets on with it."],
        "A {role} wants a pilot in one department before a wider decision.",
        "Starting the pilot at once with no end date.",
        "Agreeing three measures, a date and who will judge them before the pilot starts.",
        "Every pilot has an end date and measures.",
    ),
    (
        "Keep product promises to the roadmap",
        "Describe only what is on the published roadmap; a {role} plans around what you say.",
        ["Will it do that next year?", "We need the mobile version for our field team."],
        "A {role} asks whether a feature they want will arrive by summer.",
        "Saying it is coming soon to keep the conversation warm.",
        "Saying what is on the published roadmap, and offering to ask the product team about the rest.",
        "Never describe features that are not on the roadmap.",
    ),
    (
        "Take notes the customer can see",
        "Notes taken openly show the {role} you are listening and catch mistakes while they are cheap.",
        ["Are you writing this down?", "Let me spell that for you."],
        "A {role} is explaining a process with many steps and names on a video call.",
        "Nodding along and trying to remember it all afterwards.",
        "Sharing your screen with the notes as you write them and asking them to correct you.",
        "Write notes where the customer can read them.",
    ),
    (
        "Prepare your travel week",
        "A field week planned around clusters of accounts gives the {role}s more of your time.",
        ["Are you ever in the north of the region?", "We could meet at our other site."],
        "You will be on the road for four days visiting {role}s across two regions.",
        "Booking meetings as they come and driving back and forth.",
        "Grouping visits by town and leaving one slot a day for an account you have not met.",
        "Plan visits by cluster, not by reply order.",
    ),
]
INDUSTRIES = ["logistics", "healthcare", "retail", "manufacturing", "education", "hospitality",
              "construction", "insurance", "agriculture", "energy"]  # fmt: skip


def distractor_principles(count: int, tags: list[str], seed: int = 20) -> list[dict]:
    """`count` synthetic principles about other sales moments (MOMENTS x ROLES x INDUSTRIES), with
    ids distractor-001..., valid against the schema and the tag vocabulary."""
    rng = random.Random(seed)
    principles = []
    for index in range(count):
        round_ = index // len(MOMENTS)
        role = ROLES[(index + round_ * 3) % len(ROLES)]
        industry = INDUSTRIES[(index * 7 + round_) % len(INDUSTRIES)]
        fill = {"role": role}
        title, summary, says, situation, bad, good, takeaway = (
            [line.format(**fill) for line in part] if isinstance(part, list) else part.format(**fill)
            for part in MOMENTS[index % len(MOMENTS)]
        )
        principles.append(
            {
                "id": f"distractor-{index + 1:03d}",
                "title": f"{title} in {industry} ({index + 1})",
                "summary": summary,
                "customer_says": says,
                "source": {"title": f"Field notes, {industry} team", "publication": "Synthetic distractors"},
                "story": (
                    f"A rep on our {industry} team learned this with a {role}. "
                    f"{situation} What worked was simple: {good[0].lower()}{good[1:]}\n"
                ),
                "situation": f"{situation} The account is in {industry}.\n",
                "bad_response": {
                    "says": f'"{bad}"\n',
                    "why": "It saves effort today and costs the account later.\n",
                },
                "good_response": {
                    "says": f'"{good}"\n',
                    "why": f"It fits how a {role} in {industry} works, and keeps the next step concrete.\n",
                },
                "takeaways": [
                    takeaway,
                    f"Write down what you learned about {industry} accounts for the team.",
                ],
                "tags": rng.sample(tags, 2),
                "related": [],
            }
        )
    return principles


PRINCIPLE_HEADER = "# yaml-language-server: $schema=../plugins/playbook/schema/principle.schema.json\n"


def project_with_distractors(folder: Path, count: int) -> Path:
    """A copy of this project (config, docs, principles) with `count` distractor principles, listed
    in its published.txt by scripts/update_published.py."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "principles"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / name)
    tags = sorted(yaml.safe_load((folder / "principles" / "_tags.yml").read_text(encoding="utf-8")))
    for data in distractor_principles(count, tags):
        text = PRINCIPLE_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (folder / "principles" / f"{data['id']}.yml").write_text(text, encoding="utf-8")
    run([sys.executable, str(ROOT / "scripts" / "update_published.py")], cwd=folder)
    return folder


def run(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )


def build_site(project: Path, site: Path) -> Path:
    run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=project,
    )
    return site


# --- The browser ------------------------------------------------------------------------------------


@contextmanager
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(
            f"{CHROMIUM} is missing: install Debian's chromium-headless-shell (make browser-deps)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_search(page: Page, base_url: str) -> None:
    """The home page on a phone, and its header search button tapped."""
    page.goto(base_url)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").wait_for(state="visible")


def type_query(page: Page, query: str, *, pasted: bool = False, delay: float = 0) -> None:
    """Replace the search box's text with `query`, typed key by key (`delay` ms between keys) or
    pasted (one input event), and wait for its results."""
    box = page.locator("input.md-search__input")
    if not box.evaluate("element => element === document.activeElement"):
        box.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    if pasted:
        page.keyboard.insert_text(query)
    else:
        page.keyboard.type(query, delay=delay)
    page.wait_for_function(
        "query => document.querySelector('.md-search-result').dataset.query === query",
        arg=query,
        timeout=30_000,
    )


def result_ids(page: Page) -> list[str]:
    """The results in order: a principle's id, or another page's path; each once."""
    hrefs = page.locator(".md-search-result__list a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    found: list[str] = []
    for href in hrefs:
        match = PRINCIPLE_LINK.search(urlsplit(href).path)
        key = match.group(1) if match else urlsplit(href).path
        if key not in found:
            found.append(key)
    return found


@dataclass
class Outcome:
    query: Query
    found: list[str]

    @property
    def rank(self) -> int | None:
        return next((at for at, key in enumerate(self.found, 1) if key in self.query.expect), None)


@dataclass
class Figures:
    outcomes: list[Outcome]

    def share(self, within: int) -> float:
        return sum(o.rank is not None and o.rank <= within for o in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / len(self.outcomes)

    def meets_targets(self) -> bool:
        return self.share(1) >= TARGET_TOP1 and self.share(3) >= TARGET_TOP3


def evaluate(site: Path, queries: list[Query]) -> Figures:
    with serve(site) as base_url, chromium() as browser:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        open_search(page, base_url)
        outcomes = []
        for query in queries:
            type_query(page, query.text)
            outcomes.append(Outcome(query, result_ids(page)))
        context.close()
    return Figures(outcomes)


SEARCH_BYTES_QUERIES = (
    "they say it's too pricey",
    "client threatens to cancel",
    "should I upsell",
    "customer insists I'm mistaken",
)
"""Typical queries for bytes per search (scripts/bench.py --search-bytes)."""

SLOW_TYPING_MS = 350
"""Milliseconds between keys when bytes per search are measured typed: longer than search.js's pause
(300 ms), so every key starts a search, as for a rep typing slowly: the most a typed query fetches."""


SEARCH_FILE_KINDS = (
    ("vocabulary", re.compile(r"/search-vocabulary\.json$")),
    ("index", re.compile(r"/pagefind/index/")),
    ("fragments", re.compile(r"/pagefind/fragment/")),
    ("filters", re.compile(r"/pagefind/filter/")),
    ("meta", re.compile(r"/pagefind/(pagefind-entry\.json|[^/]*\.pf_meta)$")),
    ("library", re.compile(r"/pagefind/[^/]*$")),  # pagefind.js, its worker, the wasm
)


def search_file_kind(url: str) -> str | None:
    path = urlsplit(url).path
    return next((kind for kind, pattern in SEARCH_FILE_KINDS if pattern.search(path)), None)


def in_flight(page: Page) -> set[Request]:
    """The requests `page` has started and not finished, kept up to date."""
    pending: set[Request] = set()

    def started(request: Request) -> None:
        pending.add(request)

    def ended(request: Request) -> None:
        pending.discard(request)

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    return pending


def search_fetch_bytes(
    site: Path, queries: tuple[str, ...] = SEARCH_BYTES_QUERIES, *, pasted: bool = False
) -> dict[str, dict[str, int]]:
    """The bytes one search fetches, per query and kind of file (SEARCH_FILE_KINDS), measured in
    Chromium with an empty cache: the bodies of every response for Pagefind (pagefind.js, its worker
    and wasm, pf_meta, index chunks, the fragments of the shown results) and search-vocabulary.json,
    from opening the search box to the results of the query, typed key by key on a phone (slowly:
    SLOW_TYPING_MS between keys, so every key searches) or, with `pasted`, arriving in one input
    event, and then until no request is left in flight (a late fetch counts too)."""
    measured = {}
    with serve(site) as base_url, chromium() as browser:
        for query in queries:
            context = browser.new_context(**PHONE)  # a new context: nothing cached
            page = context.new_page()
            responses: list[Response] = []
            page.on("response", partial(list.append, responses))
            pending = in_flight(page)
            open_search(page, base_url)
            type_query(page, query, pasted=pasted, delay=0 if pasted else SLOW_TYPING_MS)
            while pending:
                page.wait_for_timeout(50)
            by_kind = dict.fromkeys((kind for kind, _ in SEARCH_FILE_KINDS), 0)
            for response in responses:
                kind = search_file_kind(response.url)
                if kind and response.status == 200:
                    by_kind[kind] += len(response.body())
            measured[query] = by_kind
            context.close()
    return measured


# --- Report -----------------------------------------------------------------------------------------


def misses(name: str, figures: Figures) -> list[str]:
    lines = []
    for outcome in figures.outcomes:
        if outcome.rank != 1:
            where = f"rank {outcome.rank}" if outcome.rank else "not shown"
            lines.append(
                f"  [{name}] {outcome.query.text!r}: expected {', '.join(outcome.query.expect)} ({where}); "
                f"top 3: {', '.join(outcome.found[:3]) or '(nothing)'}"
            )
    return lines


def report(runs: dict[str, Figures], apart: set[str]) -> None:
    """The figures side by side, then the same for the queries in `apart` (those sharing no content
    word with their principle's customer lines), then every query whose principle is not first."""
    names = list(runs)
    width = max(len("queries"), *(len(name) for name in names))
    print(f"{'':{len('queries, no shared word')}} " + " ".join(name.rjust(width) for name in names))
    subsets = {
        name: Figures([o for o in figures.outcomes if o.query.text in apart])
        for name, figures in runs.items()
    }
    rows = [
        ("queries", runs, lambda f: str(len(f.outcomes))),
        ("top-1", runs, lambda f: f"{f.share(1):.1%}"),
        ("top-3", runs, lambda f: f"{f.share(3):.1%}"),
        ("MRR", runs, lambda f: f"{f.mrr:.3f}"),
    ]
    if all(subset.outcomes for subset in subsets.values()):
        rows += [
            ("queries, no shared word", subsets, lambda f: str(len(f.outcomes))),
            ("top-1, no shared word", subsets, lambda f: f"{f.share(1):.1%}"),
            ("top-3, no shared word", subsets, lambda f: f"{f.share(3):.1%}"),
        ]
    label_width = max(len(label) for label, _, _ in rows)
    for label, figures, cell in rows:
        print(f"{label:{label_width}} " + " ".join(cell(figures[name]).rjust(width) for name in names))
    print(f"targets: top-1 >= {TARGET_TOP1:.0%}, top-3 = {TARGET_TOP3:.0%}")
    missed = [line for name in names for line in misses(name, runs[name])]
    print("\nNot first:" if missed else "\nEvery query found its principle first.")
    print("\n".join(missed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to search (default: build this playbook)")
    parser.add_argument("--distractors", type=int, default=0, metavar="N", help="add N distractor principles")
    parser.add_argument(
        "--both", action="store_true", help="the playbook and the distractor playbook, side by side"
    )
    parser.add_argument("--fast", action="store_true", help="only the queries marked fast")
    parser.add_argument("--check", action="store_true", help="exit 1 below the targets")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="the query file")
    arguments = parser.parse_args(argv)
    if arguments.site and (arguments.distractors or arguments.both):
        parser.error("--site searches a site as built; leave out --distractors and --both")

    queries = load_queries(arguments.queries)
    problems = query_file_problems(queries, customer_lines(), arguments.queries)
    if arguments.queries.resolve() != QUERIES:  # another set (a held-out one): its ids must exist
        problems = [problem for problem in problems if ": expect: " in problem]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if arguments.fast:
        queries = [query for query in queries if query.fast]
    distractors = arguments.distractors or (200 if arguments.both else 0)

    runs: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory(prefix="search-eval-") as temporary:
        scratch = Path(temporary)
        if arguments.site:
            runs[str(arguments.site)] = evaluate(arguments.site, queries)
        if not arguments.site and (arguments.both or not distractors):
            principles = len(customer_lines())
            runs[f"{principles} principles"] = evaluate(build_site(ROOT, scratch / "site"), queries)
        if distractors:
            project = project_with_distractors(scratch / "distractors", distractors)
            site = build_site(project, scratch / "distractors-site")
            runs[f"+{distractors} distractors"] = evaluate(site, queries)
    print(f"{len(queries)} queries{' (fast subset)' if arguments.fast else ''}, typed on a 390x844 phone\n")
    lines = customer_lines()
    report(runs, {query.text for query in queries if shares_no_content_word(query, lines)})
    if arguments.check and not all(figures.meets_targets() for figures in runs.values()):
        print("\nbelow target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

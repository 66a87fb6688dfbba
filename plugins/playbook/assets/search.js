/*
 * Site search: the Pagefind index that plugins/playbook/core/search.py writes after each build, shown in
 * Material's own search box (theme/partials/search.html). A rep types what the customer just said;
 * the query is understood before Pagefind sees it (typographic quotes folded, filler such as "they
 * said" or "how do I handle" dropped, words matched singular or plural, and each word or phrase of
 * the team's vocabulary, search-vocabulary.json, widened to its group). Principles come first, one
 * result each, showing the customer line that matched (or the summary) and "Say instead:" with the
 * good response's opening, one tap to that response; other pages follow with their best section.
 * Everything on screen is set as text: an excerpt keeps only its words and Pagefind's <mark>
 * highlights. Pagefind and the vocabulary are loaded only from this site's own origin (site.js: the
 * root the theme's own configuration names), and a result becomes a link only when it stays on the site.
 */
(() => {
  "use strict";

  const site = window.playbookSite;
  const root = document.querySelector("header.md-header .md-search[data-playbook-search]");
  const toggle = document.querySelector('input#__search[type="checkbox"]');
  if (!root || !toggle || !site || !site.root) return;

  const form = root.querySelector("form");
  const query = root.querySelector("[data-playbook-search-query]");
  const result = root.querySelector("[data-playbook-search-result]");
  const meta = result.querySelector(".md-search-result__meta");
  const list = result.querySelector(".md-search-result__list");
  const siteRoot = site.root;
  const SHOWN = 20;
  const VOCABULARY = "search-vocabulary.json"; // core/addresses.py SEARCH_VOCABULARY_URI
  const SYNONYM = 0.8; // a page found through another word of the typed word's group scores this much
  const WHOLE = 0.5; // a page holding every word typed scores this much more, on top of each word
  // What the customer says decides: the best principles found are weighed again on their customer
  // lines, each concept those match multiplying the page's score. Only the lines: a title or summary
  // that names the moment ("the decision", "the proposal") is not what a customer says.
  const HEARD = 4;
  // How many of the best principles are weighed again: those a search shows, whose result data it
  // loads anyway, so weighing costs no extra download.
  const REWEIGHED = SHOWN;
  // Pagefind's ranking: a page's length says nothing about its answer (pageLength 0), and a word only
  // spelled like the one searched ("made" for "mad") counts far less than the word itself.
  const RANKING = { pageLength: 0, termSimilarity: 10 };
  // Words too common to rank a page on their own (a phrase of the vocabulary may still hold them),
  // and the words for the customer: every principle is about one, so they say nothing of the moment.
  const COMMON = new Set(
    `a about all an and any are aren't as at be buyer buyers but by can can't client clients could
    customer customers did didn't do does doesn't don't
    for from get gets go goes going
    got has have he her him his how i i'd i'll i'm i've if in is it it's its just keep keeps let me my
    prospect prospects
    isn't no not now of on or our really said say says she should so some tell that the their them then
    there they they'd they'll they're they've think thinks this to told us want wants was wasn't we we'd
    we'll we're we've went were what when why will with won't would you you'd you'll you're you've your`.split(/\s+/),
  );
  // What a rep types around the customer's words: dropped wherever it stands, longest first.
  const FILLER = [
    "what do i say when", "what do i say if", "what do i say to", "what do i say", "what should i say when",
    "what should i say if", "what should i say", "what to say when", "what to say if", "what to say",
    "how do i handle", "how do i respond to", "how do i respond when", "how do i deal with", "how to handle",
    "how to respond to", "how to respond when", "how to deal with", "how should i respond to",
    "the customer is", "the customer says", "the customer said", "customer says", "customer said",
    "the client is", "the client says", "the client said", "client says", "client said",
    "the prospect is", "the prospect says", "the prospect said", "prospect says", "prospect said",
    "they said", "they say", "they're saying", "he said", "she said", "he says", "she says", "what if",
  ]
    .map((phrase) => phrase.split(" "))
    .sort((a, b) => b.length - a.length);

  let engine = null;
  let vocabulary = null;
  let latest = 0;
  let searching = Promise.resolve();

  function loadEngine() {
    if (engine === null) {
      const library = site.link(new URL("pagefind/pagefind.js", siteRoot).href);
      if (library === null) return Promise.reject(new Error("search is only loaded from this site"));
      engine = import(library).then(async (pagefind) => {
        await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24, ranking: RANKING });
        return pagefind;
      });
      engine.catch(() => {
        engine = null; // try again on the next keystroke
      });
    }
    return engine;
  }

  /** Lower case, NFC, typographic quotes as straight ones. */
  function normal(text) {
    return text
      .normalize("NFC")
      .toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
  }

  function words(text) {
    return normal(text).match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) || [];
  }

  /** A word's stem for matching the vocabulary and the customer lines: prices, pricing -> pric. */
  function stem(word) {
    let w = word.replace(/'s$/, "");
    if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
    if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
    else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
    else if (w.length > 3 && w.endsWith("es") && /(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
    else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    return w.length > 3 ? w.replace(/e$/, "") : w;
  }

  /** Where `phrase` (stems) starts in `stems`, or -1. */
  function find(stems, phrase, from = 0) {
    for (let at = from; at + phrase.length <= stems.length; at += 1) {
      if (phrase.every((part, offset) => stems[at + offset] === part)) return at;
    }
    return -1;
  }

  /**
   * The team's vocabulary: groups of words and phrases that mean the same, each entry with its words
   * and their stems. Fetched once, on the first search; without it search works word by word.
   */
  function loadVocabulary() {
    if (vocabulary === null) {
      const address = site.link(new URL(VOCABULARY, siteRoot).href);
      const fetched = address === null ? Promise.resolve(null) : fetch(address).then((r) => (r.ok ? r.json() : null));
      vocabulary = fetched
        .then((data) => {
          const groups = site.own(data, "groups") && Array.isArray(data.groups) ? data.groups : [];
          return groups
            .filter((group) => Array.isArray(group))
            .map((group) =>
              group
                .filter((entry) => typeof entry === "string")
                .map((entry) => ({ text: words(entry).join(" "), stems: words(entry).map(stem) }))
                .filter((entry) => entry.stems.length > 0),
            )
            .filter((group) => group.length > 1);
        })
        .catch(() => []);
    }
    return vocabulary;
  }

  /**
   * What the query asks for, as concepts: each is a list of terms (Pagefind queries with a weight),
   * and a page scores, for each concept, its best term. A content word typed is a concept of its own;
   * a word or phrase of the vocabulary is one concept with every entry of its group, the typed one
   * at full weight and the others at SYNONYM. `lines` are the stems the customer lines are matched on.
   */
  function understand(text, groups) {
    const typed = words(text);
    const kept = [];
    for (let at = 0; at < typed.length; ) {
      const filler = FILLER.find((phrase) => phrase.every((part, offset) => typed[at + offset] === part));
      if (filler && typed.length > filler.length) at += filler.length;
      else kept.push(typed[(at += 1) - 1]);
    }
    const stems = kept.map(stem);
    const covered = new Array(kept.length).fill(false);
    const concepts = [];
    for (const group of groups) {
      let best = null;
      for (const entry of group) {
        const at = find(stems, entry.stems);
        if (at >= 0 && (best === null || entry.stems.length > best.entry.stems.length)) best = { entry, at };
      }
      if (best === null || (best.entry.stems.length === 1 && COMMON.has(kept[best.at]))) continue;
      for (let offset = 0; offset < best.entry.stems.length; offset += 1) covered[best.at + offset] = true;
      concepts.push(
        group.map((entry) => ({ query: entry.text, stems: entry.stems, weight: entry === best.entry ? 1 : SYNONYM })),
      );
    }
    kept.forEach((word, index) => {
      if (!covered[index] && !COMMON.has(word)) concepts.push([{ query: word, stems: [stems[index]], weight: 1 }]);
    });
    const whole = kept.filter((word) => !COMMON.has(word)).join(" ");
    return { concepts, whole: whole.includes(" ") ? whole : null };
  }

  function setOpen(open) {
    if (toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change")); // Material's scroll lock follows the toggle
    }
  }

  function sectionScore(section) {
    return (section.weighted_locations || []).reduce((sum, place) => sum + place.balanced_score, 0);
  }

  /** The section where a page's result lands: the one whose words matched best. */
  function bestSection(page) {
    let best = null;
    for (const section of page.sub_results || []) {
      if (best === null || sectionScore(section) > sectionScore(best)) best = section;
    }
    return best;
  }

  /** The excerpt's words and <mark>s, rebuilt as nodes: no other markup survives. */
  function excerptNodes(excerpt) {
    const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
    const nodes = [];
    for (const node of parsed.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    }
    return nodes;
  }

  function block(tag, className, text) {
    const element = document.createElement(tag);
    element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** A principle's customer line that the query's concepts match best, or null. */
  function matchedLine(fields, concepts) {
    let best = null;
    let bestScore = 0;
    for (let number = 0; site.own(fields, `says${number}`); number += 1) {
      const line = fields[`says${number}`];
      const stems = words(line).map(stem);
      let score = 0;
      for (const terms of concepts) {
        score += Math.max(0, ...terms.filter((term) => find(stems, term.stems) >= 0).map((term) => term.weight));
      }
      if (score > bestScore) [best, bestScore] = [line, score];
    }
    return best;
  }

  /** How much of the query a principle's customer lines answer: each concept's best term in any line. */
  function heard(fields, concepts) {
    const lines = [];
    for (let number = 0; site.own(fields, `says${number}`); number += 1) {
      lines.push(words(fields[`says${number}`]).map(stem));
    }
    let total = 0;
    for (const terms of concepts) {
      let best = 0;
      for (const term of terms) {
        if (term.weight > best && lines.some((stems) => find(stems, term.stems) >= 0)) best = term.weight;
      }
      total += best;
    }
    return total;
  }

  /** A principle: its title, the line that matched (or its summary), "Say instead:", one tap to it. */
  function principleItem(page, concepts) {
    const fields = page.meta;
    const answer = site.own(fields, "answer") && /^[a-z0-9-]+$/.test(fields.answer) ? fields.answer : null;
    if (answer === null || !site.own(fields, "say_instead")) return null;
    const href = site.link(`${page.url.split("#")[0]}#${answer}`);
    if (href === null) return null;
    const article = block("article", "md-search-result__article md-typeset playbook-search-principle");
    article.append(block("div", "playbook-search-title", fields.title || page.url));
    const line = matchedLine(fields, concepts);
    if (line !== null) article.append(block("p", "playbook-search-heard", `\u201c${line}\u201d`));
    else if (site.own(fields, "summary")) article.append(block("p", "playbook-search-summary", fields.summary));
    const say = block("p", "playbook-search-say");
    say.append(block("span", "playbook-search-say__label", "Say instead:"), ` ${fields.say_instead}`);
    article.append(say);
    return { article, href };
  }

  /** Any other page: its title, the section that matched best and its excerpt. */
  function pageItem(page) {
    const section = bestSection(page);
    const href = site.link(section ? section.url : page.url);
    if (href === null) return null;
    const article = block("article", "md-search-result__article md-typeset");
    article.append(block("div", "playbook-search-title", page.meta.title || page.url));
    if (section && section.title && section.title !== page.meta.title) {
      article.append(block("div", "playbook-search-section", section.title));
    }
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(section ? section.excerpt : page.excerpt));
    article.append(excerpt);
    return { article, href };
  }

  function resultItem({ page, principle }, concepts) {
    const shown = (principle && principleItem(page, concepts)) || pageItem(page);
    if (shown === null) return null;
    const link = block("a", "md-search-result__link");
    link.href = shown.href;
    link.append(shown.article);
    const item = block("li", "md-search-result__item");
    item.append(link);
    return item;
  }

  function countText(count) {
    if (count === 0) return result.dataset.none;
    if (count === 1) return result.dataset.one;
    return result.dataset.other.replace("#", String(count));
  }

  /**
   * Pages of one kind, best first. Pagefind alone returns only pages holding every known word of a
   * query, and ranks by spelling: here each term of each concept is searched, a page scores for each
   * concept its best term (weighted: typed words above their synonyms), plus a share of its score
   * for all the words typed together. Pages matching more (and rarer) concepts rank higher, and the
   * query comes back empty only when no term matches anything.
   */
  async function ranked(pagefind, understood, kind) {
    const { concepts, whole } = understood;
    const queries = new Map();
    for (const terms of concepts) {
      for (const term of terms) {
        queries.set(term.query, null);
        if (term.stems.length > 1) queries.set(`"${term.query}"`, null);
      }
    }
    if (whole !== null) queries.set(whole, null);
    await Promise.all(
      [...queries.keys()].map(async (each) => {
        const found = await pagefind.search(each, { filters: { kind } });
        queries.set(each, new Map(found.results.map((hit) => [hit.id, hit])));
      }),
    );
    // A phrase counts only where its words stand together (Pagefind's quoted search), with the score
    // its words have there; a single word wherever Pagefind finds it.
    const hits = (term) => {
      const found = [...queries.get(term.query).values()];
      if (term.stems.length === 1) return found;
      const together = queries.get(`"${term.query}"`);
      return found.filter((hit) => together.has(hit.id));
    };
    const pages = new Map();
    const add = (hit, score) => {
      const page = pages.get(hit.id) || { hit, score: 0 };
      page.score += score;
      pages.set(hit.id, page);
    };
    for (const terms of concepts) {
      const best = new Map();
      for (const term of terms) {
        for (const hit of hits(term)) {
          const score = hit.score * term.weight;
          if (!best.has(hit.id) || best.get(hit.id).score < score) best.set(hit.id, { hit, score });
        }
      }
      for (const { hit, score } of best.values()) add(hit, score);
    }
    if (whole !== null) for (const hit of queries.get(whole).values()) add(hit, hit.score * WHOLE);
    return [...pages.values()].sort((a, b) => b.score - a.score);
  }

  /** The best principles weighed again on what the customer says (`heard`), with their data loaded. */
  async function reweigh(principles, concepts) {
    const best = principles.slice(0, REWEIGHED);
    const pages = await Promise.all(best.map((each) => each.hit.data()));
    best.forEach((each, index) => {
      each.page = pages[index];
      each.score *= 1 + HEARD * heard(pages[index].meta || {}, concepts);
    });
    best.sort((a, b) => b.score - a.score);
    return [...best, ...principles.slice(REWEIGHED)];
  }

  async function run(text) {
    const ticket = ++latest;
    if (!text.trim()) {
      list.replaceChildren();
      meta.textContent = result.dataset.placeholder;
      delete result.dataset.query;
      return;
    }
    try {
      const [pagefind, groups] = await Promise.all([loadEngine(), loadVocabulary()]);
      let understood = understand(text, groups);
      // Two searches rather than one ranking: every principle comes before any other page.
      const both = () =>
        Promise.all([ranked(pagefind, understood, "principle"), ranked(pagefind, understood, "page")]);
      let [principles, others] = await both();
      if (principles.length + others.length === 0) {
        // Nothing for the words that matter: every word typed, common ones too, before giving up.
        const each = [...new Set(words(text))].map((word) => [{ query: word, stems: [stem(word)], weight: 1 }]);
        understood = { concepts: each, whole: null };
        [principles, others] = await both();
      }
      principles = await reweigh(principles, understood.concepts);
      const found = [
        ...principles.map(({ hit, page }) => ({ hit, page, principle: true })),
        ...others.map(({ hit }) => ({ hit })),
      ];
      const shown = found.slice(0, SHOWN);
      const pages = await Promise.all(shown.map(({ hit, page }) => page || hit.data()));
      if (ticket !== latest) return; // a newer keystroke has its own results
      const items = pages.map((page, index) => resultItem({ page, principle: shown[index].principle }, understood.concepts));
      list.replaceChildren(...items.filter((item) => item !== null));
      meta.textContent = countText(found.length);
      result.dataset.query = text; // which query the list answers (the list lags fast typing)
    } catch (error) {
      if (ticket !== latest) return;
      list.replaceChildren();
      meta.textContent = result.dataset.unavailable;
      console.warn("search could not load", error);
    }
  }

  function links() {
    return [...list.querySelectorAll("a[href]")];
  }

  function typing(element) {
    return (
      element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement ||
      (element instanceof HTMLElement && element.isContentEditable)
    );
  }

  query.addEventListener("focus", () => {
    setOpen(true);
    loadEngine().catch(() => {}); // a search typed next says when it cannot load
  });
  query.addEventListener("input", () => {
    searching = run(query.value);
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== query) query.focus();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    window.setTimeout(() => {
      searching = run("");
      query.focus();
    });
  });
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget instanceof Node && !root.contains(event.relatedTarget)) setOpen(false);
  });

  /** Enter in the box opens the first result of what is typed now, once its results are in. */
  async function openFirst() {
    const typed = query.value;
    await searching;
    if (query.value === typed && result.dataset.query === typed && links().length) links()[0].click();
  }

  window.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !typing(document.activeElement)) {
        event.preventDefault();
        query.focus();
        query.select();
      }
      return;
    }
    const active = document.activeElement;
    switch (event.key) {
      case "Escape":
        setOpen(false);
        query.blur();
        break;
      case "Enter":
        if (active === query) {
          event.preventDefault();
          openFirst();
        }
        break;
      case "ArrowDown":
      case "ArrowUp": {
        const stops = [query, ...links()];
        const here = Math.max(0, stops.indexOf(active));
        const step = event.key === "ArrowDown" ? 1 : -1;
        stops[(here + step + stops.length) % stops.length].focus();
        event.preventDefault();
        break;
      }
      default:
    }
  });
})();

/*
 * Site search: the Pagefind index that plugins/playbook/core/site/search.py writes after each build, shown in
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
  // Results shown: only these load their result data (Pagefind's fragments), so a search fetches
  // a handful of small files however many pages it finds.
  const SHOWN = 6;
  // Search runs once typing pauses this long (Pagefind's own debounce), at once on Enter or a paste:
  // the keys in between fetch nothing.
  const PAUSE = 300;
  // Words of other entries of a vocabulary group searched beside the word typed, at most: each word
  // searched fetches its index chunk (a phrase's every word, common ones too). The group's most used
  // entries come first (search-vocabulary.json lists them first, `used` says how many the principles
  // say at all).
  const WIDENED = 5;
  const VOCABULARY = "search-vocabulary.json"; // core/site/addresses.py SEARCH_VOCABULARY_URI
  const SYNONYM = 0.8; // a page found through another word of the typed word's group scores this much
  const WHOLE = 0.5; // a page holding every word typed scores this much more, on top of each word
  // What the customer says decides: every principle found is weighed again on its customer lines
  // (Pagefind reports which meta fields a word matched, says0, says1…, before any result data is
  // loaded), each concept they hold multiplying the page's score. Only the lines: a title or summary
  // that names the moment ("the decision", "the proposal") is not what a customer says.
  const HEARD = 4;
  const LINE_FIELD = /^says\d+$/;
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
    there they they'd they'll they're they've think thinks this to told too us very want wants was wasn't we we'd
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
          const used = site.own(data, "used") && Array.isArray(data.used) ? data.used : [];
          return groups
            .map((group, number) =>
              (Array.isArray(group) ? group : [])
                .map((entry, at) => ({ entry, used: at < (Number.isInteger(used[number]) ? used[number] : 0) }))
                .filter(({ entry }) => typeof entry === "string")
                .map(({ entry, used: said }) => ({ text: words(entry).join(" "), stems: words(entry).map(stem), said }))
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
    const matches = [];
    for (const group of groups) {
      for (const entry of group) {
        const at = find(stems, entry.stems);
        if (at >= 0 && !(entry.stems.length === 1 && COMMON.has(kept[at]))) matches.push({ group, entry, at });
      }
    }
    // The longest entries first: a word inside a phrase of one group ("my manager") means that
    // phrase, not the other group that holds the word alone ("manager"). Every entry of a group the
    // query holds ("my manager" and "by friday") is one concept.
    matches.sort((a, b) => b.entry.stems.length - a.entry.stems.length);
    const typedIn = new Map();
    for (const { group, entry, at } of matches) {
      const span = entry.stems.map((_, offset) => at + offset);
      if (span.some((index) => covered[index])) continue;
      for (const index of span) covered[index] = true;
      typedIn.set(group, [...(typedIn.get(group) || []), entry]);
    }
    const concepts = [];
    for (const [group, typedEntries] of typedIn) {
      // The words typed, and the group's most used entries that some principle says (the others
      // would fetch index chunks to find nothing, or stories only), up to WIDENED more words.
      const searched = new Set(typedEntries.flatMap((entry) => entry.stems));
      const others = [];
      let added = 0;
      for (const other of group.filter((each) => !typedEntries.includes(each) && each.said)) {
        const more = other.stems.filter((part) => !searched.has(part));
        if (added + more.length > WIDENED) continue;
        added += more.length;
        more.forEach((part) => searched.add(part));
        others.push(other);
      }
      concepts.push([
        ...typedEntries.map((entry) => ({ query: entry.text, stems: entry.stems, weight: 1 })),
        ...others.map((entry) => ({ query: entry.text, stems: entry.stems, weight: SYNONYM })),
      ]);
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
    // A phrase is searched on its own words but the common ones ("close the deal": close deal), so
    // that a "the" elsewhere on a page neither scores it nor counts as a customer line holding it.
    const own = (term) => term.query.split(" ").filter((word) => !COMMON.has(word)).join(" ") || term.query;
    for (const terms of concepts) {
      for (const term of terms) {
        queries.set(own(term), null);
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
      const found = [...queries.get(own(term)).values()];
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
    // How much of the query a page's customer lines hold: for each concept, its best term whose
    // words Pagefind matched in a line (a phrase: and found standing together on the page).
    const heard = new Map();
    for (const terms of concepts) {
      const best = new Map();
      const said = new Map();
      for (const term of terms) {
        for (const hit of hits(term)) {
          const score = hit.score * term.weight;
          if (!best.has(hit.id) || best.get(hit.id).score < score) best.set(hit.id, { hit, score });
          if ((hit.matchedMetaFields || []).some((field) => LINE_FIELD.test(field))) {
            said.set(hit.id, Math.max(said.get(hit.id) || 0, term.weight));
          }
        }
      }
      for (const { hit, score } of best.values()) add(hit, score);
      for (const [id, weight] of said) heard.set(id, (heard.get(id) || 0) + weight);
    }
    if (whole !== null) for (const hit of queries.get(whole).values()) add(hit, hit.score * WHOLE);
    for (const [id, page] of pages) page.score *= 1 + HEARD * (heard.get(id) || 0);
    return [...pages.values()].sort((a, b) => b.score - a.score);
  }

  /**
   * Search `text` and show its results. `typing`: the search a pause in typing starts, where a last
   * word of one or two letters is still being typed and is left out (Pagefind would complete it to
   * every word it starts, fetching index chunks for all of them); Enter searches every word.
   */
  async function run(text, typing = false) {
    const ticket = ++latest;
    const searched = typing ? text.replace(/(^|\S\s+)[\p{L}\p{N}'\u2019]{1,2}$/u, "$1") : text;
    if (!searched.trim()) {
      if (text.trim()) return; // one or two letters typed: wait for more, or for Enter
      list.replaceChildren();
      meta.textContent = result.dataset.placeholder;
      delete result.dataset.query;
      return;
    }
    try {
      const [pagefind, groups] = await Promise.all([loadEngine(), loadVocabulary()]);
      let understood = understand(searched, groups);
      // Two searches rather than one ranking: every principle comes before any other page.
      const both = () =>
        Promise.all([ranked(pagefind, understood, "principle"), ranked(pagefind, understood, "page")]);
      let [principles, others] = await both();
      if (principles.length + others.length === 0) {
        // Nothing for the words that matter: every word typed, common ones too, before giving up.
        const each = [...new Set(words(searched))].map((word) => [{ query: word, stems: [stem(word)], weight: 1 }]);
        understood = { concepts: each, whole: null };
        [principles, others] = await both();
      }
      const found = [
        ...principles.map(({ hit }) => ({ hit, principle: true })),
        ...others.map(({ hit }) => ({ hit })),
      ];
      if (ticket !== latest) return; // a newer search loads its own results' data
      const shown = found.slice(0, SHOWN);
      const pages = await Promise.all(shown.map(({ hit }) => hit.data()));
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
  let pause = null;
  let started = null; // the text of the latest search started
  /** Search what is typed now, in place of the search waiting for a pause in typing. */
  function searchNow(typing = false) {
    window.clearTimeout(pause);
    pause = null;
    started = query.value;
    searching = run(started, typing);
    return searching;
  }
  query.addEventListener("input", (event) => {
    window.clearTimeout(pause);
    if (event.inputType === "insertFromPaste" || !query.value.trim()) {
      searchNow();
    } else {
      latest += 1; // a search still running answers older text: its results are not shown
      pause = window.setTimeout(() => searchNow(true), PAUSE);
    }
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== query) query.focus();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    window.setTimeout(() => {
      searchNow();
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
    await (pause !== null || started !== typed ? searchNow() : searching);
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

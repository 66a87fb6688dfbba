/*
 * Site search: the Pagefind index that plugins/playbook/core/search.py writes after each build, shown in
 * Material's own search box (theme/partials/search.html). Principles come first, then the other
 * pages; each result opens the section of the page that matches best. Everything on screen is set
 * as text: an excerpt keeps only its words and Pagefind's <mark> highlights. Pagefind is imported only
 * from this site's own origin (site.js: the root the theme's own configuration names), and a result
 * becomes a link only when it stays on the site.
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
  // Words too common to rank a page on their own; the whole query still searches them.
  const COMMON = new Set(
    `a an and are as at be but by do does for from has have i i'm in is it it's its me my no not of on
    or our so that the their them they they're this to us was we we're what when why will with you
    you're your`.split(/\s+/),
  );
  let engine = null;
  let latest = 0;

  function loadEngine() {
    if (engine === null) {
      const library = site.link(new URL("pagefind/pagefind.js", siteRoot).href);
      if (library === null) return Promise.reject(new Error("search is only loaded from this site"));
      engine = import(library).then(async (pagefind) => {
        await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
        return pagefind;
      });
      engine.catch(() => {
        engine = null; // try again on the next keystroke
      });
    }
    return engine;
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

  /** The section where a result lands: the one whose words matched best. */
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

  function resultItem(page) {
    const section = bestSection(page);
    const href = site.link(section ? section.url : page.url);
    if (href === null) return null;
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("div");
    title.className = "playbook-search-title";
    title.textContent = page.meta.title || page.url;
    article.append(title);
    if (section && section.title && section.title !== page.meta.title) {
      const where = document.createElement("div");
      where.className = "playbook-search-section";
      where.textContent = section.title;
      article.append(where);
    }
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(section ? section.excerpt : page.excerpt));
    article.append(excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  function countText(count) {
    if (count === 0) return result.dataset.none;
    if (count === 1) return result.dataset.one;
    return result.dataset.other.replace("#", String(count));
  }

  /**
   * Pages of one kind, best first. Pagefind alone returns only pages holding every known word of the
   * query; a rep types the customer's words, so each word is searched too and a page scores the sum
   * of its scores: pages matching more (and rarer) words rank higher, and the query comes back empty
   * only when no word matches anything (common words count only within the whole query). A page
   * shows the hit of the whole query when it has one, else that of its best word, so the result
   * lands on the section those words are in.
   */
  async function ranked(pagefind, text, kind) {
    const typed = text.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}][\p{L}\p{N}']*/gu) || [];
    const words = [...new Set(typed)].filter((word) => !COMMON.has(word));
    const queries = typed.length > 1 ? [text, ...words] : [text];
    const searches = await Promise.all(queries.map((each) => pagefind.search(each, { filters: { kind } })));
    const pages = new Map();
    searches.forEach((found, index) => {
      for (const hit of found.results) {
        const page = pages.get(hit.id) || { hit, score: 0, whole: false };
        page.score += hit.score;
        if (index === 0) Object.assign(page, { hit, whole: true });
        else if (!page.whole && hit.score > page.hit.score) page.hit = hit;
        pages.set(hit.id, page);
      }
    });
    return [...pages.values()].sort((a, b) => b.score - a.score).map((page) => page.hit);
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
      const pagefind = await loadEngine();
      // Two searches rather than one ranking: every principle comes before any other page.
      const [principles, others] = await Promise.all([
        ranked(pagefind, text, "principle"),
        ranked(pagefind, text, "page"),
      ]);
      const found = [...principles, ...others];
      const pages = await Promise.all(found.slice(0, SHOWN).map((hit) => hit.data()));
      if (ticket !== latest) return; // a newer keystroke has its own results
      list.replaceChildren(...pages.map(resultItem).filter((item) => item !== null));
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
  query.addEventListener("input", () => run(query.value));
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== query) query.focus();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    window.setTimeout(() => {
      run("");
      query.focus();
    });
  });
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget instanceof Node && !root.contains(event.relatedTarget)) setOpen(false);
  });

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
        if (active === query && links().length) {
          event.preventDefault();
          links()[0].click();
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

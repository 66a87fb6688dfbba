/*
 * The drill on /practice/: one situation at a time, shuffled, from every principle, one tag, one path
 * or one principle (`?tag=<slug>`, `?path=<id>` preselect one; `?principle=<id>` opens that question,
 * core/site/addresses.py PRINCIPLE_QUERY), or the principles due for spaced review (spaced-review.js). The
 * data is split by scope (core/site/practice.py drill_files) under the site's `practice/data/`
 * (addresses.DRILL_DATA_DIR): the start screen reads `index.json`, a tag or path drill its list of
 * ids, and each question is fetched when it is shown, so `?principle=` and "Review due" fetch only
 * their questions. A small playbook's page carries every file in its own element
 * (script#playbook-drill-data, {files}), so a saved offline copy works without a request. Every text
 * is written with textContent: contributor text never becomes markup, and an address becomes a link
 * only when it stays on the site (site.js). Loaded on /practice/ only (theme/main.html).
 * Screens: start, question, feedback, summary. Each fits a phone: the introduction above the drill is
 * shown on the start screen only, and every screen opens at the top of the page. Focus goes to the
 * screen's heading (the verdict after an answer, with the score as its description), so a screen
 * reader hears each screen once; the status region speaks only for what has no heading.
 * Storage: localStorage only, under the site's path (site.js). `playbook.drill` holds this drill
 * ({scope, label, order, flips, results, showing}), so a reload shows the same screen.
 */
(() => {
  "use strict";

  const site = window.playbookSite;
  const review = window.playbookReview;
  const root = document.querySelector("article .playbook-drill");
  if (!site || !review || !root || !site.root) return;
  const source = document.querySelector('script#playbook-drill-data[type="application/json"]');
  let embedded = null;
  try {
    embedded = source ? JSON.parse(source.textContent).files : null;
  } catch (error) {
    embedded = null;
  }
  const DRILL = "playbook.drill";
  const DATA = new URL("practice/data/", site.root);
  const files = new Map();
  /* One data file, fetched once; from the page's own copy when it has one. */
  const get = (name) => {
    if (!files.has(name)) {
      const found = embedded
        ? site.own(embedded, name) ? Promise.resolve(embedded[name]) : Promise.reject(new Error(name))
        : fetch(new URL(name, DATA)).then((response) => (response.ok ? response.json() : Promise.reject(new Error(name))));
      files.set(name, found);
      found.catch(() => files.delete(name));
    }
    return files.get(name);
  };
  const principleFile = (id) => get(`principle/${encodeURIComponent(id)}.json`);
  const article = root.closest("article") || root;

  /* A node from a tag, attributes (`text` sets textContent, `on<event>` listens) and children. */
  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    node.append(...children.filter((child) => child != null));
    return node;
  };
  const button = (text, onclick, primary) =>
    el("button", { type: "button", class: `md-button${primary ? " md-button--primary" : ""}`, text, onclick });
  /* Paragraphs of a field: blank lines part them, single line breaks are spaces. */
  const paragraphs = (text) =>
    text
      .split(/\n\s*\n/)
      .filter((part) => part.trim())
      .map((part) => el("p", { text: part.replace(/\s*\n\s*/g, " ").trim() }));
  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  /* A scope's principle ids, or [] when the playbook has no such tag, path or principle. */
  const scopeIds = (scope) => {
    const [kind, name] = [scope.slice(0, scope.indexOf(":")), scope.slice(scope.indexOf(":") + 1)];
    const ids = (file) => get(file).then((content) => content.ids);
    let found = Promise.resolve([]);
    if (scope === "all") found = ids("index.json");
    if (scope === "due") found = ids("index.json").then((all) => review.due(new Set(all), all));
    if (kind === "tag" || kind === "path") found = ids(`${kind}/${encodeURIComponent(name)}.json`);
    if (kind === "principle") found = principleFile(name).then(() => [name]);
    return found.catch(() => []);
  };
  const scopeLabel = (scope, index) => {
    const name = scope.slice(scope.indexOf(":") + 1);
    if (scope.startsWith("tag:") && site.own(index.tags, name)) return `Tag: ${index.tags[name].label}`;
    const path = scope.startsWith("path:") && index.paths.find((item) => item.id === name);
    if (path) return `Path: ${path.title}`;
    if (scope.startsWith("principle:")) return "One principle";
    return scope === "due" ? "Review due" : "All principles";
  };
  const scopeName = () => (typeof state.label === "string" ? state.label : "Drill");
  /* The principle's title, linked to its response that works when that address stays on the site. */
  const principleLink = (principle) => {
    const href = site.link(new URL(principle.good_response_url, site.root).href);
    return href === null ? el("span", { text: principle.title }) : el("a", { href, text: principle.title });
  };
  const shuffle = (items) => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };

  const status = el("p", { class: "playbook-drill__status", role: "status", "aria-live": "polite" });
  const view = el("div", { class: "playbook-drill__view" });
  let state = null;

  const announce = (text) => {
    status.textContent = text;
  };
  /* A new screen, read from the top: the introduction only on the start screen, focus on `focus`. */
  const show = (focus, ...children) => {
    if (!view.isConnected) root.replaceChildren(status, view);
    article.classList.toggle("playbook-drill-running", state !== null);
    view.replaceChildren(...children.filter((child) => child != null));
    window.scrollTo(0, 0);
    if (focus) focus.focus({ preventScroll: true });
  };
  const save = () => site.save(DRILL, state);
  const score = () => state.results.filter(Boolean).length;
  const heading = (text, attributes) => el("h2", { tabindex: "-1", text, ...attributes });

  /* What the reader sees when a data file cannot be had (offline before the site was stored). */
  const unavailable = () => {
    announce("");
    show(null, el("p", { class: "playbook-drill__notice", text: "The drill could not load its questions. Check the connection and reload the page." }));
  };

  function begin(scope) {
    Promise.all([scopeIds(scope), scope.startsWith("principle:") ? null : get("index.json")]).then(([ids, index]) => {
      const order = shuffle([...ids]);
      if (!order.length) {
        state = null;
        site.save(DRILL, null);
        start("all", "Nothing is due for review today.");
        return;
      }
      const flips = order.map(() => Math.random() < 0.5);
      state = { scope, label: index ? scopeLabel(scope, index) : "One principle", order, flips, results: [] };
      question();
    }, unavailable);
  }

  /* "Start over" asks first, in place: the drill is cleared only on "Yes, start over". */
  function startOver() {
    const box = el("span", { class: "playbook-drill__start-over" });
    const ask = () => {
      const prompt = el("span", { id: "playbook-drill-confirm", text: "Clear this drill’s answers and choose again? Review dates are kept." });
      const keep = button("Keep going", () => {
        box.replaceChildren(offer);
        offer.focus();
      });
      const clear = button("Yes, start over", () => {
        state = null;
        site.save(DRILL, null);
        start("all");
        announce("Drill cleared. Choose what to drill.");
      });
      box.replaceChildren(el("span", { class: "playbook-drill__confirm", role: "group", "aria-labelledby": "playbook-drill-confirm" }, prompt, clear, " ", keep));
      keep.focus();
    };
    const offer = button("Start over", ask);
    box.append(offer);
    return box;
  }

  function start(selected, message) {
    return get("index.json").then((index) => startScreen(index, selected, message), unavailable);
  }

  function startScreen(index, selected, message) {
    if (!index.ids.length) return; // nothing to drill yet: the page keeps its note
    const known = new Set(index.ids);
    const choose = el("select", { id: "playbook-drill-scope" });
    const option = (scope, label, count) => {
      if (!count) return null;
      const node = el("option", { value: scope, text: `${label} (${count})` });
      node.selected = scope === selected;
      return node;
    };
    choose.append(option("all", "All principles", index.count));
    const group = (label, options) => {
      const list = options.filter(Boolean);
      return list.length ? el("optgroup", { label }, ...list) : null;
    };
    choose.append(
      ...[
        group("One tag", Object.entries(index.tags).map(([slug, tag]) => option(`tag:${slug}`, tag.label, tag.count))),
        group("One onboarding path", index.paths.map((path) => option(`path:${path.id}`, path.title, path.count))),
      ].filter(Boolean),
    );
    const due = review.due(known, index.ids).length;
    const notice = el("p", { class: "playbook-drill__notice", text: message || "" });
    const file = el("input", { type: "file", accept: ".json,application/json", hidden: "", id: "playbook-drill-file" });
    file.addEventListener("change", () => {
      if (!file.files.length) return;
      review.load(file.files[0], known, (text, loaded) => {
        if (loaded) {
          start(selected, text).then(() => document.getElementById("playbook-drill-load").focus());
        } else notice.textContent = text;
        announce(text);
      });
      file.value = "";
    });
    show(
      null,
      heading("Choose what to drill"),
      message ? notice : null,
      el(
        "form",
        {
          class: "playbook-drill__start",
          onsubmit: (event) => {
            event.preventDefault();
            begin(choose.value);
          },
        },
        el("label", { for: "playbook-drill-scope", text: "Drill" }),
        choose,
        el("button", { type: "submit", class: "md-button md-button--primary", text: "Start" }),
      ),
      el("h2", { text: "Spaced review" }),
      el("p", {
        class: "playbook-drill__due",
        text: due
          ? `${plural(due, "principle")} due for review today.`
          : "Nothing due for review today. A principle you miss comes back tomorrow; one you get right after 3, 7, then 21 days.",
      }),
      due ? el("p", {}, button("Review due", () => begin("due"), true)) : null,
      el("p", { text: "Your progress stays in this browser. Save it to a file to move to another device or show your manager." }),
      message ? null : notice,
      el("p", { class: "playbook-drill__actions" }, button("Save my progress", () => review.download(known)), " ", el("button", { type: "button", class: "md-button", id: "playbook-drill-load", text: "Load progress", onclick: () => file.click() }), file),
    );
  }

  /* A screen about one question, once its file is here; a question gone from the playbook ends the drill. */
  const withQuestion = (index, draw) =>
    principleFile(state.order[index]).then(draw, () => {
      state = null;
      site.save(DRILL, null);
      start("all", "That drill’s questions changed: choose what to drill.");
    });

  function question() {
    const index = state.results.length;
    if (index >= state.order.length) return summary();
    state.showing = "question";
    save();
    return withQuestion(index, (principle) => ask(principle, index));
  }

  function ask(principle, index) {
    const total = state.order.length;
    const title = heading(`Question ${index + 1} of ${total}`);
    const responses = [
      { good: true, response: principle.good_response },
      { good: false, response: principle.bad_response },
    ];
    if (state.flips[index]) responses.reverse();
    const choices = responses.map(({ good, response }) =>
      el("button", { type: "button", class: "playbook-drill__choice", text: response.says, onclick: () => answer(good) }),
    );
    announce("");
    show(
      title,
      el("div", { class: "playbook-drill__head" }, title, el("p", { class: "playbook-drill__score", text: `${scopeName()} · ${score()} right so far` })),
      el("h3", { text: "The customer says" }),
      el("ul", { class: "playbook-drill__says" }, ...principle.customer_says.map((line) => el("li", { text: line }))),
      el("h3", { text: "The situation" }),
      ...paragraphs(principle.situation),
      el("h3", { id: "playbook-drill-question", text: "What would you say?" }),
      el("div", { class: "playbook-drill__choices", role: "group", "aria-labelledby": "playbook-drill-question" }, ...choices),
      el("p", {}, startOver()),
    );
    if (index + 1 < total) principleFile(state.order[index + 1]).catch(() => null); // the next, ready
  }

  function answer(good) {
    const index = state.results.length;
    state.results.push(good);
    review.record(null, state.order[index], good);
    feedback(index);
  }

  function feedback(index) {
    state.showing = "feedback";
    save();
    withQuestion(index, (principle) => verdictScreen(principle, index));
  }

  function verdictScreen(principle, index) {
    const good = state.results[index];
    const last = index + 1 >= state.order.length;
    const verdict = heading(good ? "Right: that is the response that works." : "Not this one: that is the response that fails.", {
      class: `playbook-drill__verdict playbook-drill__verdict--${good ? "right" : "wrong"}`,
      "aria-describedby": "playbook-drill-score",
    });
    const part = (kind, label, response, whyLabel) =>
      el(
        "div",
        { class: `playbook-drill__response playbook-drill__response--${kind}` },
        el("p", { class: "playbook-drill__label", text: label }),
        ...paragraphs(response.says),
        el("p", { class: "playbook-drill__label", text: whyLabel }),
        ...paragraphs(response.why),
      );
    announce("");
    show(
      verdict,
      el(
        "div",
        { class: "playbook-drill__head" },
        verdict,
        el("p", {
          class: "playbook-drill__score",
          id: "playbook-drill-score",
          text: `${score()} of ${index + 1} right · question ${index + 1} of ${state.order.length} · ${scopeName()}`,
        }),
      ),
      part("bad", "Don’t say", principle.bad_response, "Why it fails"),
      part("good", "Say instead", principle.good_response, "Why it works"),
      el("p", {}, "From ", principleLink(principle), "."),
      el("p", { class: "playbook-drill__actions" }, button(last ? "See your score" : "Next question", question, true), " ", startOver()),
    );
  }

  function summary() {
    state.showing = "summary";
    save();
    const missed = state.order.filter((id, index) => !state.results[index]);
    Promise.all(missed.map((id) => principleFile(id).catch(() => null))).then((found) => scoreScreen(found.filter(Boolean)));
  }

  function scoreScreen(wrong) {
    const total = state.order.length;
    const title = heading(`Your score: ${score()} of ${total}`);
    const again = state.scope;
    announce("");
    show(
      title,
      el("div", { class: "playbook-drill__head" }, title, el("p", { class: "playbook-drill__score", text: scopeName() })),
      wrong.length
        ? el("p", { text: "Read these again, at the response that works. They come back for review tomorrow:" })
        : el("p", { text: "Every answer right." }),
      wrong.length ? el("ul", { class: "playbook-drill__review" }, ...wrong.map((principle) => el("li", {}, principleLink(principle)))) : null,
      el("p", { class: "playbook-drill__actions" }, button("Drill again", () => begin(again), true), " ", startOver()),
    );
  }

  /* Resume a stored drill unless the address asks for another; else the start screen, preselected. */
  const params = new URLSearchParams(window.location.search);
  const kind = ["principle", "tag", "path"].find((name) => params.has(name));
  const asked = kind ? `${kind}:${params.get(kind)}` : null;
  const stored = site.load(DRILL);
  const valid =
    stored &&
    typeof stored.scope === "string" &&
    Array.isArray(stored.order) &&
    Array.isArray(stored.flips) &&
    Array.isArray(stored.results) &&
    stored.order.length > 0 &&
    stored.order.length === stored.flips.length &&
    stored.results.length <= stored.order.length &&
    stored.order.every((id) => typeof id === "string");
  if (valid && (!asked || stored.scope === asked)) {
    state = stored;
    const index = state.results.length;
    if (state.showing === "feedback" && index > 0) feedback(index - 1);
    else question(); // the summary once every question is answered
  } else if (!asked) {
    start("all", "");
  } else {
    scopeIds(asked).then((ids) => {
      if (ids.length && kind === "principle") return begin(asked);
      const unknown = kind === "principle" ? "That principle is not in this playbook (any more)" : "That drill does not exist (any more)";
      return start(ids.length ? asked : "all", ids.length ? "" : `${unknown}: choose what to drill.`);
    });
  }
})();

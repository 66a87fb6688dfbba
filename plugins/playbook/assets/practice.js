/*
 * The drill on /practice/: one situation at a time, shuffled, from every principle, one tag or one
 * path (`?tag=<slug>` and `?path=<id>` preselect one). The data is in the page itself
 * (#playbook-drill-data, made by practice.py), so a saved offline copy works without a request.
 * Every text is written with textContent: contributor text never becomes markup, and an address
 * becomes a link only when it stays on the site (site.js). The script is loaded on /practice/ only
 * (theme/main.html) and reads only its own data element, script#playbook-drill-data.
 * Storage: localStorage only, nothing sent anywhere, under the site's path (site.js). `playbook.drill`
 * holds this drill's progress ({scope, order, flips, results, showing}); `playbook.practised` maps a
 * principle id to whether its last answer was right (shared with the practice block on principle pages
 * and the path pages).
 */
(() => {
  "use strict";

  const site = window.playbookSite;
  const root = document.querySelector("article .playbook-drill");
  const source = document.querySelector('script#playbook-drill-data[type="application/json"]');
  if (!site || !root || !source) return;
  let data;
  try {
    data = JSON.parse(source.textContent);
  } catch (error) {
    return;
  }
  if (!data.principles.length) return; // nothing to drill yet: the page keeps its note
  const DRILL = "playbook.drill";
  const PRACTISED = "playbook.practised";
  const byId = new Map(data.principles.map((principle) => [principle.id, principle]));
  const paths = new Map(data.paths.map((path) => [path.id, path]));

  const read = site.load;
  const write = site.save; /* storage off: the drill still works, it just won't resume */

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

  const scopeIds = (scope) => {
    const [kind, name] = [scope.slice(0, scope.indexOf(":")), scope.slice(scope.indexOf(":") + 1)];
    if (scope === "all") return [...byId.keys()];
    if (kind === "tag") return data.principles.filter((p) => p.tags.includes(name)).map((p) => p.id);
    if (kind === "path" && paths.has(name)) return paths.get(name).steps.filter((id) => byId.has(id));
    return [];
  };
  const scopeLabel = (scope) => {
    const name = scope.slice(scope.indexOf(":") + 1);
    if (scope.startsWith("tag:") && site.own(data.tags, name)) return `Tag: ${data.tags[name].label}`;
    if (scope.startsWith("path:") && paths.has(name)) return `Path: ${paths.get(name).title}`;
    return "All principles";
  };
  /* The principle's title, linked to its response that works when that address stays on the site. */
  const principleLink = (principle) => {
    const href = site.link(principle.good_response_url);
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
  root.replaceChildren(status, view);
  let state = null;

  const announce = (text) => {
    status.textContent = text;
  };
  const show = (focus, ...children) => {
    view.replaceChildren(...children.filter((child) => child != null));
    if (focus) focus.focus();
  };
  const save = () => write(DRILL, state);
  const score = () => state.results.filter(Boolean).length;

  const begin = (scope) => {
    const order = shuffle(scopeIds(scope));
    state = { scope, order, flips: order.map(() => Math.random() < 0.5), results: [] };
    save();
    question();
  };
  const startOver = () => {
    write(DRILL, null);
    state = null;
    start("all");
    announce("Progress cleared. Choose what to drill.");
  };
  const startOverButton = () => button("Start over", startOver);

  function start(selected, message) {
    const choose = el("select", { id: "playbook-drill-scope" });
    const option = (scope, label) => {
      const count = scopeIds(scope).length;
      if (!count) return null;
      const node = el("option", { value: scope, text: `${label} (${count})` });
      node.selected = scope === selected;
      return node;
    };
    choose.append(option("all", "All principles"));
    const group = (label, options) => {
      const list = options.filter(Boolean);
      return list.length ? el("optgroup", { label }, ...list) : null;
    };
    choose.append(
      ...[
        group("One tag", Object.entries(data.tags).map(([slug, tag]) => option(`tag:${slug}`, tag.label))),
        group("One onboarding path", data.paths.map((path) => option(`path:${path.id}`, path.title))),
      ].filter(Boolean),
    );
    const heading = el("h2", { tabindex: "-1", text: "Choose what to drill" });
    show(
      null,
      heading,
      message ? el("p", { class: "playbook-drill__notice", text: message }) : null,
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
    );
  }

  function question() {
    const index = state.results.length;
    if (index >= state.order.length) return summary();
    state.showing = "question";
    save();
    const principle = byId.get(state.order[index]);
    const total = state.order.length;
    const heading = el("h2", { tabindex: "-1", text: `Question ${index + 1} of ${total}` });
    const responses = [
      { good: true, response: principle.good_response },
      { good: false, response: principle.bad_response },
    ];
    if (state.flips[index]) responses.reverse();
    const choices = responses.map(({ good, response }) =>
      el("button", {
        type: "button",
        class: "playbook-drill__choice",
        text: response.says,
        onclick: () => answer(good),
      }),
    );
    show(
      heading,
      heading,
      el("p", { class: "playbook-drill__score", text: `${scopeLabel(state.scope)} · ${score()} right so far` }),
      el("h3", { text: "The customer says" }),
      el("ul", { class: "playbook-drill__says" }, ...principle.customer_says.map((line) => el("li", { text: line }))),
      el("h3", { text: "The situation" }),
      ...paragraphs(principle.situation),
      el("h3", { id: "playbook-drill-question", text: "What would you say?" }),
      el("div", { class: "playbook-drill__choices", role: "group", "aria-labelledby": "playbook-drill-question" }, ...choices),
      el("p", {}, startOverButton()),
    );
    announce(`Question ${index + 1} of ${total}.`);
  }

  function answer(good) {
    const index = state.results.length;
    const principle = byId.get(state.order[index]);
    state.results.push(good);
    const practised = read(PRACTISED);
    write(PRACTISED, { ...(practised && typeof practised === "object" && !Array.isArray(practised) ? practised : {}), [principle.id]: good });
    feedback(index);
  }

  function feedback(index) {
    const principle = byId.get(state.order[index]);
    const good = state.results[index];
    state.showing = "feedback";
    save();
    const last = index + 1 >= state.order.length;
    const next = button(last ? "See your score" : "Next question", question, true);
    const verdict = good ? "Right: that is the response that works." : "Not this one: that is the response that fails.";
    const part = (kind, label, response, whyLabel) =>
      el(
        "div",
        { class: `playbook-drill__response playbook-drill__response--${kind}` },
        el("p", { class: "playbook-drill__label", text: label }),
        ...paragraphs(response.says),
        el("p", { class: "playbook-drill__label", text: whyLabel }),
        ...paragraphs(response.why),
      );
    show(
      next,
      el("h2", { text: `Question ${index + 1} of ${state.order.length}` }),
      el("p", { class: `playbook-drill__verdict playbook-drill__verdict--${good ? "right" : "wrong"}`, text: verdict }),
      el("p", { class: "playbook-drill__score", text: `${scopeLabel(state.scope)} · ${score()} of ${index + 1} right` }),
      part("bad", "Don’t say", principle.bad_response, "Why it fails"),
      part("good", "Say instead", principle.good_response, "Why it works"),
      el("p", {}, "From ", principleLink(principle), "."),
      el("p", { class: "playbook-drill__actions" }, next, " ", startOverButton()),
    );
    announce(`${verdict} ${score()} of ${index + 1} right.`);
  }

  function summary() {
    const total = state.order.length;
    const wrong = state.order.filter((id, index) => !state.results[index]).map((id) => byId.get(id));
    const heading = el("h2", { tabindex: "-1", text: `Your score: ${score()} of ${total}` });
    const again = state.scope;
    show(
      heading,
      heading,
      el("p", { class: "playbook-drill__score", text: scopeLabel(state.scope) }),
      wrong.length
        ? el("p", { text: "Read these again, at the response that works:" })
        : el("p", { text: "Every answer right." }),
      wrong.length
        ? el(
            "ul",
            { class: "playbook-drill__review" },
            ...wrong.map((principle) => el("li", {}, principleLink(principle))),
          )
        : null,
      el("p", { class: "playbook-drill__actions" }, button("Drill again", () => begin(again), true), " ", startOverButton()),
    );
    announce(`Drill finished: ${score()} of ${total} right.`);
  }

  /* Resume a stored drill unless the address asks for another; else the start screen, preselected. */
  const params = new URLSearchParams(window.location.search);
  const asked = params.has("tag") ? `tag:${params.get("tag")}` : params.has("path") ? `path:${params.get("path")}` : null;
  const known = asked && scopeIds(asked).length > 0;
  const stored = read(DRILL);
  const valid =
    stored &&
    typeof stored.scope === "string" &&
    Array.isArray(stored.order) &&
    Array.isArray(stored.flips) &&
    Array.isArray(stored.results) &&
    stored.order.length > 0 &&
    stored.order.length === stored.flips.length &&
    stored.results.length <= stored.order.length &&
    stored.order.every((id) => byId.has(id));
  if (valid && (!asked || stored.scope === asked)) {
    state = stored;
    const index = state.results.length;
    if (state.showing === "feedback" && index > 0) feedback(index - 1);
    else question();
  } else {
    const message = asked && !known ? "That drill does not exist (any more): choose another." : "";
    start(known ? asked : "all", message);
  }
})();

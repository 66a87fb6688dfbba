/* Onboarding paths, in this browser only (localStorage under the site's path, site.js; nothing is
   sent anywhere, no cookie).
   - A principle page records that it was read (`playbook.read`, a list of principle ids) and, when
     opened from a path (`?path=<id>`), shows the "Step 2 of 5 in First week" line the build wrote
     into the page for that path.
   - A path page marks each step read (`playbook.read`) and drilled right or wrong (`playbook.practised`,
     {id: last answer right}).
   Plain script, no framework; the text it adds is its own, never read from the page's contributors. */
(() => {
  "use strict";

  const site = window.playbookSite;
  const ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
  const PRINCIPLE_ADDRESS = new RegExp(`(?:^|/)principles/(${ID})(?:/|\\.html)`, "g");

  function load(key, fallback) {
    const value = site.load(key); /* null: storage off, or a value another version wrote */
    return value && typeof value === "object" ? value : fallback;
  }

  function principleId(address) {
    let found = null;
    let match;
    PRINCIPLE_ADDRESS.lastIndex = 0;
    while ((match = PRINCIPLE_ADDRESS.exec(address))) found = match[1];
    return found;
  }

  function recordRead(id) {
    let read = load("playbook.read", []);
    if (!Array.isArray(read)) read = [];
    if (read.indexOf(id) !== -1) return;
    read.push(id);
    site.save("playbook.read", read); /* storage full or off: the page still reads fine */
  }

  function showStep(article) {
    const path = new URLSearchParams(window.location.search).get("path");
    if (!path || !new RegExp(`^${ID}$`).test(path)) return;
    const step = article.querySelector(`.playbook-path-step--${path}`);
    if (step) step.classList.add("is-current");
  }

  function tickSteps(list) {
    let read = load("playbook.read", []);
    const drilledAnswers = load("playbook.practised", {});
    if (!Array.isArray(read)) read = [];
    const items = list.querySelectorAll("li");
    let done = 0;
    items.forEach((item) => {
      const link = item.querySelector("a.playbook-path-step__link");
      const id = link && principleId(link.getAttribute("href") || "");
      if (!id) return;
      const wasRead = read.indexOf(id) !== -1;
      const wasDrilled = site.own(drilledAnswers, id);
      if (!wasRead && !wasDrilled) return;
      done += 1;
      item.classList.add("is-done");
      const tick = document.createElement("span");
      tick.className = "playbook-path-tick";
      /* What happened, not only that something did: a wrong last answer is no tick. */
      const drilled = !wasDrilled ? "" : drilledAnswers[id] === true ? "drilled right" : "drilled wrong";
      const said = [wasRead ? "Read" : "", drilled].filter(Boolean).join(", ");
      tick.textContent = (drilled === "drilled wrong" ? "✗ " : "✓ ") + said.charAt(0).toUpperCase() + said.slice(1);
      link.parentNode.insertBefore(tick, link.nextSibling);
    });
    const progress = document.createElement("p");
    progress.className = "playbook-path-progress";
    progress.textContent = `${done} of ${items.length} steps read or drilled in this browser`;
    list.parentNode.insertBefore(progress, list);
  }

  function start() {
    if (!site) return;
    const article = document.querySelector("article.md-content__inner");
    if (!article) return;
    const steps = article.querySelector(".playbook-path-steps");
    if (steps) {
      tickSteps(steps);
      return;
    }
    if (!article.querySelector(".playbook-summary")) return; /* principle pages only */
    const id = principleId(window.location.pathname);
    if (!id) return;
    recordRead(id);
    showStep(article);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/*
 * The playbook offline (README, "Offline"): registers the service worker the build wrote at the site
 * root (sw.js, plugins/playbook/core/site/offline.py) for the whole site, on its own origin only, and says
 * when a new version is stored and ready: "Reload" switches to it (the worker then answers from the new
 * build's cache only). Loaded, deferred, on every page of a built site; never in a `mkdocs serve`
 * preview (theme/main.html), whose live reload must reach the network.
 */
(() => {
  "use strict";

  const site = window.playbookSite;
  if (!("serviceWorker" in navigator) || !site || site.root === null) return;
  if (window.location.protocol !== "https:" && window.location.protocol !== "http:") return;
  const worker = site.link(new URL("sw.js", site.root).href);
  if (worker === null) return;
  let switching = false;

  function offerUpdate(registration) {
    if (document.querySelector(".playbook-update")) return;
    const notice = document.createElement("div");
    notice.className = "playbook-update md-typeset";
    notice.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = "A new version of the playbook is ready.";
    const reload = document.createElement("button");
    reload.type = "button";
    reload.className = "md-button md-button--primary playbook-update__reload";
    reload.textContent = "Reload";
    reload.addEventListener("click", () => {
      if (!registration.waiting) return;
      switching = true;
      reload.disabled = true;
      registration.waiting.postMessage("skip-waiting");
    });
    notice.append(text, reload);
    document.body.append(notice);
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration);
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      if (!installing) return;
      installing.addEventListener("statechange", () => {
        // The first worker of a visit needs no reload; a later one waits for the reader.
        if (installing.state === "installed" && navigator.serviceWorker.controller) offerUpdate(registration);
      });
    });
  }

  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (switching) window.location.reload();
  });
  navigator.serviceWorker.register(worker, { scope: site.root.pathname }).then(watch, () => {
    // No worker (a site built without one, storage turned off): the site works online as before.
  });
})();

/*
 * "Save for offline" in the home page's offline section (.playbook-offline, core/site/offline.py and
 * templates/finder.md.jinja): says what the service worker stores on this device, and, when the
 * playbook is larger than what a first visit stores, offers to store the rest. Loaded only on a page
 * with that section (theme/main.html); it asks the worker (offline.js registers it) through a message
 * channel and writes its answers with textContent.
 */
(() => {
  "use strict";

  const section = document.querySelector(".playbook-offline");
  if (!section || !("serviceWorker" in navigator)) return;
  const status = document.createElement("p");
  status.className = "playbook-offline__status";
  status.setAttribute("role", "status");
  const save = document.createElement("button");
  save.type = "button";
  save.className = "md-button playbook-offline__save";
  save.textContent = "Save for offline";
  save.hidden = true;
  section.append(status, save);

  function ask(message) {
    return navigator.serviceWorker.ready.then(
      (registration) =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => resolve(event.data);
          registration.active.postMessage(message, [channel.port2]);
        }),
    );
  }

  function show(state) {
    if (!state || typeof state !== "object") return;
    save.disabled = false;
    if (typeof state.error === "string") {
      status.textContent = "Saving stopped before the end. Try again on a better connection.";
      save.hidden = false;
    } else if (state.saved === true) {
      status.textContent = "Every page, the drill and search are stored on this device: they work offline.";
      save.hidden = true;
    } else {
      const megabytes = (Number(state.laterBytes) / 1e6).toFixed(1);
      status.textContent =
        `The pages used most, the drill and search are stored on this device. Save the rest ` +
        `(${Number(state.laterFiles)} files, ${megabytes} MB) to have every page offline.`;
      save.hidden = false;
    }
  }

  save.addEventListener("click", () => {
    save.disabled = true;
    status.textContent = "Saving the whole playbook on this device…";
    ask("save-offline").then(show);
  });
  ask("offline-status").then(show);
})();

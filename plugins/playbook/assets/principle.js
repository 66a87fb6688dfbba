/* Principle pages: a copy-link button on each section heading, so a manager can share
   ".../#good-response" from a phone, where Material's hover-only ¶ link cannot be reached.
   Plain script, no framework; it only reads the page and writes to the clipboard. */
(() => {
  "use strict";

  const LINK_ICON =
    "M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7a5 5 0 0 0 0 10h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8" +
    "zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4a5 5 0 0 0 0-10";

  function statusRegion() {
    let region = document.querySelector(".playbook-copy-status");
    if (!region) {
      region = document.createElement("div");
      region.className = "playbook-copy-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  let timer;
  function announce(message) {
    const region = statusRegion();
    region.textContent = message;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      region.textContent = "";
    }, 2500);
  }

  /* Without the Clipboard API (plain http, older browsers): a selected, off-screen text field. */
  function copyWithSelection(text) {
    const field = document.createElement("textarea");
    const focused = document.activeElement;
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.top = "0";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    field.remove();
    if (focused && focused.focus) focused.focus();
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        () => true,
        () => copyWithSelection(text),
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function button(heading) {
    const label = (heading.firstChild && heading.firstChild.textContent) || heading.id;
    const control = document.createElement("button");
    control.type = "button";
    control.className = "playbook-copy-link";
    control.setAttribute("aria-label", `Copy link to ${label.trim()}`);
    control.title = "Copy link to this section";
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    icon.setAttribute("focusable", "false");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", LINK_ICON);
    icon.appendChild(path);
    control.appendChild(icon);
    control.addEventListener("click", () => {
      const url = new URL(`#${heading.id}`, window.location.href).href;
      copy(url).then((copied) => {
        announce(copied ? "Link copied" : `Copy this link: ${url}`);
      });
    });
    return control;
  }

  function addButtons() {
    const article = document.querySelector("article.md-content__inner");
    if (!article || !article.querySelector(".playbook-jump")) return; /* principle pages only */
    article.querySelectorAll("h2[id]").forEach((heading) => {
      if (heading.querySelector(".playbook-copy-link")) return;
      heading.insertBefore(button(heading), heading.querySelector(".headerlink"));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
})();

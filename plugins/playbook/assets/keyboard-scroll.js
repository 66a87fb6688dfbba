/*
 * A code block that scrolls sideways must be reachable by keyboard (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Material makes it focusable only on devices with a mouse, yet a
 * phone or tablet may have a keyboard too. Runs after the theme (on load), and again whenever a
 * block changes size, so it has the last word whichever way the theme decided.
 */
(() => {
  "use strict";

  function update(code) {
    if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
  }

  window.addEventListener("load", () => {
    const blocks = document.querySelectorAll(".md-typeset pre > code");
    if (blocks.length === 0) return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) update(entry.target);
    });
    for (const code of blocks) {
      update(code);
      observer.observe(code);
    }
  });
})();

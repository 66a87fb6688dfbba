/*
 * The 404 page's search box (theme/404.html) hands its words to the site's own search in the header
 * (assets/search.js listens to that box), so the reader gets the same results as anywhere else.
 * Without scripts the form still leads to the home page.
 */
(() => {
  "use strict";

  const form = document.querySelector("form.playbook-not-found__search");
  const search = document.querySelector("header.md-header [data-playbook-search-query]");
  if (!form || !search) return;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search.value = form.elements.q.value;
    const toggle = document.querySelector('input#__search[type="checkbox"]'); // the theme's search dialog
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    search.focus();
    search.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();

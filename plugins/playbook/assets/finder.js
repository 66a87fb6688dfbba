/*
 * The home page's finder (templates/finder.md.jinja): what the rep types in the page's field goes to
 * the site's own search in the header, which opens with the words and their results (assets/search.js
 * listens to that box), as the 404 page's box does (not-found.js). The rep keeps typing there: the
 * header's search covers the page on a phone. Loaded only on a page with the finder (theme/main.html).
 */
(() => {
  "use strict";

  const field = document.querySelector("article .playbook-finder input.playbook-finder__field");
  const search = document.querySelector("header.md-header [data-playbook-search-query]");
  if (!field || !search) return;

  field.placeholder = "e.g. it\u2019s too expensive";
  field.autocomplete = "off";
  field.spellcheck = false;
  field.setAttribute("enterkeyhint", "search");

  function handOver() {
    search.value = field.value;
    const toggle = document.querySelector('input#__search[type="checkbox"]'); // the theme's search dialog
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    search.focus();
    search.setSelectionRange(search.value.length, search.value.length);
    search.dispatchEvent(new Event("input", { bubbles: true }));
    field.value = "";
  }

  field.addEventListener("input", () => {
    if (field.value.trim() !== "") handOver();
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      handOver();
    }
  });
})();

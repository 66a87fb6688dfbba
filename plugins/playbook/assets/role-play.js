/* Role-play cards (/practice/role-play/): shows the filter the page carries (links with `?tag=<slug>`
   or `?path=<id>`) and hides the pairs that do not match the address's choice. Each pair names its
   tags and paths in its classes (`playbook-role-play--tag-<slug>`, `--path-<id>`, role-play.md.jinja),
   so the script reads nothing but the page's own elements and the address; without it every card
   shows. Print follows the choice: only the pairs shown are printed. */
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var article = document.querySelector("article");
  var filter = article && article.querySelector("nav.playbook-role-play__filter");
  if (!filter) return;
  var pairs = article.querySelectorAll(".playbook-role-play__pair");
  var query = new URLSearchParams(window.location.search);
  var kind = query.has("tag") ? "tag" : query.has("path") ? "path" : null;
  var value = kind ? query.get(kind) : null;
  var choice = kind && ID.test(value) ? filter.querySelector(".playbook-role-play__choice--" + kind + "-" + value) : null;
  if (!choice) choice = filter.querySelector(".playbook-role-play__choice--all");

  var shown = 0;
  for (var i = 0; i < pairs.length; i++) {
    var matches = choice.classList.contains("playbook-role-play__choice--all") ||
      pairs[i].classList.contains("playbook-role-play--" + kind + "-" + value);
    pairs[i].hidden = !matches;
    if (matches) shown += 1;
  }
  choice.setAttribute("aria-current", "true");

  var status = document.createElement("p");
  status.className = "playbook-role-play__status";
  status.setAttribute("role", "status");
  var all = choice.classList.contains("playbook-role-play__choice--all");
  status.textContent = all
    ? "All " + pairs.length + " pairs of cards."
    : shown + " of " + pairs.length + " pairs of cards: " + choice.textContent + ".";
  filter.appendChild(status);
  article.classList.add("playbook-role-play--ready");
})();

/* Role-play cards (/practice/role-play/): shows the filter the page carries (links with `?tag=<slug>`
   or `?path=<id>`) and hides the pairs that do not match the address's choice. Each pair names its
   tags and paths in its classes (`playbook-role-play--tag-<slug>`, `--path-<id>`, role-play.md.jinja),
   so the script reads nothing but the page's own elements and the address; without it every card
   shows. Print follows the choice: only the pairs shown are printed. */
(() => {
  "use strict";

  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const article = document.querySelector("article");
  const filter = article && article.querySelector("nav.playbook-role-play__filter");
  if (!filter) return;
  const pairs = article.querySelectorAll(".playbook-role-play__pair");
  const query = new URLSearchParams(window.location.search);
  const kind = query.has("tag") ? "tag" : query.has("path") ? "path" : null;
  const value = kind ? query.get(kind) : null;
  const chosen = kind && ID.test(value) ? filter.querySelector(`.playbook-role-play__choice--${kind}-${value}`) : null;
  const choice = chosen || filter.querySelector(".playbook-role-play__choice--all");

  let shown = 0;
  for (const pair of pairs) {
    const matches =
      choice.classList.contains("playbook-role-play__choice--all") ||
      pair.classList.contains(`playbook-role-play--${kind}-${value}`);
    pair.hidden = !matches;
    if (matches) shown += 1;
  }
  choice.setAttribute("aria-current", "true");

  const status = document.createElement("p");
  status.className = "playbook-role-play__status";
  status.setAttribute("role", "status");
  const all = choice.classList.contains("playbook-role-play__choice--all");
  status.textContent = all
    ? `All ${pairs.length} pairs of cards.`
    : `${shown} of ${pairs.length} pairs of cards: ${choice.textContent}.`;
  filter.appendChild(status);
  article.classList.add("playbook-role-play--ready");
})();

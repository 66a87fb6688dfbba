/*
 * An old principle address (an alias, templates/redirect.html.jinja) or a merged view part: forward to
 * the page that now holds it, keeping the #section. The page's canonical link names the target, so
 * this file holds no address, and it forwards only within the site's own origin.
 */
(() => {
  "use strict";

  const canonical = document.querySelector('head > link[rel="canonical"]');
  if (!canonical) return;
  const target = new URL(canonical.getAttribute("href"), window.location.href);
  if (target.origin !== window.location.origin || !/^(https?|file):$/.test(target.protocol)) return;
  target.hash = window.location.hash;
  window.location.replace(target.href);
})();

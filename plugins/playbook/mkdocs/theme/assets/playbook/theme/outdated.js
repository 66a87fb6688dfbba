/*
 * Material for MkDocs 9.8's partials/javascripts/outdated.html as a file (no inline script under the
 * Content-Security-Policy): shows the "outdated version" banner of a versioned site. The base URL
 * comes from this script element's `data-md-base`.
 */
(() => {
  var banner = document.querySelector("[data-md-component=outdated]");
  var base = new URL(document.currentScript.dataset.mdBase);
  var outdated = __md_get("__outdated", sessionStorage, base);
  if (outdated === true && banner) banner.hidden = false;
})();

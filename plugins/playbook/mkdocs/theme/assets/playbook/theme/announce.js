/*
 * Material for MkDocs 9.8's partials/javascripts/announce.html as a file (no inline script under the
 * Content-Security-Policy): with `announce.dismiss`, an announcement the reader dismissed stays hidden.
 */
(() => {
  var banner = document.querySelector("[data-md-component=announce]");
  if (banner) {
    var content = banner.querySelector(".md-typeset");
    if (__md_hash(content.innerHTML) === __md_get("__announce")) banner.hidden = true;
  }
})();

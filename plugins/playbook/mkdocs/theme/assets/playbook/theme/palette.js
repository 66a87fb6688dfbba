/*
 * Material for MkDocs 9.8's partials/javascripts/palette.html as a file (no inline script under the
 * Content-Security-Policy). It runs where Material's ran, in the header right after the palette
 * toggle, so the reader's stored palette applies before the page is first painted.
 */
(() => {
  var palette = __md_get("__palette");
  if (palette && palette.color) {
    if (palette.color.media === "(prefers-color-scheme)") {
      var media = matchMedia("(prefers-color-scheme: light)");
      var input = document.querySelector(
        media.matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']",
      );
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    for (var [key, value] of Object.entries(palette.color)) {
      document.body.setAttribute("data-md-color-" + key, value);
    }
  }
})();

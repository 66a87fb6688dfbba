/*
 * Material for MkDocs 9.8's partials/javascripts/content.html as a file (no inline script under the
 * Content-Security-Policy), run where Material's ran, right after the article. With the theme feature
 * `content.tabs.link` (`data-md-tabs-link` on this script element) it first selects the content tabs
 * the reader chose before; then it opens the tab the address names.
 */
(() => {
  if ("mdTabsLink" in document.currentScript.dataset) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      sets: for (var set of document.querySelectorAll(".tabbed-set")) {
        var labels = set.querySelector(".tabbed-labels");
        for (var tab of tabs) {
          for (var label of labels.getElementsByTagName("label")) {
            if (label.innerText.trim() === tab) {
              var input = document.getElementById(label.htmlFor);
              input.checked = true;
              continue sets;
            }
          }
        }
      }
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();

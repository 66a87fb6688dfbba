/*
 * Material for MkDocs 9.8's partials/javascripts/consent.html as a file (no inline script under the
 * Content-Security-Policy): the cookie consent form of `extra.consent`.
 */
(() => {
  var consent = __md_get("__consent");
  if (consent) {
    for (var input of document.forms.consent.elements) {
      if (input.name) input.checked = consent[input.name] || false;
    }
  } else if (location.protocol !== "file:") {
    setTimeout(() => {
      document.querySelector("[data-md-component=consent]").hidden = false;
    }, 250);
  }
  var form = document.forms.consent;
  for (var action of ["submit", "reset"]) {
    form.addEventListener(action, (event) => {
      event.preventDefault();
      if (event.type === "reset") {
        for (var element of document.forms.consent.elements) {
          if (element.name) element.checked = false;
        }
      }
      __md_set(
        "__consent",
        Object.fromEntries(Array.from(new FormData(form).keys()).map((name) => [name, true])),
      );
      location.hash = "";
      location.reload();
    });
  }
})();

/*
 * Material for MkDocs 9.8's partials/javascripts/base.html as a file, so that no page needs an inline
 * script (the Content-Security-Policy allows scripts from the site's own files only). It runs where
 * Material's inline script ran, in the head before the bundle, and defines the same globals the bundle
 * uses. The scope (Material's `extra.scope`, or the page's base URL, which differs with the page's
 * depth) comes from this script element's `data-md-scope`.
 */
var __md_scope = new URL(document.currentScript.dataset.mdScope, location);
var __md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
var __md_get = (key, storage = localStorage, scope = __md_scope) =>
  JSON.parse(storage.getItem(scope.pathname + "." + key));
var __md_set = (key, value, storage = localStorage, scope = __md_scope) => {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // storage full or refused: Material ignores it too
  }
};

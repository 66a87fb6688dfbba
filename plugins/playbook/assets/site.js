/*
 * What every script of ours needs to know about the site it runs in, read once from the theme's own
 * configuration element (script#__config, written by Material at the end of the body; never an
 * element a page's contributor wrote). Loaded first, deferred, on every page (theme/main.html);
 * the others find it as `window.playbookSite`:
 * - `root`: the site's root address (a URL), or null without the theme's configuration;
 * - `link(address)`: the address as an absolute link, or null unless it stays on this site:
 *   same origin over http(s), or, for a copy opened from disk, a file beside it. javascript:,
 *   data: and every other origin never become a link or a script;
 * - `own(object, key)`: whether a parsed object holds `key` itself (`__proto__` is no tag);
 * - `load(name)` / `save(name, value)`: JSON in localStorage under `<site path>.<name>`, as Material
 *   keeps its palette (`__md_scope.pathname + "." + key`), so sites sharing one origin keep their
 *   own progress. `load` gives null when missing, damaged or storage is off; `save(name, null)`
 *   forgets.
 */
(() => {
  "use strict";

  const config = document.querySelector('script#__config[type="application/json"]');
  let root = null;
  try {
    const base = JSON.parse(config.textContent).base;
    if (typeof base === "string") root = new URL(base.endsWith("/") ? base : `${base}/`, window.location.href);
  } catch (error) {
    root = null; // no theme configuration: no storage, and no site root to load from
  }

  function link(address) {
    let url;
    try {
      url = new URL(address, window.location.href);
    } catch (error) {
      return null;
    }
    const here = window.location;
    if (url.protocol !== here.protocol) return null;
    if (here.protocol === "http:" || here.protocol === "https:") return url.origin === here.origin ? url.href : null;
    if (here.protocol === "file:") return url.host === here.host ? url.href : null;
    return null;
  }

  function own(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  const key = (name) => (root === null ? null : `${root.pathname}.${name}`);

  function load(name) {
    if (key(name) === null) return null;
    try {
      return JSON.parse(window.localStorage.getItem(key(name)));
    } catch (error) {
      return null; // storage off, or a value another version wrote
    }
  }

  function save(name, value) {
    if (key(name) === null) return;
    try {
      if (value === null) window.localStorage.removeItem(key(name));
      else window.localStorage.setItem(key(name), JSON.stringify(value));
    } catch (error) {
      /* storage off or full: the page still works, it just does not remember */
    }
  }

  window.playbookSite = Object.freeze({ root, link, own, load, save });
})();

/* MATERIAL-SPECIFIC (overrides/README.md). Runs before Material's bundle, once per page.
 *
 * Material fetches "sitemap.xml" beside every <link rel="alternate"> it finds, to keep the page
 * when the language is switched (zensical/zensical#908). mkdocs-static-i18n's alternates point
 * at the counterpart page itself, so each page load asked for two sitemaps that do not exist
 * (404s, console errors), and the language switcher already links to the counterpart page.
 * The hreflang links stay in the served HTML for search engines; in the live page they are
 * renamed, so Material's bundle does not find them.
 */
(function () {
  "use strict";
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    link.setAttribute("data-cn-rel", link.getAttribute("rel"));
    link.removeAttribute("rel");
  });
})();

/* Search: Material's worker is started through ours (workers/citynet-search.js), which folds
 * umlauts and ß so that "Stadte" finds "Städte". The language split needs no script: each
 * language has its own index (citynet/searchindex.py, run by scripts/hooks.py). */
(function () {
  "use strict";
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  var material = new URL(config.search, location.href);
  var worker = new URL("citynet-search.js", material);
  worker.searchParams.set("worker", material.pathname);
  config.search = worker.href;
  element.textContent = JSON.stringify(config);
})();

/* Storage only on request (§ 25 TDDDG, see the privacy notice): Material writes the palette to
 * localStorage ("__palette") on every page load, even when the visitor never touched the toggle.
 * Its write goes through the global __md_set (partials/javascripts/base.html); this lets it
 * through only after the visitor has switched the scheme on this page. */
(function () {
  "use strict";
  var set = window.__md_set;
  if (typeof set !== "function") return;
  var chosen = false;
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "__palette") chosen = true;
  }, true);
  window.__md_set = function (key) {
    if (key === "__palette" && !chosen) return;
    return set.apply(this, arguments);
  };
})();

/* Browsers without ResizeObserver (before 2020): Material would load a polyfill from unpkg.com,
 * a third-party request with the visitor's address. A do-nothing stand-in keeps every page
 * working there (only sticky sidebars stop adjusting to size changes) and keeps the request home. */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") return;
  window.ResizeObserver = function ResizeObserver() {};
  window.ResizeObserver.prototype.observe = function () {};
  window.ResizeObserver.prototype.unobserve = function () {};
  window.ResizeObserver.prototype.disconnect = function () {};
})();

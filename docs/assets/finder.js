/* Network finder on the overview page: filters the table rows by their data-* attributes
   (data-scope, data-topic, data-status, data-join, data-nrw; lists are space-separated).
   Without JavaScript the form is hidden by the style sheet (html:not(.cn-js)) and the whole table
   shows; with it, the form is there from the first paint (no layout shift). The filter state is
   kept in the URL query (?scope=european&nrw=yes), so a filtered view can be shared. The map
   below the table follows: a place (a point, an entry of the numbered list) whose networks
   (data-networks) are all hidden is hidden too. */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("form[data-cn-finder]");
    var table = document.querySelector(".cn-overview table");
    if (!form || !table || !table.tBodies.length) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[role=status]");
    var places = Array.prototype.slice.call(document.querySelectorAll(".cn-map [data-networks]"));

    function matches(row, name, value) {
      if (!value) return true;
      return (row.getAttribute("data-" + name) || "").split(" ").indexOf(value) !== -1;
    }

    function apply(updateUrl) {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) { return matches(row, select.name, select.value); });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      var visible = {};
      rows.forEach(function (row) { if (!row.hidden) visible[row.getAttribute("data-network")] = true; });
      places.forEach(function (place) {
        var networks = place.getAttribute("data-networks").split(" ");
        var any = networks.some(function (id) { return visible[id]; });
        // SVG elements know no `hidden` attribute: a class hides points and list entries alike.
        place.classList.toggle("cn-filtered", !any);
      });
      count.textContent = shown
        ? count.getAttribute("data-count-some").replace("{shown}", shown).replace("{total}", rows.length)
        : count.getAttribute("data-count-none");
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (select) {
          if (select.value) params.set(select.name, select.value);
          else params.delete(select.name);
        });
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    // The state from the URL; a value that no option offers (an old link) is ignored.
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
      if (value && known) select.value = value;
    });

    form.addEventListener("change", function () { apply(true); });
    // The reset event fires before the controls change: filter once they have.
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // The page says "n of n" already; only a filter from the URL changes that.
    if (selects.some(function (select) { return select.value; })) apply(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* MATERIAL-SPECIFIC (overrides/README.md). Material's search worker, with spellings folded: "Stadte" finds "Städte", "Strasse" finds
 * "Straße", "Koln" finds "Köln".
 *
 * overrides/assets/javascripts/citynet.js starts this worker in place of Material's and passes
 * Material's worker as ?worker=<url>; it lives in the same folder, so Material's relative paths
 * (../lunr/...) still resolve. Both sides are folded (ä→a, ö→o, ü→u, ß→ss, other accents
 * dropped): every token of the index passes through `fold` in lunr's pipeline, right before the
 * stemmer if there is one; the query is folded as a whole before Material reads it, because
 * Material turns each query word into a prefix search ("städte*"), which lunr runs without
 * its pipeline.
 */
(function () {
  "use strict";

  var material = new URL(new URL(self.location.href).searchParams.get("worker") || "", self.location.href);
  if (material.origin !== self.location.origin || !/\/search\.[^/]*\.js$/.test(material.pathname)) {
    throw new Error("citynet-search: not Material's search worker: " + material.href);
  }

  function foldText(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").replace(/ẞ/g, "SS");
  }

  /* Material's worker listens with a bare addEventListener("message", ...): it finds this one. */
  var QUERY = 2;  // Material's message type for a search query
  var listen = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen.call(self, type, listener, options);
    return listen.call(self, type, function (event) {
      var message = event.data;
      if (message && message.type === QUERY && typeof message.data === "string") {
        event = new MessageEvent("message", { data: { type: QUERY, data: foldText(message.data) } });
      }
      return listener.call(this, event);
    }, options);
  };

  importScripts(material.href);

  function fold(token) {
    return token.update(foldText);
  }
  lunr.Pipeline.registerFunction(fold, "citynetFold");

  /* Puts `fold` before the pipeline's stemmer (after the stop-word filter, whose lists have
     umlauts), or at its end when it has none. */
  function insertFold(pipeline) {
    var labels = pipeline.toJSON();
    if (labels.indexOf("citynetFold") !== -1) return;
    var stemmer = labels.filter(function (label) { return /^stemmer/.test(label); })[0];
    if (stemmer) {
      pipeline.before(lunr.Pipeline.registeredFunctions[stemmer], fold);
    } else {
      pipeline.add(fold);
    }
  }

  /* Material sets up the language pipelines and then adds the documents: the first add is the
     moment both pipelines are final. */
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function () {
    insertFold(this.pipeline);
    insertFold(this.searchPipeline);
    return add.apply(this, arguments);
  };

})();

/* The live figures' scripts load only on a page that has one.
 *
 * The kernel and the playground's three scripts are about 78 KB (23 KB gzipped)
 * that a page without a live figure never runs, and most pages have none. So
 * they are not in every page (mkdocs.yml): this loads them, once, the first time
 * a page holds a <div class="pnn-live">, on the first page or on a later one of
 * material's instant navigation (document$). They run in this order, each after
 * the one before (async = false), as playground.js needs the others' globals;
 * playground.js then starts the page's figures itself. Without JavaScript the
 * static figure stands, as before. */
(function () {
  "use strict";

  var SCRIPTS = ["kernel.js", "playground-text.js", "playground-picture.js", "playground.js"];
  var here = document.currentScript && document.currentScript.src; // beside this file
  var asked = false;

  function load() {
    if (asked || !here || !document.querySelector("div.pnn-live")) return;
    asked = true;
    SCRIPTS.forEach(function (name) {
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.async = false;
      document.head.appendChild(script);
    });
  }

  load();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(load);
})();

// Five Calls: runs first in the widget's own page, before go-app.
// 1. Guards storage: in a third-party iframe the browser may block
//    localStorage, and merely reading it throws; go-app v9 reads it at
//    start-up and would stop. A memory stand-in keeps the widget working
//    (answers then live for this page view only).
// 2. Tells an embedding page the widget's height, on load and on every
//    change, in each dialect hosts speak: pym.js, WordPress, AMP and ours.
(function () {
  "use strict";

  function memoryStorage() {
    var data = {};
    return {
      get length() { return Object.keys(data).length; },
      key: function (i) { return Object.keys(data)[i] || null; },
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null; },
      setItem: function (k, v) { data[k] = String(v); },
      removeItem: function (k) { delete data[k]; },
      clear: function () { data = {}; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      var s = window[name];
      s.setItem("fivecalls:probe", "1");
      s.removeItem("fivecalls:probe");
    } catch (e) {
      try {
        Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
      } catch (e2) { /* nothing more we can do */ }
    }
  });

  if (window.parent === window) return;

  var params = new URLSearchParams(location.search);
  var childId = params.get("childId") || "fivecalls";
  var secret = (location.hash.match(/[#&?]secret=([A-Za-z0-9]+)/) || [])[1];
  var last = 0;

  function height() {
    var root = document.querySelector(".fc") || document.body;
    return Math.ceil(root.getBoundingClientRect().height);
  }

  function post(force) {
    var h = height();
    if (!h || (h === last && !force)) return;
    last = h;
    var p = window.parent;
    p.postMessage("pymxPYMx" + childId + "xPYMxheightxPYMx" + h, "*");
    p.postMessage({ sentinel: "amp", type: "embed-size", height: h }, "*");
    p.postMessage({ type: "fivecalls:height", id: childId, height: h }, "*");
    if (secret) p.postMessage({ secret: secret, message: "height", value: h }, "*");
  }

  // A pym parent announces its width; answer with the height.
  window.addEventListener("message", function (e) {
    if (e.source === window.parent && typeof e.data === "string" &&
        e.data.indexOf("pymxPYMx" + childId + "xPYMxwidthxPYMx") === 0) {
      post(true);
    }
  });

  function start() {
    post(true);
    if ("ResizeObserver" in window) {
      new ResizeObserver(function () { post(false); }).observe(document.body);
    } else {
      window.addEventListener("resize", function () { post(false); });
    }
    window.addEventListener("load", function () { post(true); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

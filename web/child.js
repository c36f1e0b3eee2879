// Five Calls: runs first in the widget's own page, before go-app.
// 1. Starts the WebAssembly without ever standing between the reader and
//    the story (see "Boot" below).
// 2. Guards storage: in a third-party iframe the browser may block
//    localStorage, and merely reading it throws; go-app v9 reads it at
//    start-up and would stop. A memory stand-in keeps the widget working
//    (answers then live for this page view only).
// 3. Tells an embedding page the widget's height, on load and on every
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

  // --- Boot ---------------------------------------------------------------
  // The prerendered page is the story, readable at once. The WebAssembly only
  // adds interaction, and starting the Go runtime blocks the main thread for
  // a while, so: fetch and compile it at once (streaming compilation runs off
  // the main thread), but run it only when the reader first interacts, or,
  // inside an embed, when the widget scrolls into view. A tap on a control
  // before then shows at once that it was taken (.fc-pending) and is replayed
  // on the live control when the app has started.
  var compiled = null;
  var here = document.currentScript && document.currentScript.src;
  function compileHere(url) {
    var buffered = function () {
      return fetch(url).then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.compile(b); });
    };
    return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch(url)).catch(buffered) : buffered();
  }
  // fivecallsModule compiles in a worker (web/compile.js) where the page may
  // start one, else here; either way once. The worker then rehearses the app
  // with the page's story, which compiles its start-up code off this thread:
  // the module is handed out once the rehearsal's runtime has started (the
  // page's runtime then starts on compiled code), and the page's app mounts
  // once the rehearsal has mounted (fivecallsAfterRehearsal). <html
  // data-fc-rehearsed> says how it went ("ok", or "failed" with the reason
  // in the console). The page needs none of it to work.
  var rehearsal = { over: false, waiting: [] };
  function rehearsalOver() {
    if (rehearsal.over) return;
    rehearsal.over = true;
    rehearsal.waiting.splice(0).forEach(function (f) { setTimeout(f, 0); });
  }
  // fivecallsAfterRehearsal calls f in a later task, once the rehearsal is
  // over, or after 3 s at most: a stuck worker never holds the app back.
  window.fivecallsAfterRehearsal = function (f) {
    if (rehearsal.over) { setTimeout(f, 0); return; }
    rehearsal.waiting.push(f);
    setTimeout(rehearsalOver, 3000);
  };
  window.fivecallsModule = function (url) {
    if (compiled) return compiled;
    compiled = new Promise(function (resolve, reject) {
      var worker;
      var fallback = function () {
        rehearsalOver();
        compileHere(url).then(resolve, reject);
      };
      try {
        worker = new Worker(here.replace(/child\.js/, "compile.js"));
      } catch (e) {
        fallback();
        return;
      }
      var got = null, ended = false;
      var done = function (result) {
        if (ended) return;
        ended = true;
        worker.terminate();
        document.documentElement.dataset.fcRehearsed = result === "" ? "ok" : "failed";
        if (result) console.warn("fivecalls: no rehearsal: " + result);
        rehearsalOver();
      };
      worker.onmessage = function (e) {
        var m = e.data || {};
        if (m.module) got = m.module;
        else if (m.started) resolve(got);
        else if ("rehearsed" in m) { done(m.rehearsed); resolve(got); }
        else { done("compile failed: " + m.error); fallback(); }
      };
      worker.onerror = function () {
        done("the worker failed");
        if (got) resolve(got); else fallback();
      };
      var runtime = document.querySelector('script[src*="wasm_exec.js"]');
      var story = document.getElementById("fivecalls-story");
      worker.postMessage({
        wasm: new URL(url, location.href).href,
        runtime: runtime ? runtime.src : "",
        story: story ? story.textContent : ""
      });
    });
    return compiled;
  };

  var bootState = "waiting"; // then "starting", then "running"
  var startApp = null; // go-app's start, once app.js has run
  var wanted = false; // asked to start before app.js ran
  var replay = null; // the control tapped before the app was live
  var refocus = null; // the control that had focus when the app started

  function controlAt(el) {
    return el && el.closest ? el.closest(".fc button") : null;
  }

  function selectorFor(el) {
    if (!el) return null;
    if (el.dataset.control) return '[data-control="' + el.dataset.control + '"]';
    var call = el.closest("[data-call]");
    if (call && call.classList.contains("fc-call")) return '.fc-call[data-call="' + call.dataset.call + '"] button';
    if (el.dataset.target) return 'button[data-target="' + el.dataset.target + '"]';
    return el.id ? "#" + el.id : null;
  }

  // take acknowledges a control at once and carries it out when live. The
  // start of the Go runtime is one long task, so it waits for the next
  // frame: the reader sees the tap taken before the page is busy.
  function take(control) {
    replay = selectorFor(control);
    control.classList.add("fc-pending");
    control.setAttribute("aria-busy", "true");
    requestAnimationFrame(function () { setTimeout(boot, 0); });
  }

  function onEarlyClick(e) {
    var control = controlAt(e.target);
    if (bootState === "running" || !control) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    take(control);
  }

  // A press on a control waits for its click (a press may start a scroll);
  // a press anywhere else starts the app at once.
  function onEarlyPress(e) {
    if (!controlAt(e.target)) boot();
  }

  // Space or Enter on a focused control is a deliberate activation: take it
  // now, since the app replacing the page could swallow the click that
  // would follow. Any other key (Tab into the widget) starts the app.
  function onEarlyKey(e) {
    var control = controlAt(document.activeElement);
    if (control && (e.key === " " || e.key === "Enter")) {
      e.preventDefault();
      take(control);
      return;
    }
    boot();
  }

  // Focus on a control (a mouse press focuses it) also waits for the click.
  var listeners = [["pointerdown", onEarlyPress], ["touchstart", onEarlyPress], ["keydown", onEarlyKey], ["focusin", onEarlyPress]];

  function boot() {
    if (!startApp) { wanted = true; return; }
    if (bootState !== "waiting") return;
    bootState = "starting";
    listeners.forEach(function (l) { removeEventListener(l[0], l[1], true); });
    refocus = selectorFor(controlAt(document.activeElement));
    startApp();
    // The app marks <html data-fc-ready> once its components are mounted and
    // listening; only then can the early tap be carried out. The page was
    // replaced, so focus goes back to the control that had it. Both wait
    // for a task of their own rather than lengthen the start's.
    whenReady(function () {
      bootState = "running";
      removeEventListener("click", onEarlyClick, true);
      setTimeout(function () {
        var f = refocus && document.querySelector(refocus);
        if (f && (!document.activeElement || document.activeElement === document.body)) f.focus();
        var el = replay && document.querySelector(replay);
        if (el) el.click();
      }, 0);
    });
  }

  function whenReady(fn) {
    var root = document.documentElement;
    if (root.dataset.fcReady === "true") { fn(); return; }
    new MutationObserver(function (m, observer) {
      if (root.dataset.fcReady === "true") { observer.disconnect(); fn(); }
    }).observe(root, { attributes: true, attributeFilter: ["data-fc-ready"] });
  }
  // Hosts and tests may start the app at once.
  window.fivecallsStart = boot;

  // Called by app.js in place of go-app's immediate start.
  window.fivecallsScheduleBoot = function (start, wasmURL) {
    startApp = start;
    window.fivecallsModule(wasmURL);
    if (wanted) { boot(); return; }
    listeners.forEach(function (l) { addEventListener(l[0], l[1], { capture: true, passive: l[0] !== "keydown" }); });
    if (window.parent !== window && "IntersectionObserver" in window) {
      new IntersectionObserver(function (entries, io) {
        if (entries.some(function (en) { return en.isIntersecting; })) { io.disconnect(); boot(); }
      }, { threshold: 0.01 }).observe(document.body);
    }
  };
  addEventListener("click", onEarlyClick, true);

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

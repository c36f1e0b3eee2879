// Five Calls: compiles the widget's WebAssembly in a worker, off the main
// thread, hands the compiled module to the page (web/child.js), then
// rehearses the app here.
//
// Why rehearse: the browser compiles each function of a module on its first
// call, on the thread that calls it, and a module shared with the page
// shares that compiled code. Running the app's start-up once here (the
// WebAssembly entry sees fivecallsRehearsal and calls ui.Rehearse) compiles
// it before the reader taps, instead of on the page's main thread after.
//
// Messages to the page, in order: {module}; {started} once the rehearsal's
// runtime runs (the page may start its own on compiled code); {rehearsed},
// "" or why the rehearsal failed. {error} if the compile itself failed.
"use strict";

var reported = false;

function report(result) {
  if (reported) return;
  reported = true;
  self.postMessage({ rehearsed: result });
}

function compile(url) {
  return WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(url))
    : fetch(url).then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.compile(b); });
}

// A worker has no document. go-app's engine creates, links and labels
// elements while mounting, and the map looks for its marks; these inert
// nodes take those calls and build nothing, since nobody sees a rehearsal.
function inertDocument() {
  function InertNode() { this.style = {}; }
  function none() {}
  function first(node) { return node; }
  InertNode.prototype = {
    setAttribute: none,
    removeAttribute: none,
    addEventListener: none,
    removeEventListener: none,
    appendChild: first,
    insertBefore: first,
    removeChild: first,
    replaceChild: function (node, old) { return old; },
    get firstChild() { return new InertNode(); }
  };
  function make() { return new InertNode(); }
  function nothing() { return []; }
  return { createElement: make, createElementNS: make, createTextNode: make, querySelectorAll: nothing };
}

function rehearse(module, job) {
  try {
    importScripts(job.runtime); // wasm_exec.js: Go's own loader
  } catch (err) {
    report("loading " + job.runtime + ": " + err);
    return;
  }
  self.document = inertDocument();
  self.goappGetenv = function () { return ""; }; // app.js's, on the page
  self.fivecallsRehearsal = {
    story: job.story,
    started: function () { self.postMessage({ started: true }); }, // the runtime runs: the page may start its own
    done: report
  };
  var go = new Go();
  WebAssembly.instantiate(module, go.importObject)
    .then(function (instance) { return go.run(instance); })
    .then(function () { report("the app stopped without reporting"); }, function (err) { report(String(err)); });
}

self.onmessage = function (e) {
  var job = typeof e.data === "string" ? { wasm: e.data } : e.data;
  compile(job.wasm).then(
    function (module) {
      self.postMessage({ module: module });
      if (job.runtime && job.story) rehearse(module, job);
      else report("no story to rehearse with");
    },
    function (err) { self.postMessage({ error: String(err) }); }
  );
};

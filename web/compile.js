// Five Calls: compiles the widget's WebAssembly in a worker, off the main
// thread, and hands the compiled module to the page (web/child.js). Even
// streaming compilation leaves work on the main thread of a page; here none.
"use strict";
self.onmessage = function (e) {
  var url = e.data;
  var compile = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(url))
    : fetch(url).then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.compile(b); });
  compile.then(
    function (module) { self.postMessage({ module: module }); },
    function (err) { self.postMessage({ error: String(err) }); }
  );
};

// Five Calls: compiles the widget's WebAssembly in a worker and hands the
// module to the page (web/widget.js). Compiling while the bytes stream in
// takes a few hundred milliseconds of CPU on a phone; here it never blocks
// the page's main thread, which then only instantiates and runs the module.
"use strict";

self.onmessage = function (e) {
  var url = String(e.data);
  var compiled = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(url))
    : fetch(url).then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.compile(b); });
  compiled.then(
    function (module) { self.postMessage({ module: module }); },
    function (err) { self.postMessage({ error: String(err) }); }
  );
};

// Five Calls: the live preview's script (fivecalls serve --watch), which
// the page loads only in an author's preview: readers' pages never do. The
// update notice names, in N.LiveAttr, where to ask whether the story has
// changed, and in N.VersionAttr the page's version. It asks every second
// while the page is shown, and waits longer after each failure (the server
// stopped), at most 30 s. A new version shows the notice, whose button
// reloads (web/page.js); the problems of the story's file, while it has
// any, show in the N.ProblemsClass panel, one a line as "fivecalls check"
// prints them, and otherwise its story's warnings, in the
// N.WarningsClass panel. No service worker serves a preview: one left at this
// address by an earlier run is unregistered, so that the next load is the
// server's.
//
// Every name it shares with the page is read from N, as app/ui declares
// it: the server writes them in.
(function () {
  "use strict";
  var N = __NAMES__;

  function live() {
    var notice = document.querySelector("." + N.UpdateClass);
    var url = notice && notice.getAttribute(N.LiveAttr);
    if (!url) return;
    try {
      if (navigator.serviceWorker) {
        navigator.serviceWorker.getRegistration().then(function (reg) { if (reg) reg.unregister(); }, function () {});
      }
    } catch (e) { /* a sandboxed frame */ }
    var version = notice.getAttribute(N.VersionAttr);
    var problemsPanel = document.querySelector("." + N.ProblemsClass);
    var warningsPanel = document.querySelector("." + N.WarningsClass);
    var timer = 0, busy = false, wait = 1000;
    // list writes a panel's list, one line a problem, and shows the panel
    // while there is one.
    function list(panel, file, problems) {
      if (!panel) return;
      var ol = panel.querySelector("ol");
      var lines = problems.map(function (p) {
        return (file ? file + ": " : "") + p.path + ": " + (p.line ? "line " + p.line + " col " + p.col + ": " : "") + p.message;
      });
      if (ol.textContent !== lines.join("")) {
        ol.textContent = "";
        lines.forEach(function (line) {
          var li = document.createElement("li");
          li.textContent = line;
          ol.appendChild(li);
        });
      }
      panel.hidden = problems.length === 0;
      // The folded line counts them, in the sentence the page gives.
      var summary = panel.querySelector("summary[" + N.OneAttr + "]");
      if (summary && problems.length) {
        var n = problems.length;
        summary.textContent = n === 1 ? summary.getAttribute(N.OneAttr)
          : summary.getAttribute(N.OtherAttr).replace("{n}", String(n));
      }
    }
    function show(state) {
      if (state.version !== version) notice.hidden = false;
      list(problemsPanel, state.file, state.problems || []);
      list(warningsPanel, state.file, state.warnings || []);
    }
    function ask() {
      timer = 0;
      if (busy || document.hidden) return;
      busy = true;
      fetch(url, { cache: "no-store" })
        .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
        .then(function (state) { wait = 1000; show(state); }, function () { wait = Math.min(2 * wait, 30000); })
        .then(function () { busy = false; schedule(); });
    }
    function schedule() {
      if (!timer && !document.hidden) timer = setTimeout(ask, wait);
    }
    document.addEventListener("visibilitychange", schedule);
    ask();
  }

  live();
})();

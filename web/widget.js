// Five Calls: the page's own script. It runs in the head, before the first
// paint and before go-app's app.js. The page works without it (its state is
// in radios, see app/ui's package doc); this adds what needs a script:
//
// 1. Guards storage: in a third-party iframe the browser may block
//    localStorage, and merely reading it throws; go-app v9 reads it at
//    start-up and would stop. A memory stand-in keeps the widget working.
// 2. The controls a script is for: Play, the timeline's keys (arrows, Home,
//    End), the live region, the call in the address bar, the quiz's
//    progress kept across visits, focus after "Next question" and Retry,
//    Share and Copy. They work from the first paint.
// 3. Starts the WebAssembly (go-app's app.js hands its start over) on the
//    reader's first interaction, or once an embed is in view, and compiles
//    it in a worker: it adds motion and readers' figures, and nothing waits
//    for it.
// 4. Tells an embedding page the widget's height, on load and on every
//    change, in each dialect hosts speak: pym.js, WordPress, AMP and ours.
//
// The names it shares with the page are declared in app/ui/contract.go.
(function () {
  "use strict";

  // --- 1. Storage ---------------------------------------------------------
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

  // --- 2. Controls --------------------------------------------------------
  var PLAY_DWELL = 4000; // ms on each call while playing

  // The call radios, in order: the overview (every call at once) first,
  // then the calls, so a radio's index is its step.
  function radios() {
    return document.querySelectorAll('input[name="fc-call"]');
  }

  function currentIndex() {
    var rs = radios();
    for (var i = 0; i < rs.length; i++) if (rs[i].checked) return i;
    return 0;
  }

  // show makes call i current, as a reader's click on its label would, and
  // says so in the live region: the reader did not move focus to it.
  function show(i, announce) {
    var rs = radios();
    if (!rs.length) return;
    var r = rs[Math.max(0, Math.min(rs.length - 1, i))];
    r.checked = true;
    r.dispatchEvent(new Event("change", { bubbles: true }));
    if (announce) {
      var live = document.getElementById("fc-announcer");
      if (live) live.textContent = r.getAttribute("data-announce") || "";
    }
  }

  // Play steps through the calls, from the current one (from the first when
  // on the overview or the last call), a few seconds each, and ends on the
  // overview.
  var playing = null;

  function playButton() {
    return document.querySelector('[data-control="play"]');
  }

  function setPlaying(on) {
    clearTimeout(playing);
    playing = null;
    var b = playButton();
    if (b) {
      b.setAttribute("data-playing", on ? "true" : "false");
      var text = b.querySelector(".fc-btn-text");
      if (text) text.textContent = on ? "Pause" : "Play";
    }
    if (!on) return;
    var i = currentIndex();
    if (i === 0 || i === radios().length - 1) i = 1;
    show(i, true);
    var step = function () {
      var next = currentIndex() + 1;
      if (next >= radios().length) {
        show(0, true);
        setPlaying(false);
        return;
      }
      show(next, true);
      playing = setTimeout(step, PLAY_DWELL);
    };
    playing = setTimeout(step, PLAY_DWELL);
  }

  function isPlaying() {
    var b = playButton();
    return !!b && b.getAttribute("data-playing") === "true";
  }

  function closest(el, selector) {
    return el && el.closest ? el.closest(selector) : null;
  }

  document.addEventListener("click", function (e) {
    var t = e.target;
    // Links open as links: go-app would otherwise take every click on a
    // link for its own navigation (window.onclick).
    if (closest(t, "a[href]")) { e.stopPropagation(); return; }
    var control = closest(t, "[data-control]");
    var name = control && control.getAttribute("data-control");
    if (name === "play") { setPlaying(!isPlaying()); return; }
    if (name === "share") { share(control); return; }
    if (name === "copy") { copy(control); return; }
    var next = closest(t, ".fc-next");
    if (next) focusQuestionSoon();
  });

  // Next, Previous, All calls and Next question are labels of the state
  // radios, so that they work without a script (the keyboard then has the
  // radios themselves). With a script they are buttons for the keyboard
  // too: Tab stops that Enter and Space press, after which focus goes to
  // the control of the same kind that the new state shows (each call has
  // its own Next), or, for Next question, to the question now shown.
  function isButtonLabel(t) {
    return t && t.tagName === "LABEL" && t.classList.contains("fc-btn");
  }
  function shows(el) {
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  }
  function keyboardButtons() {
    var ls = document.querySelectorAll("label.fc-btn");
    // No role=button: ARIA allows no role on a label. A screen reader's
    // user has the radios, each named for what it shows.
    for (var i = 0; i < ls.length; i++) ls[i].tabIndex = 0;
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if ((e.key !== "Enter" && e.key !== " ") || e.altKey || e.ctrlKey || e.metaKey || !isButtonLabel(t)) return;
    e.preventDefault();
    var kind = t.getAttribute("data-control");
    if (kind && isPlaying()) setPlaying(false); // the reader's own step
    t.click();
    if (!kind) return;
    setTimeout(function () {
      var same = document.querySelectorAll('label.fc-btn[data-control="' + kind + '"]');
      var other = document.querySelectorAll("label.fc-btn[data-control]");
      for (var i = 0; i < same.length; i++) if (shows(same[i])) { same[i].focus(); return; }
      // None left (no Next after the last call): the nearest control.
      for (var j = 0; j < other.length; j++) if (shows(other[j])) { other[j].focus(); return; }
    }, 0);
  });

  // A reader's own step stops Play; a step made here (isTrusted false) not.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.name === "fc-call") {
      if (e.isTrusted && isPlaying()) setPlaying(false);
      rememberCall(Array.prototype.indexOf.call(radios(), t));
      return;
    }
    if (t.name && (t.name.indexOf("fc-answer-") === 0 || t.name === "fc-qpos" || t.id === "fc-quiz-all")) saveQuiz();
    if (e.isTrusted && t.name && t.name.indexOf("fc-answer-") === 0) {
      // An answer about a call shows that call on the map.
      var q = closest(t, "[data-q]");
      var call = q && parseInt(q.getAttribute("data-call"), 10);
      if (call) {
        if (isPlaying()) setPlaying(false);
        show(call, false);
      }
    }
  });

  // The timeline's keys, anywhere in the map and timeline section: the
  // arrows step (the call radios do so themselves), Home and 0 show the
  // overview, End the last call.
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || !closest(e.target, ".fc-story")) return;
    var onRadio = e.target.name === "fc-call";
    var i = currentIndex();
    var to = -1;
    if (e.key === "Home" || e.key === "0") to = 0;
    else if (e.key === "End") to = radios().length - 1;
    else if (!onRadio && e.key === "ArrowLeft") to = i - 1;
    else if (!onRadio && e.key === "ArrowRight") to = i + 1;
    if (to < 0 || to >= radios().length) return;
    e.preventDefault();
    if (isPlaying()) setPlaying(false);
    show(to, true);
  });

  // The call shown is kept in the address (?call=N; none for the overview),
  // without a history entry, so it is shareable and survives a reload.
  var urlTimer = null;
  function rememberCall(n) {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () {
      try {
        var u = new URL(location.href);
        if (n > 0) u.searchParams.set("call", String(n));
        else u.searchParams.delete("call");
        history.replaceState(history.state, "", u.href);
      } catch (e) { /* a sandboxed or opaque page: nothing to keep */ }
    }, 0);
  }

  // After "Next question" (a label of the next question's radio) or Retry,
  // focus goes to the question now shown, so a screen reader reads it.
  function focusQuestionSoon() {
    setTimeout(function () {
      var pos = document.querySelector('input[name="fc-qpos"]:checked');
      var prompt = pos && document.getElementById("fc-prompt-" + pos.value);
      if (prompt) prompt.focus();
    }, 0);
  }
  document.addEventListener("reset", function (e) {
    if (e.target.id !== "fc-quiz") return;
    focusQuestionSoon();
    setTimeout(saveQuiz, 0); // the form resets after this event
  });

  // The quiz's progress (the answers given, the question shown) survives a
  // reload and a return visit, kept per story in localStorage.
  function quizKey(form) {
    return "fivecalls:quiz:" + form.getAttribute("data-story");
  }

  function saveQuiz() {
    var form = document.getElementById("fc-quiz");
    if (!form) return;
    var p = { answers: {}, question: 1, all: false };
    form.querySelectorAll('input[name^="fc-answer-"]:checked').forEach(function (r) {
      p.answers[r.name.slice("fc-answer-".length)] = r.value;
    });
    var pos = form.querySelector('input[name="fc-qpos"]:checked');
    if (pos) p.question = parseInt(pos.value, 10) || 1;
    var all = document.getElementById("fc-quiz-all");
    p.all = !!(all && all.checked);
    try { localStorage.setItem(quizKey(form), JSON.stringify(p)); } catch (e) { /* storage full or gone */ }
  }

  function restoreQuiz() {
    var form = document.getElementById("fc-quiz");
    if (!form) return;
    var p;
    try { p = JSON.parse(localStorage.getItem(quizKey(form)) || "null"); } catch (e) { p = null; }
    if (!p || typeof p !== "object") return;
    Object.keys(p.answers || {}).forEach(function (q) {
      var r = form.querySelector('input[name="fc-answer-' + CSS.escape(q) + '"][value="' + CSS.escape(String(p.answers[q])) + '"]');
      if (r) r.checked = true;
    });
    var pos = document.getElementById("fc-qpos-" + p.question);
    if (pos && pos.name === "fc-qpos") pos.checked = true;
    var all = document.getElementById("fc-quiz-all");
    if (all && p.all) all.checked = true;
  }

  function status(el, text) {
    if (el) el.textContent = text;
  }

  // Share sends the score and the widget's address, nothing else.
  function share(button) {
    var quiz = document.getElementById("fc-quiz");
    if (!quiz) return;
    var score = quiz.querySelectorAll("input[data-correct]:checked").length;
    var total = quiz.querySelectorAll(".fc-q").length;
    var title = (document.querySelector(".fc-title") || {}).textContent || document.title;
    var link = location.href.split(/[?#]/)[0];
    var text = "I scored " + score + " of " + total + " on the quiz \u201c" + title + "\u201d.";
    var out = quiz.querySelector(".fc-share-status");
    if (navigator.share) {
      navigator.share({ title: title, text: text, url: link }).catch(function () {});
    } else if (navigator.clipboard) {
      navigator.clipboard.writeText(text + " " + link).then(
        function () { status(out, "Link copied."); },
        function () { status(out, "Copy this link: " + link); });
    } else {
      status(out, "Copy this link: " + link);
    }
  }

  // Copy copies an embed snippet, or selects it for a manual copy where the
  // clipboard is not available (an insecure page, a sandbox).
  function copy(button) {
    var el = document.getElementById(button.getAttribute("data-target"));
    if (!el) return;
    var out = document.querySelector(".fc-embed-status");
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var manual = function () { status(out, "Selected: press Ctrl+C or \u2318C to copy."); };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(el.textContent).then(function () { status(out, "Copied."); }, manual);
    } else {
      manual();
    }
  }

  // A page may not show what its address asks for: a static export serves
  // one file for every query, and the service worker, offline, its cached
  // copy for an address it has not seen. Before the first paint, pick the
  // call and the theme the address names among those the page has. (What an
  // address may name is decided by the server, ui.ParseAddress; this only
  // follows it on a page the server did not render for that address.)
  document.addEventListener("DOMContentLoaded", function () {
    keyboardButtons();
    restoreQuiz();
    var q = new URLSearchParams(location.search);
    var radio = document.getElementById("fc-call-" + q.get("call"));
    if (radio && radio.name === "fc-call") radio.checked = true;
    var root = document.querySelector(".fc");
    var theme = q.get("theme");
    if (root && (theme === "light" || theme === "dark")) root.setAttribute("data-theme", theme);
  });

  // --- 3. The WebAssembly ---------------------------------------------
  // app.js calls this with go-app's start instead of starting at once. The
  // page needs none of it to work, and its start costs a phone a few hundred
  // milliseconds of main-thread time and 1.4 MB, so it waits for the reader:
  // their first interaction with the page (the first tap, key or scroll is
  // carried out by the page itself, at once), or, in an embed, the widget
  // coming into view; then for the browser to be idle.
  var script = document.currentScript && document.currentScript.src;
  window.fivecallsScheduleStart = function (start) {
    var started = false;
    var go = function () {
      if (started) return;
      started = true;
      events.forEach(function (t) { removeEventListener(t, wake, true); });
      if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 1000 });
      else setTimeout(start, 50);
    };
    var events = ["pointerdown", "keydown", "wheel", "touchstart", "scroll"];
    var wake = function () { go(); };
    events.forEach(function (t) { addEventListener(t, wake, { capture: true, passive: true }); });
    if (window.parent !== window && "IntersectionObserver" in window) {
      var io = new IntersectionObserver(function (entries) {
        if (entries.some(function (en) { return en.isIntersecting; })) {
          io.disconnect();
          go();
        }
      });
      var observe = function () { io.observe(document.body); };
      if (document.body) observe();
      else addEventListener("DOMContentLoaded", observe);
    }
  };

  // fivecallsModule compiles the WebAssembly in a worker (web/compile.js),
  // or here where a worker cannot start (a sandboxed frame).
  window.fivecallsModule = function (url) {
    var here = function () {
      return WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(fetch(url))
        : fetch(url).then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.compile(b); });
    };
    return new Promise(function (resolve) {
      var worker;
      try {
        worker = new Worker(script.replace(/widget\.js/, "compile.js"));
      } catch (e) {
        resolve(here());
        return;
      }
      worker.onmessage = function (e) {
        worker.terminate();
        resolve(e.data && e.data.module ? e.data.module : here());
      };
      worker.onerror = function () {
        worker.terminate();
        resolve(here());
      };
      worker.postMessage(new URL(url, location.href).href);
    });
  };

  // --- 4. Heights, when embedded ----------------------------------------
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

  // A pym parent announces its width, and WordPress's wp-embed.js that it
  // is ready (in case this page loaded first): answer with the height.
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent) return;
    var d = e.data;
    if ((typeof d === "string" && d.indexOf("pymxPYMx" + childId + "xPYMxwidthxPYMx") === 0) ||
        (secret && d && d.message === "ready" && d.secret === secret)) {
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

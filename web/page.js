// Five Calls: the page's script. It runs in the head, before the first
// paint. The page works without it (its state is in radios, see
// app/ui/page's package doc); this owns what needs a script:
//
// 1. Storage: a guard for browsers that block it, and the reader's
//    progress (their token, the answers given and which the server has,
//    the question shown), one record per story.
// 2. Instant interaction: each step shown is said in the live region and
//    kept in the address; Play; the timeline's keys; the label-buttons as
//    real buttons for the keyboard and assistive technology; focus after
//    "Next question" and Retry; Share, Copy and Reload.
// 3. The WebAssembly (app/ui/client): started on the reader's first
//    interaction, or once an embed is in view, compiled in a worker (this
//    same script, see the end); it adds motion and readers' figures, and
//    learns of each step and answer from the events this script fires
//    (N.StepEvent, N.AnswerEvent) and of the reader from window[N.PageAPI].
//    Once it has taken over and the reader pauses, the service worker,
//    and the notice of a new version (but in an author's preview, whose
//    notice has N.LiveAttr, web/live.js asks the server instead, and no
//    worker is registered).
// 4. The widget's height, told to an embedding page in each dialect hosts
//    speak: pym.js, WordPress, AMP and ours; and in WordPress's sandbox,
//    the widget's own links, opened through wp-embed.js.
//
// Every name it shares with the page is read from N, as app/ui declares it
// (N.StepRadioName is ui.StepRadioName): the server writes them in.
(function () {
  "use strict";
  var N = __NAMES__;

  // In a worker: compile the WebAssembly off the page's main thread, and
  // warm it up there before handing it to the page.
  if (typeof document === "undefined") {
    self.onmessage = function (e) {
      compile(String(e.data.wasm)).then(function (module) {
        return warmUp(module, String(e.data.exec)).then(function (code) { self.postMessage({ module: module, warm: code }); });
      }).catch(function (err) { self.postMessage({ error: String(err) }); });
    };
    return;
  }

  // warmUp runs the module once in the worker with N.WarmArg: it runs what
  // the page will run first, says so (N.WarmDoneFunc) and waits for the
  // worker to end (app/ui/client's WarmUp). A browser compiles each
  // WebAssembly function on its first call, on the thread that calls it,
  // and keeps the code with the module the page gets, so the page's main
  // thread does not compile it during the takeover. Whatever happens (no
  // wasm_exec.js, a panic, a warm-up that never ends), the module goes to
  // the page within a few seconds. It resolves to the warm-up's code (0:
  // warmed up; -1: it did not run to its end; else the program's exit
  // code).
  function warmUp(module, exec) {
    return new Promise(function (done) {
      var code = -1;
      var end = function () { done(code); };
      setTimeout(end, 5000);
      self[N.WarmDoneFunc] = function (c) { code = c; end(); };
      try {
        importScripts(exec);
        standInPage();
        var go = new Go();
        go.argv = ["js", N.WarmArg];
        go.exit = function (c) { code = c; };
        WebAssembly.instantiate(module, go.importObject)
          .then(function (instance) { return go.run(instance); })
          .then(end, end);
      } catch (err) {
        end();
      }
    });
  }

  // standInPage gives the worker the little of a page that go-app's start,
  // the mount of the client's root and its adoption of the page touch
  // (client.WarmUp runs them here): a document whose body has a first
  // element to mount at, a widget's root and a quiz form (an API and a
  // story, no questions) to find, elements that take attributes, children
  // and listeners and keep none, and a page API (N.PageAPI) with one answer
  // given and nothing shown. Its storage is empty, and forgotten with the
  // worker; its fetch answers at once, without a request; its animation
  // frames never come (the warm-up calls the client's frame itself).
  function standInPage() {
    var noop = function () {};
    var same = function (node) { return node; };
    var element = function (tag) {
      return {
        nodeType: 1, tagName: String(tag).toUpperCase(), style: {}, childNodes: [],
        firstChild: null, firstElementChild: null, parentNode: null, nextSibling: null,
        setAttribute: noop, removeAttribute: noop, getAttribute: function () { return null; },
        addEventListener: noop, removeEventListener: noop,
        appendChild: same, insertBefore: same, removeChild: same, replaceChild: same,
        querySelector: function () { return null; }, querySelectorAll: function () { return []; }
      };
    };
    var doc = element("#document");
    doc.documentElement = element("html");
    doc.head = element("head");
    doc.body = element("body");
    doc.body.firstChild = doc.body.firstElementChild = element("div");
    doc.createElement = element;
    doc.createElementNS = function (ns, tag) { return element(tag); };
    doc.createTextNode = function (text) { return { nodeType: 3, nodeValue: text }; };
    var root = element("div");
    doc.querySelector = function (selector) { return selector === "." + N.RootClass ? root : null; };
    var quiz = element("form");
    var quizAttrs = {};
    quizAttrs[N.APIAttr] = "/warm-up";
    quizAttrs[N.StoryAttr] = "warm-up";
    quiz.getAttribute = function (name) { return quizAttrs[name] || null; };
    doc.getElementById = function (id) { return id === N.QuizID ? quiz : null; };
    self[N.PageAPI] = {
      reader: function () { return "warm-up"; },
      step: function () { return 0; },
      result: function () { return { answered: 1, questions: 1, score: 1 }; },
      unsent: function () { return [{ question: "q1", choice: "a" }]; },
      acknowledge: noop
    };
    self.matchMedia = function () { return { matches: false }; };
    self.requestAnimationFrame = function () { return 0; };
    self.document = doc;
    self.localStorage = memoryStorage();
    self.sessionStorage = memoryStorage();
    // The module is fetched by now: from here every request (an answer
    // posted, the figures asked for) gets "{}" at once, and none leaves.
    self.fetch = function () {
      return Promise.resolve({
        status: 200,
        headers: { get: function () { return "application/json"; } },
        text: function () { return Promise.resolve("{}\n"); }
      });
    };
    self[N.GoAppGetenv] = function () { return undefined; };
  }

  // --- 1. Storage ----------------------------------------------------------
  // The first touch of the browser's storage is a synchronous round trip
  // to another process: 10-15 ms of the head's task at 4× CPU on the
  // bench machine, and over 100 ms when that process is busy. So the head
  // leaves it alone: openStorage runs once, in a task of its own soon
  // after, or at the first use if that comes first.
  //
  // In a third-party iframe the browser may block localStorage: merely
  // reading it throws, and go-app reads it when the WebAssembly starts. A
  // memory stand-in keeps the widget working (nothing outlives the page).
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
  var storageOpen = false;
  function openStorage() {
    if (storageOpen) return;
    storageOpen = true;
    ["localStorage", "sessionStorage"].forEach(function (name) {
      try {
        var s = window[name];
        s.setItem(N.ProbeKey, "1");
        s.removeItem(N.ProbeKey);
      } catch (e) {
        try {
          Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
        } catch (e2) { /* nothing more we can do */ }
      }
    });
    migrate();
  }
  setTimeout(openStorage);

  function load(key) {
    openStorage();
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function keep(key, value) {
    openStorage();
    try { localStorage.setItem(key, typeof value === "string" ? value : JSON.stringify(value)); } catch (e) { /* full */ }
  }

  // The reader's random token, made once per browser: it links their
  // answers, and nothing else.
  function reader() {
    var t = null;
    openStorage();
    try { t = localStorage.getItem(N.ReaderKey); } catch (e) { /* blocked */ }
    if (!t) {
      var b = new Uint8Array(16);
      crypto.getRandomValues(b);
      t = btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      keep(N.ReaderKey, t);
    }
    return t;
  }

  // The reader's progress in a story's quiz: {answers: {question: choice},
  // sent: {question: choice the server acknowledged}, question: the one
  // shown, all: every question shown at once}.
  function form() { return document.getElementById(N.QuizID); }
  function progressKey(story) { return N.ProgressKeyPrefix + story; }
  function progress() {
    var f = form();
    var p = f && load(progressKey(f.getAttribute(N.StoryAttr)));
    if (!p || typeof p !== "object") p = {};
    p.answers = p.answers || {};
    p.sent = p.sent || {};
    return p;
  }
  // saveProgress keeps what the form shows, and what the server has.
  function saveProgress() {
    var f = form();
    if (!f) return;
    var p = progress();
    p.answers = {};
    f.querySelectorAll('input[name^="' + N.AnswerRadioPrefix + '"]:checked').forEach(function (r) {
      p.answers[r.name.slice(N.AnswerRadioPrefix.length)] = r.value;
    });
    var pos = f.querySelector('input[name="' + N.QuestionRadioName + '"]:checked');
    p.question = pos ? parseInt(pos.value, 10) || 1 : 1;
    var all = document.getElementById(N.ShowAllID);
    p.all = !!(all && all.checked);
    keep(progressKey(f.getAttribute(N.StoryAttr)), p);
  }
  function restoreProgress() {
    var f = form();
    if (!f) return;
    var p = progress();
    Object.keys(p.answers).forEach(function (q) {
      var r = f.querySelector('input[name="' + CSS.escape(N.AnswerRadioPrefix + q) + '"][value="' + CSS.escape(String(p.answers[q])) + '"]');
      if (r) r.checked = true;
    });
    var pos = document.getElementById(N.QuestionRadioName + "-" + p.question);
    if (pos && pos.name === N.QuestionRadioName) pos.checked = true;
    var all = document.getElementById(N.ShowAllID);
    if (all && p.all) all.checked = true;
  }

  // Earlier versions kept the token, the unsent answers and each story's
  // progress under other keys: move them over once. Their answers count as
  // unsent; the server stores each once, however often it is sent.
  function migrate() {
    try {
      var old = localStorage.getItem(N.LegacyReaderKey);
      if (old && !localStorage.getItem(N.ReaderKey)) keep(N.ReaderKey, old);
      var moved = {};
      var add = function (story, answers) {
        var p = moved[story] || load(progressKey(story)) || { answers: {}, sent: {} };
        Object.keys(answers).forEach(function (q) {
          if (!(q in p.answers)) p.answers[q] = answers[q];
        });
        moved[story] = p;
      };
      (load(N.LegacyPendingKey) || []).forEach(function (a) {
        if (a && a.story && a.question) add(a.story, { [a.question]: a.choice });
      });
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var k = localStorage.key(i);
        if (k && k.indexOf(N.LegacyProgressKeyPrefix) === 0) {
          var q = load(k);
          if (q && q.answers) add(k.slice(N.LegacyProgressKeyPrefix.length), q.answers);
          localStorage.removeItem(k);
        }
      }
      Object.keys(moved).forEach(function (story) { keep(progressKey(story), moved[story]); });
      [N.LegacyReaderKey, N.LegacyPendingKey, N.LegacyPostedKey].forEach(function (k) { localStorage.removeItem(k); });
    } catch (e) { /* storage blocked: nothing to move */ }
  }

  // --- 2. Instant interaction ----------------------------------------------
  var PLAY_DWELL = 4000; // ms on each call while playing

  // The step radios, in order: the overview (every call at once), then
  // the calls, so that a radio's index is its step.
  function radios() {
    return document.querySelectorAll('input[name="' + N.StepRadioName + '"]');
  }

  function currentStep() {
    var rs = radios();
    for (var i = 0; i < rs.length; i++) if (rs[i].checked) return i;
    return 0;
  }

  // say puts a sentence in the live region, for a screen reader to read.
  function say(text) {
    var live = document.getElementById(N.AnnouncerID);
    if (live) live.textContent = text;
  }

  function announce(step) {
    var r = radios()[step];
    if (r) say(r.getAttribute(N.AnnounceAttr) || "");
  }

  // stepShown follows every step shown, however: a label clicked (Next,
  // the strip, the list, All calls), a key, Play, an answer about a call.
  // It keeps the step in the address and tells the WebAssembly; and the
  // live region says it, unless the reader's focus is on the step's own
  // radio, which says it already (the arrow keys in the radio group).
  function stepShown(step, quiet) {
    var r = radios()[step];
    if (!r) return;
    holdStep(step);
    if (!quiet && document.activeElement !== r) announce(step);
    rememberStep(step);
    document.dispatchEvent(new CustomEvent(N.StepEvent, { detail: step }));
  }

  // holdStep holds the step shown as classes on <html>, which the state
  // rules follow (ui.ScriptStepsClass says why): N.AtClassPrefix and the
  // step, and N.UpToClassPrefix and each step up to it (every step, on
  // the overview, which has no call to come). The server writes them for
  // the step it renders (the page's stylesheet ignores them until this
  // script has added N.ScriptStepsClass, below); a step changes two or
  // three, and restyles the parts of the steps they name.
  var held = -1;
  function heldStep() {
    var cl = document.documentElement.classList;
    for (var i = 0; i < cl.length; i++) {
      var n = cl[i].slice(N.AtClassPrefix.length);
      if (cl[i].indexOf(N.AtClassPrefix) === 0 && /^\d+$/.test(n)) return parseInt(n, 10);
    }
    return 0;
  }
  function holdStep(step) {
    if (held < 0) held = heldStep();
    if (step === held) return;
    var cl = document.documentElement.classList;
    var last = radios().length - 1;
    var upTo = function (s) { return s === 0 ? last : s; };
    var from = upTo(held), to = upTo(step);
    for (var i = from + 1; i <= to; i++) cl.add(N.UpToClassPrefix + i);
    for (var j = to + 1; j <= from; j++) cl.remove(N.UpToClassPrefix + j);
    cl.remove(N.AtClassPrefix + held);
    cl.add(N.AtClassPrefix + step);
    held = step;
  }

  // The state rules follow the classes from here on, before the story is
  // parsed, let alone styled: the rules that follow the radios, for a page
  // without this script (N.RadioStepsID), are turned off, and never cost
  // the page a restyle of the story.
  document.documentElement.classList.add(N.ScriptStepsClass);
  var radioRules = document.getElementById(N.RadioStepsID);
  if (radioRules) radioRules.disabled = true;

  // show makes a step the one shown, as a click on its label would.
  function show(step, quiet) {
    var rs = radios();
    if (!rs.length) return;
    step = Math.max(0, Math.min(rs.length - 1, step));
    keepFocus(function () {
      rs[step].checked = true;
      stepShown(step, quiet);
    });
  }

  // Play steps through the calls, from the one shown (from the first when
  // on the overview or the last call), a few seconds each, and ends on the
  // overview. The stylesheet shows "Pause" while N.PlayingAttr is "true".
  var playing = null;

  function playButton() {
    return document.querySelector("[" + N.ControlAttr + '="' + N.ControlPlay + '"]');
  }

  function isPlaying() {
    var b = playButton();
    return !!b && b.getAttribute(N.PlayingAttr) === "true";
  }

  function setPlaying(on) {
    clearTimeout(playing);
    playing = null;
    var b = playButton();
    if (b) b.setAttribute(N.PlayingAttr, on ? "true" : "false");
    if (!on) return;
    var i = currentStep();
    if (i === 0 || i === radios().length - 1) i = 1;
    show(i);
    var step = function () {
      var next = currentStep() + 1;
      if (next >= radios().length) {
        show(0);
        setPlaying(false);
        return;
      }
      show(next);
      playing = setTimeout(step, PLAY_DWELL);
    };
    playing = setTimeout(step, PLAY_DWELL);
  }

  // The step shown is kept in the address (?call=N; none for the
  // overview), without a history entry, so that it is shareable and
  // survives a reload.
  var urlTimer = null;
  function rememberStep(n) {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () {
      try {
        var u = new URL(location.href);
        if (n > 0) u.searchParams.set(N.CallParam, String(n));
        else u.searchParams.delete(N.CallParam);
        history.replaceState(history.state, "", u.href);
      } catch (e) { /* a sandboxed or opaque page: nothing to keep */ }
    }, 0);
  }

  function closest(el, selector) {
    return el && el.closest ? el.closest(selector) : null;
  }

  // The step and question radios are out of sight, fixed at the top of the
  // story; keyboard focus on one shows its ring on the control it stands
  // for (web/state.css): the step's mark on the strip (All calls for the
  // overview), the question's progress line. The browser scrolls to the
  // radio, which is always in view, so this brings the ring into view.
  var focused = null; // the step whose radio has the keyboard's focus
  document.addEventListener("focusin", function (e) {
    var t = e.target;
    if (t.type !== "radio" || !t.matches(":focus-visible")) return;
    var ring = null;
    if (t.name === N.StepRadioName) {
      focused = N.FocusClassPrefix + t.value;
      document.documentElement.classList.add(focused);
      ring = t.value === "0"
        ? document.querySelector("." + N.TimelineClass + " ." + N.AllButtonClass)
        : document.querySelector("." + N.TimelineClass + " [" + N.MarkAttr + '="' + t.value + '"]');
    } else if (t.name === N.QuestionRadioName) {
      ring = document.querySelector("." + N.QuestionsClass + " > [" + N.QuestionAttr + '="' + t.value + '"] .' + N.ProgressClass);
    }
    if (ring) ring.scrollIntoView({ block: "nearest" });
  });
  document.addEventListener("focusout", function () {
    if (focused) document.documentElement.classList.remove(focused);
    focused = null;
  });

  // A tap on a label of a step (Next, Previous, All calls, a mark, a call
  // in the list) checks its radio without moving focus to it, unlike the
  // browser's own label: focus stays on the control tapped, as on a
  // button, and the control stays where it was (keepPlace). (While the
  // state rules followed the radios, focus on a step radio also restyled
  // every part that shows a focused step; the classes that now show a
  // keyboard's focus, N.FocusClassPrefix, change for no pointer's.) A
  // reader whose focus was in the radios when the pointer went down keeps
  // the browser's own behaviour (focus follows to the step's radio), so
  // the arrows go on stepping from there. A pointer's tap on a choice of
  // the quiz answers without focus too: focus there restyles the question
  // and the quiz's fieldsets (some 50 elements, 12 ms at 4× CPU) before
  // the answer restyles them again, and a question once answered is
  // settled, with nothing left to move among. A click that is not a
  // pointer's (no click count: assistive technology, a script) keeps the
  // browser's own.
  var stepFocused = false;
  addEventListener("pointerdown", function () {
    var a = document.activeElement;
    stepFocused = !!a && a.name === N.StepRadioName;
  }, { capture: true, passive: true });
  function checkWithoutFocus(e) {
    var label = closest(e.target, "label");
    var radio = label && label.control;
    var keep = stepFocused;
    stepFocused = false;
    if (!radio || radio.type !== "radio" || e.defaultPrevented) return false;
    if (radio.name === N.StepRadioName && !keep) {
      e.preventDefault();
      keepPlace(label, function () { radio.click(); });
      return true;
    }
    if (String(radio.name).indexOf(N.AnswerRadioPrefix) === 0 && e.detail > 0 && !radio.checked) {
      e.preventDefault();
      radio.click();
      return true;
    }
    return false;
  }

  // keepPlace runs f, a change of step, and keeps el, what the reader
  // touched, where it was on the screen. The call's card above it changes
  // height, and a call in the list or an answer in the quiz would jump away
  // under the reader's finger. A browser with scroll anchoring (Chromium,
  // Firefox) keeps it in place itself, within f's layout, and this finds
  // nothing moved; Safari has none. The timeline, above the cards, never
  // moves: its taps (Next, over and over) pay for no measuring. Nor does a
  // control its step hides (the new step's Next takes its place).
  function keepPlace(el, f) {
    if (closest(el, "." + N.TimelineClass)) return f();
    var before = el.getBoundingClientRect().top;
    f();
    if (!el.getClientRects().length) return;
    var moved = el.getBoundingClientRect().top - before;
    if (moved) scrollBy(0, moved);
  }

  document.addEventListener("click", function (e) {
    var t = e.target;
    // A link is a link, not one of the controls below. (go-app's own
    // navigation by window.onclick never sees a click: the client lets
    // it go in the same task that go-app sets it, app/ui/client's Routes.)
    if (closest(t, "a[href]")) return;
    if (checkWithoutFocus(e)) return;
    var control = closest(t, "[" + N.ControlAttr + "]");
    var name = control && control.getAttribute(N.ControlAttr);
    if (name === N.ControlPlay) setPlaying(!isPlaying());
    else if (name === N.ControlShare) share(control);
    else if (name === N.ControlCopy) copy(control);
    else if (name === N.ControlReload) location.reload();
    else if (closest(t, "." + N.NextQuestionClass)) focusQuestionSoon();
  });

  // What a reader changes: a step (a label clicked, an arrow key in the
  // radio group), an answer, the question shown.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.name === N.StepRadioName) {
      if (isPlaying()) setPlaying(false); // the reader's own step
      stepShown(Array.prototype.indexOf.call(radios(), t));
      return;
    }
    if (t.name && t.name.indexOf(N.AnswerRadioPrefix) === 0) {
      answered(t);
      return;
    }
    if (t.name === N.QuestionRadioName || t.id === N.ShowAllID) saveProgress();
  });

  // answered follows an answer given: it is kept; once the verdict is on
  // screen (afterPaint), the call it is about is shown on the map, in a
  // task of its own (a step change restyles the map and the timeline, as
  // much again as the answer on a slow phone), unless the reader has
  // picked a step meanwhile; and the WebAssembly is told, to send it, in
  // the task after.
  function answered(radio) {
    saveProgress();
    var q = closest(radio, "[" + N.QuestionStepAttr + "]");
    var step = q && parseInt(q.getAttribute(N.QuestionStepAttr), 10);
    if (step) {
      if (isPlaying()) setPlaying(false);
      var from = currentStep();
      var label = closest(radio, "label") || radio;
      afterPaint(function () {
        if (currentStep() !== from) return;
        keepPlace(label, function () { show(step, true); });
      });
    }
    var detail = { question: radio.name.slice(N.AnswerRadioPrefix.length), choice: radio.value };
    afterPaint(function () { document.dispatchEvent(new CustomEvent(N.AnswerEvent, { detail: detail })); });
    // The last answer: the score is said (after the call it was about).
    var r = result();
    var f = form();
    if (r.questions > 0 && r.answered === r.questions && f) {
      afterPaint(function () { afterPaint(function () { say(fill(f.getAttribute(N.ScoreTextAttr), [r.score])); }); });
    }
  }

  // afterPaint runs f once the browser has shown what the reader's tap
  // changed, in a task of its own: the WebAssembly's work on an answer
  // (sending it, a few tens of milliseconds on a slow phone) then neither
  // delays the verdict on screen nor makes the tap's task long. A frame,
  // then a task; at most 100 ms where no frame comes (a hidden page).
  function afterPaint(f) {
    var done = false;
    var run = function () {
      if (done) return;
      done = true;
      f();
    };
    requestAnimationFrame(function () { setTimeout(run, 0); });
    setTimeout(run, 100);
  }

  // backKey is the arrow key that goes back: left, or right in a
  // right-to-left language.
  function backKey() {
    return document.documentElement.dir === "rtl" ? "ArrowRight" : "ArrowLeft";
  }

  // The timeline's keys, anywhere in the map and timeline: the arrows step
  // the way the day runs, right to left in a right-to-left language (the
  // step radios do so themselves), Home and 0 show the overview, End the
  // last call.
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || !closest(e.target, "." + N.StoryClass)) return;
    var onRadio = e.target.name === N.StepRadioName;
    var back = backKey();
    var i = currentStep();
    var to = -1;
    if (e.key === "Home" || e.key === "0") to = 0;
    else if (e.key === "End") to = radios().length - 1;
    else if (!onRadio && (e.key === "ArrowLeft" || e.key === "ArrowRight")) to = e.key === back ? i - 1 : i + 1;
    if (to < 0 || to >= radios().length) return;
    e.preventDefault();
    if (isPlaying()) setPlaying(false);
    show(to);
  });

  // Next, Previous, All calls and Next question are labels of the state
  // radios, so that they work without a script (the keyboard and screen
  // readers then have the radios themselves). A label may have no ARIA
  // role, so each has a face (N.ButtonFaceClass) that this makes a button:
  // a Tab stop, named by its text, that Enter and Space press. Focus then
  // goes to the control of the same kind that the new state shows (each
  // step has its own Next), or after Next question to the question shown.
  function isFace(t) {
    return !!(t && t.classList && t.classList.contains(N.ButtonFaceClass));
  }
  function buttonFaces() {
    document.querySelectorAll("label ." + N.ButtonFaceClass).forEach(function (face) {
      face.setAttribute("role", "button");
      face.tabIndex = 0;
    });
  }
  function shows(el) {
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  }
  // focusFace focuses the face of a control of the given kind that the
  // step shown shows, or any face shown.
  function focusFace(kind) {
    var faces = document.querySelectorAll("label[" + N.ControlAttr + "] > ." + N.ButtonFaceClass);
    var same = Array.prototype.filter.call(faces, function (f) { return f.parentElement.getAttribute(N.ControlAttr) === kind; });
    var next = same.filter(shows)[0] || Array.prototype.filter.call(faces, shows)[0];
    if (next) next.focus();
  }
  // keepFocus runs f, a change of step. Focus on a step's own control (its
  // Previous or Next), which the new step hides, goes on to the new step's
  // control of the same kind, rather than to nothing: after a key, after
  // Play's step, as after Enter.
  function keepFocus(f) {
    var face = document.activeElement;
    var kind = isFace(face) && face.parentElement.getAttribute(N.ControlAttr);
    f();
    if (kind && !shows(face)) focusFace(kind);
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if ((e.key !== "Enter" && e.key !== " ") || e.altKey || e.ctrlKey || e.metaKey || !isFace(t)) return;
    e.preventDefault();
    var label = t.parentElement;
    var kind = label.getAttribute(N.ControlAttr);
    if (kind && isPlaying()) setPlaying(false);
    t.click();
    if (!kind) return; // Next question: focusQuestionSoon
    focusFace(kind);
    announce(currentStep()); // focus is on a control, not on the step
  });

  // A question's choices are radios, whose arrow keys pick as they move;
  // and the first pick answers the question for good, so a keyboard reader
  // could answer only the first choice (Space), the second (Down) or the
  // last (Up). Here the arrows, Home and End move among the choices
  // without picking (right to left in a right-to-left language), and Space
  // or Enter picks the one focused. (Without a script the arrows pick.)
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !t || t.type !== "radio" ||
        String(t.name).indexOf(N.AnswerRadioPrefix) !== 0) return;
    var choices = [].slice.call(document.getElementsByName(t.name));
    var i = choices.indexOf(t);
    var back = backKey();
    var to;
    switch (e.key) {
      case "ArrowUp": case "ArrowLeft": case "ArrowRight":
        to = e.key === "ArrowUp" || e.key === back ? i - 1 : i + 1;
        break;
      case "ArrowDown": to = i + 1; break;
      case "Home": to = 0; break;
      case "End": to = choices.length - 1; break;
      case "Enter": // as Space (the quiz's disabled submit button keeps the form from being sent)
        e.preventDefault();
        if (!t.checked) t.click();
        return;
      default: return;
    }
    e.preventDefault();
    if (choices.some(function (c) { return c.checked; })) return; // answered: settled
    choices[(to + choices.length) % choices.length].focus();
  });

  // After "Next question" or Retry, focus goes to the question now shown,
  // so that a screen reader reads it: a task later, once the label has
  // checked its radio (and focused it) or the form has reset. A reader who
  // has gone on meanwhile (an answer tapped on a busy phone) keeps their
  // focus, and the page does not scroll away from it.
  function focusQuestionSoon() {
    var from = document.activeElement;
    setTimeout(function () {
      var now = document.activeElement;
      if (now !== from && now !== document.body && !(now && now.name === N.QuestionRadioName)) return;
      var pos = document.querySelector('input[name="' + N.QuestionRadioName + '"]:checked');
      var prompt = pos && document.getElementById(N.PromptIDPrefix + pos.value);
      if (prompt) prompt.focus();
    }, 0);
  }
  // Retry starts the quiz again, and keeps how the reader views it: "Show
  // all" is a control of the form, which the native reset would clear
  // (without a script it does).
  document.addEventListener("reset", function (e) {
    if (e.target.id !== N.QuizID) return;
    // The form resets after this event, each control to its default.
    var all = document.getElementById(N.ShowAllID);
    if (all) all.defaultChecked = all.checked;
    focusQuestionSoon();
    setTimeout(saveProgress, 0);
  });

  // result is the reader's progress in the quiz: answered of questions,
  // and how many right.
  function result() {
    var f = form();
    if (!f) return { answered: 0, questions: 0, score: 0 };
    return {
      answered: f.querySelectorAll('input[name^="' + N.AnswerRadioPrefix + '"]:checked').length,
      questions: parseInt(f.getAttribute(N.QuestionsAttr), 10) || 0,
      score: f.querySelectorAll("input[" + N.CorrectAttr + "]:checked").length
    };
  }

  function status(el, text) {
    if (el) el.textContent = text;
  }

  // fill writes a template the page carries in the story's language:
  // {0}, {1}… are the arguments, their digits the language's own
  // (N.DigitsAttr on the quiz form: "0123456789" or another ten).
  function fill(template, args) {
    var f = form();
    var digits = (f && f.getAttribute(N.DigitsAttr)) || "";
    return (template || "").replace(/\{(\d)\}/g, function (_, i) {
      var v = String(args[+i]);
      if (digits.length !== 10) return v;
      return v.replace(/[0-9]/g, function (d) { return digits.charAt(+d); });
    });
  }

  // Share sends the score and the widget's address (an embed's own shows a
  // part of it), nothing else, in the words the button carries
  // (N.MessageAttr, N.DoneAttr, N.FallbackAttr). Where the share sheet is
  // refused, as in a frame without web-share (WordPress's, pym.js's and
  // AMP's are), the text is copied instead, or shown to copy.
  function share(button) {
    var r = result();
    var title = (document.querySelector("." + N.TitleClass) || {}).textContent || document.title;
    var link = new URL(button.getAttribute(N.ShareLinkAttr) || location.pathname, location.href).href;
    var text = fill(button.getAttribute(N.MessageAttr), [r.score, r.questions]);
    var out = document.querySelector("." + N.ShareStatusClass);
    var manual = function () { status(out, fill(button.getAttribute(N.FallbackAttr), [link])); };
    var copyText = function () {
      if (!navigator.clipboard) return manual();
      navigator.clipboard.writeText(text + " " + link).then(
        function () { status(out, button.getAttribute(N.DoneAttr)); }, manual);
    };
    if (!navigator.share) return copyText();
    navigator.share({ title: title, text: text, url: link }).catch(function (err) {
      if (!err || err.name !== "AbortError") copyText(); // AbortError: the reader closed the sheet
    });
  }

  // Copy copies an embed snippet, or selects it for a manual copy where the
  // clipboard is not available (an insecure page, a sandbox).
  function copy(button) {
    var el = document.getElementById(button.getAttribute(N.TargetAttr));
    if (!el) return;
    stepSnippets(); // Play moves the step without a change event
    var out = document.querySelector("." + N.EmbedStatusClass);
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var manual = function () { status(out, button.getAttribute(N.FallbackAttr)); };
    // Said at the dialog's foot, and shown on the button too: on a phone
    // the foot is a screen away from it.
    var done = function () {
      var said = button.getAttribute(N.DoneAttr);
      status(out, said);
      if (!button.hasAttribute(N.CopiedAttr)) button.setAttribute(N.CopiedAttr, button.textContent);
      button.textContent = said;
      clearTimeout(button.fcCopied);
      button.fcCopied = setTimeout(function () {
        button.textContent = button.getAttribute(N.CopiedAttr);
        button.removeAttribute(N.CopiedAttr);
      }, 2000);
    };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(el.textContent).then(done, manual);
    } else {
      manual();
    }
  }

  // The Embed dialog's snippets are written with the widget's path where
  // its address was not known (no --public-url; a static export): as the
  // dialog first opens, they get the page's own address in its place, for
  // pasting into an article on another host.
  function addressSnippets() {
    document.querySelectorAll("[" + N.SnippetBaseAttr + "]").forEach(function (code) {
      var base = code.getAttribute(N.SnippetBaseAttr);
      var at = new RegExp('(^|")' + base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
      code.textContent = code.textContent.replace(at, "$1" + new URL(base, location.href).href);
      code.removeAttribute(N.SnippetBaseAttr);
    });
  }
  // With the box ticked, the snippets open at the step shown (?call=N;
  // none at the overview), and follow it while the reader steps.
  function stepSnippets() {
    var box = document.getElementById(N.EmbedAtStepID);
    if (!box) return;
    var pos = document.querySelector('input[name="' + N.StepRadioName + '"]:checked');
    var step = box.checked && pos ? parseInt(pos.value, 10) || 0 : 0;
    var query = step > 0 ? "?" + N.CallParam + "=" + step : "";
    document.querySelectorAll("." + N.EmbedClass + " code").forEach(function (code) {
      // An embed's address ends at a quote, a space or the end: not
      // embed.js's.
      code.textContent = code.textContent.replace(/(\/embed(?:\/[a-z]+)?)(?:\?[^"\s]*)?(?=["\s]|$)/g, "$1" + query);
    });
  }
  document.addEventListener("toggle", function (e) {
    if (e.target.open && e.target.classList && e.target.classList.contains(N.EmbedClass)) {
      addressSnippets();
      measureSnippet();
      var box = document.getElementById(N.EmbedAtStepID);
      if (box) box.parentNode.hidden = false; // a script follows the step: the box can work
      stepSnippets();
    }
  }, true);
  document.addEventListener("change", function (e) {
    if (e.target.name === N.EmbedPartName) measureSnippet();
    else if (e.target.id === N.EmbedAtStepID) stepSnippets();
    else if (e.target.name === N.StepRadioName && document.getElementById(N.EmbedAtStepID) &&
             document.getElementById(N.EmbedAtStepID).checked) stepSnippets();
  });

  // A plain iframe cannot size itself: its snippet says how tall to make
  // it, and the server writes the default story's height (ui.Pages), of
  // which another story's embed may need twice as much, or half. So as the
  // dialog shows a plain iframe's snippet, the embed's page is loaded here,
  // out of sight, 360 and then 768 px wide (a phone's column to an
  // article's), and the taller, with 3% to spare for other fonts, goes into
  // the snippet, as a chart tool measures its embed at publishing. Once per
  // embed; a page that cannot be read (a sandbox) leaves the server's
  // height.
  var measuring = {};
  function measureSnippet() {
    var dialog = document.querySelector("." + N.EmbedClass);
    var chosen = dialog && dialog.open && dialog.querySelector('input[name="' + N.EmbedPartName + '"]:checked');
    var group = chosen && dialog.querySelector("[" + N.PresetAttr + '="' + chosen.value + '"]');
    var code = group && group.querySelector("[" + N.SnippetPageAttr + "]");
    if (!code || measuring[chosen.value]) return;
    measuring[chosen.value] = true;
    var frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.style.cssText = "position:absolute;top:0;left:-10000px;width:360px;height:400px;border:0;visibility:hidden";
    frame.onload = function () {
      try {
        var height = function () {
          var root = frame.contentDocument.querySelector("." + N.RootClass);
          return root ? root.getBoundingClientRect().height : 0;
        };
        var h = height();
        frame.style.width = "768px";
        h = Math.max(h, height());
        if (h > 0) {
          // The iframe's height="…" and the script's div's
          // N.EmbedHeightAttr="…", which ends the same way.
          group.querySelectorAll("code").forEach(function (c) {
            c.textContent = c.textContent.replace(/height="\d+"/, 'height="' + Math.ceil(h * 1.03 / 10) * 10 + '"');
          });
        }
      } catch (err) { /* another origin, or a sandbox: the server's height stays */ }
      frame.remove();
    };
    frame.src = code.getAttribute(N.SnippetPageAttr);
    document.body.appendChild(frame);
  }

  // What the WebAssembly asks of the page (app/ui/client's pageAPI).
  window[N.PageAPI] = {
    reader: reader,
    step: currentStep,
    result: result,
    // The answers given that the server has not acknowledged.
    unsent: function () {
      var p = progress();
      return Object.keys(p.answers).filter(function (q) { return p.sent[q] !== p.answers[q]; })
        .map(function (q) { return { question: q, choice: p.answers[q] }; });
    },
    acknowledge: function (q) {
      var f = form();
      var p = progress();
      if (!f || !(q in p.answers)) return;
      p.sent[q] = p.answers[q];
      keep(progressKey(f.getAttribute(N.StoryAttr)), p);
    }
  };

  // Before the first paint: the label-buttons, the reader's progress, and
  // on a page that was not rendered for its address (a static export serves
  // one file for every query; the service worker, offline, its cached copy)
  // the call and the theme the address names. (What an address may name is
  // decided by the server, ui.ParseAddress; this only follows it.)
  document.addEventListener("DOMContentLoaded", function () {
    buttonFaces();
    restoreProgress();
    var q = new URLSearchParams(location.search);
    var radio = document.getElementById(N.StepRadioName + "-" + q.get(N.CallParam));
    if (radio && radio.name === N.StepRadioName) radio.checked = true;
    if (radios().length) holdStep(currentStep());
    var root = document.querySelector("." + N.RootClass);
    var theme = q.get(N.ThemeParam);
    if (root && (theme === N.ThemeLight || theme === N.ThemeDark)) root.setAttribute(N.ThemeAttr, theme);
  });

  // --- 3. The WebAssembly ----------------------------------------------------
  // The page needs none of it to work, and its start costs a phone a few
  // hundred milliseconds of main-thread time and 1.4 MB, so it waits for
  // the reader: their first interaction with the page (the first tap, key
  // or scroll is carried out by the page itself, at once), or, in an
  // embed, the widget coming into view; then for the browser to be idle.
  var script = document.currentScript.src;
  function resolve(path) { return new URL(path, script).href; }

  function compile(url) {
    return WebAssembly.compileStreaming(fetch(url));
  }

  // module compiles the WebAssembly in a worker (this script), or here
  // where a worker cannot start (a sandboxed frame).
  function module(url) {
    return new Promise(function (done) {
      var worker;
      try {
        worker = new Worker(script);
      } catch (e) {
        done(compile(url));
        return;
      }
      var here = function () { worker.terminate(); done(compile(url)); };
      worker.onerror = here;
      worker.onmessage = function (e) {
        if (!e.data || !e.data.module) return here();
        worker.terminate();
        done(e.data.module);
      };
      worker.postMessage({ wasm: url, exec: resolve(N.WasmExecURL) });
    });
  }

  function loadScript(src) {
    return new Promise(function (done, fail) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = done;
      s.onerror = fail;
      document.head.appendChild(s);
    });
  }

  function idle(f) {
    (window.requestIdleCallback || function (g) { setTimeout(g, 50); })(f, { timeout: 1000 });
  }

  // warmCards lays out each call's card that web/state.css holds back
  // (content-visibility: hidden) once, a card in each idle moment after the
  // load, and holds it back again in the same task: nothing is painted
  // meanwhile, and the card keeps the attributes the server wrote. The
  // browser keeps a held-back card's layout, so a card's first showing
  // lays out some 35 objects around it rather than its whole subtree (about
  // 150 in the default story): a first visit's style and layout went from
  // 18-37 ms to 4-20 ms at 4× CPU. Only in moments the browser has to
  // spare (no timeout): never ahead of a tap or a frame; a browser without
  // idle callbacks shows its cards as before.
  function warmCards() {
    if (!window.requestIdleCallback) return;
    var cards = [].slice.call(document.querySelectorAll(
      "." + N.CardsClass + ":not(." + N.BriefClass + ") > [" + N.StepAttr + "]"));
    var next = function () {
      var card = cards.shift();
      if (!card) return;
      if (getComputedStyle(card).contentVisibility === "hidden") {
        // Through card.style: with the attribute set instead, the browser
        // lays out the card's subtree again as it is next shown (tried:
        // about 150 objects, as if unwarmed). The attribute is read
        // before it is restored, or Chromium would write card.style's
        // change into it afterwards.
        var style = card.getAttribute("style");
        card.style.contentVisibility = "visible";
        card.getBoundingClientRect();
        card.getAttribute("style");
        if (style === null) card.removeAttribute("style");
        else card.setAttribute("style", style);
      }
      requestIdleCallback(next);
    };
    requestIdleCallback(next);
  }
  if (document.readyState === "complete") warmCards();
  else addEventListener("load", warmCards);

  var wakers = ["pointerdown", "keydown", "wheel", "touchstart", "scroll"];

  // whenSettled runs f once the WebAssembly has taken the page over
  // (N.MotionAttr on <html>) and the reader has then left the page alone
  // for QUIET_MS, when the browser is idle. The service worker's install
  // caches the app, the WebAssembly included, and keeps a phone's other
  // cores busy for a few hundred milliseconds: the takeover, and the
  // reader's taps, would share them with it.
  var QUIET_MS = 2000;
  function whenSettled(f) {
    var html = document.documentElement;
    var timer = null;
    var wait = function () {
      clearTimeout(timer);
      timer = setTimeout(settled, QUIET_MS);
    };
    var settled = function () {
      wakers.forEach(function (t) { removeEventListener(t, wait, true); });
      idle(f);
    };
    var live = function () {
      wakers.forEach(function (t) { addEventListener(t, wait, { capture: true, passive: true }); });
      wait();
    };
    if (html.hasAttribute(N.MotionAttr)) return live();
    var watch = new MutationObserver(function () {
      if (!html.hasAttribute(N.MotionAttr)) return;
      watch.disconnect();
      live();
    });
    watch.observe(html, { attributes: true, attributeFilter: [N.MotionAttr] });
  }

  var started = false;
  function start() {
    if (started) return;
    started = true;
    wakers.forEach(function (t) { removeEventListener(t, start, true); });
    idle(function () {
      // go-app asks for its settings at start; it has none here. It
      // reads localStorage too: openStorage guards it.
      window[N.GoAppGetenv] = function () { return undefined; };
      openStorage();
      Promise.all([loadScript(resolve(N.WasmExecURL)), module(resolve(N.WasmURL))])
        .then(function (loaded) {
          var go = new Go();
          return WebAssembly.instantiate(loaded[1], go.importObject).then(function (instance) {
            // Run it in a task of its own; register the service worker
            // once it has taken over and the reader pauses (its precache
            // then finds app.wasm in the HTTP cache).
            setTimeout(function () {
              go.run(instance);
              whenSettled(registerWorker);
            });
          });
        })
        .catch(function () { /* no WebAssembly: the page works as it is */ });
    });
  }
  wakers.forEach(function (t) { addEventListener(t, start, { capture: true, passive: true }); });
  if (window.parent !== window && "IntersectionObserver" in window) {
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (en) { return en.isIntersecting; })) {
        io.disconnect();
        start();
      }
    });
    var observe = function () { io.observe(document.body); };
    if (document.body) observe();
    else addEventListener("DOMContentLoaded", observe);
  }

  // The service worker keeps this version for offline use; when a newer
  // one has installed beside it, the notice offers a reload (the reader
  // chooses when: nothing changes under them).
  // The notice is said as well as shown: a live region that appears with
  // its words is not read.
  function offerReload() {
    var notice = document.querySelector("." + N.UpdateClass);
    if (notice && !notice.hasAttribute(N.LiveAttr) && notice.hidden) {
      notice.hidden = false;
      say(notice.firstElementChild ? notice.firstElementChild.textContent : "");
    }
  }

  // The browser looks for a new version itself as a controlled page loads,
  // and it may find one before this page registers the worker (once the
  // WebAssembly has taken over): the new worker then takes this page over
  // as it activates, and the notice offers the reload all the same.
  try {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.addEventListener("controllerchange", offerReload);
    }
  } catch (e) { /* a sandboxed frame throws on merely reading navigator.serviceWorker */ }

  function registerWorker() {
    try {
      var notice = document.querySelector("." + N.UpdateClass);
      if (!navigator.serviceWorker || (notice && notice.hasAttribute(N.LiveAttr))) return; // a preview: see web/live.js
      var offer = function (w) {
        if (!w || !navigator.serviceWorker.controller) return; // a first install: nothing to reload for
        var installed = function () {
          if (w.state === "installed") offerReload();
        };
        installed();
        w.addEventListener("statechange", installed);
      };
      navigator.serviceWorker.register(resolve(N.WorkerURL)).then(function (reg) {
        offer(reg.waiting || reg.installing); // found while registering
        reg.addEventListener("updatefound", function () { offer(reg.installing); });
      }, function () { /* no service worker here (a sandbox, a private window) */ });
    } catch (e) { /* a sandboxed frame throws on merely reading navigator.serviceWorker */ }
  }

  // --- 4. Heights and links, when embedded -----------------------------------
  if (window.parent === window) return;

  var params = new URLSearchParams(location.search);
  var childId = params.get("childId") || N.DefaultChildID;
  var secret = (location.hash.match(/[#&?]secret=([A-Za-z0-9]+)/) || [])[1];
  var last = 0;

  // The widget's height at the frame's whole width. While the frame is
  // shorter than the widget, a desktop's classic scrollbar narrows the
  // column, and the height there is a narrower column's (at 300 px, 1,095
  // px for 940): a host that caps the height (WordPress, at 1,000 px) would
  // keep the frame scrolling though the widget fits. So the scrollbar is
  // put away for the measure, within this task (nothing is painted
  // without it), and stays away while the frame holds the widget: else a
  // frame grown to the widget's height could keep the scrollbar it had,
  // the narrower column overflowing it. Phones' scrollbars take no width.
  function height() {
    var root = document.querySelector("." + N.RootClass) || document.body;
    if (!root) return 0;
    var html = document.documentElement;
    if (window.innerWidth - html.clientWidth >= 1) html.style.overflowY = "hidden";
    var h = Math.ceil(root.getBoundingClientRect().height);
    html.style.overflowY = h <= window.innerHeight ? "hidden" : "";
    return h;
  }

  function post(force) {
    var h = height();
    if (!h || (h === last && !force)) return;
    last = h;
    var p = window.parent;
    p.postMessage("pymxPYMx" + childId + "xPYMxheightxPYMx" + h, "*");
    p.postMessage({ sentinel: "amp", type: "embed-size", height: h }, "*");
    // Our own dialect names the widget too: embed.js titles a frame whose
    // div has no title with it, in the story's language.
    p.postMessage({ type: N.HeightMessage, id: childId, height: h, title: document.title, lang: document.documentElement.lang }, "*");
    if (secret) p.postMessage({ secret: secret, message: "height", value: h }, "*");
  }

  // A pym parent announces its width, and WordPress's wp-embed.js that it
  // is ready (in case this page loaded first): answer with the height. A
  // page still loading answers at DOMContentLoaded (startHeights), with
  // the whole widget's height rather than a part's.
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || document.readyState === "loading") return;
    var d = e.data;
    if ((typeof d === "string" && d.indexOf("pymxPYMx" + childId + "xPYMxwidthxPYMx") === 0) ||
        (secret && d && d.message === "ready" && d.secret === secret)) {
      post(true);
    }
  });

  // In WordPress's sandbox (scripts only: an opaque origin, no popups) a
  // link that opens a tab does nothing. wp-embed.js follows a link to the
  // widget's own host when the embed asks ({secret, message: "link"}), in
  // the article's tab, as it does for WordPress's own embeds: so the full
  // interactive opens. A link to another host (a source) cannot open there.
  if (secret && window.origin === "null") {
    document.addEventListener("click", function (e) {
      var a = closest(e.target, "a[href]");
      if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
      var u = new URL(a.href, location.href);
      if (u.host !== location.host) return;
      e.preventDefault();
      window.parent.postMessage({ secret: secret, message: "link", value: u.href }, "*");
    });
  }

  function startHeights() {
    post(true);
    if ("ResizeObserver" in window) {
      new ResizeObserver(function () { post(false); }).observe(document.body);
    }
    // The frame resized by its host: the widget may now fit it, or no
    // longer (height's scrollbar), or its column is another width.
    window.addEventListener("resize", function () { post(false); });
    window.addEventListener("load", function () { post(true); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startHeights);
  } else {
    startHeights();
  }
})();

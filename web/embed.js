/*
 * Five Calls embed script, for the pages that embed the widget.
 *
 *   <div data-fivecalls-src="WIDGET/embed?call=2"></div>
 *   <script src="WIDGET/web/embed.js" async></script>
 *
 * Each such div gets a self-sizing iframe of that URL. Options on the div:
 * data-fivecalls-parts (the parts to show, e.g. "quiz" or
 * "map,timeline,card": an embed's own page where it has one, such as
 * embed/quiz, else the widget's ?parts=), data-fivecalls-title (the
 * iframe's accessible name; without it, the widget's title, which its
 * messages carry) and data-fivecalls-height (pixels shown until the widget
 * reports its height).
 *
 * Heights (and titles) are accepted only from the iframe this script
 * created, and only from the origin of its URL, in two dialects:
 *   {type: "fivecalls:height", id, height, title, lang}   (an object or its JSON text)
 *   "pymxPYMx" + id + "xPYMxheightxPYMx" + px (pym.js)
 * The id is the childId this script adds to the URL, with initialWidth, as
 * pym.js does; the iframe's width is sent back as pym's "width" message.
 *
 * No cookies, no storage, no requests of its own. Safe to include twice.
 * Divs added later are picked up; window.FiveCalls.scan() forces a scan.
 *
 * The names above are read from N, as app/ui declares them (N.EmbedSrcAttr
 * is ui.EmbedSrcAttr), which the server writes in (ui.ExpandScript).
 */
(function () {
  'use strict';
  var N = __NAMES__;
  var w = window, d = document;
  if (w[N.EmbedGlobal] && w[N.EmbedGlobal].scan) {
    w[N.EmbedGlobal].scan();
    return;
  }
  var SEL = 'div[' + N.EmbedSrcAttr + ']:not([' + N.EmbedIDAttr + '])';
  var PYM = 'xPYMx';
  var frames = new Map(); // id -> {f: iframe, o: expected origin, w: last width sent, t: titled by the host}
  var n = 0;

  // clamp keeps a height in a sane range; 0 means there was none.
  function clamp(h) {
    h = Math.round(Number(h));
    return h > 0 ? Math.min(Math.max(h, 100), 20000) : 0;
  }

  // pymHeight returns the height a pym.js message asks for, or 0.
  function pymHeight(data, id) {
    var p = typeof data === 'string' ? data.split(PYM) : []; // ["pym", id, "height", px]
    return p.length === 4 && p[0] === 'pym' && p[1] === id && p[2] === 'height' ? clamp(p[3]) : 0;
  }

  // ours returns our own dialect's message for this id, parsed, or null.
  function ours(data, id) {
    if (typeof data === 'string' && data.charAt(0) === '{') {
      try {
        data = JSON.parse(data);
      } catch (e) {
        return null;
      }
    }
    return data && data.type === N.HeightMessage && (data.id == null || String(data.id) === id) ? data : null;
  }

  // name gives an untitled frame the widget's title, in its language.
  function name(f, m) {
    var t = typeof m.title === 'string' ? m.title.trim().slice(0, 200) : '';
    if (!t) return;
    f.setAttribute('title', t);
    f.setAttribute('lang', /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(m.lang) ? m.lang : '');
  }

  function onMessage(e) {
    for (var [id, x] of frames) {
      if (!x.f.isConnected) {
        frames.delete(id);
        continue;
      }
      var cw = x.f.contentWindow;
      if (!cw || e.source !== cw) continue;
      if (e.origin !== x.o) return;
      var m = ours(e.data, id);
      var h = m ? clamp(m.height) : pymHeight(e.data, id);
      if (h) x.f.style.height = h + 'px';
      if (m && !x.t) name(x.f, m);
      return;
    }
  }

  function sendWidth(id, x) {
    var px = Math.round(x.f.getBoundingClientRect().width);
    var cw = x.f.contentWindow;
    if (!px || px === x.w || !cw) return;
    x.w = px;
    // The target origin keeps the message from a frame that navigated away.
    cw.postMessage('pym' + PYM + id + PYM + 'width' + PYM + px, x.o);
  }

  var timer = 0;
  function onResize() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      frames.forEach(function (x, id) {
        sendWidth(id, x);
      });
    }, 100);
  }

  function newID() {
    var id;
    do id = N.EmbedIDPrefix + ++n;
    while (frames.has(id) || d.getElementById(id));
    return id;
  }

  function embed(div) {
    var u;
    try {
      u = new URL(div.getAttribute(N.EmbedSrcAttr), location.href);
    } catch (e) {
      return;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return;
    var id = newID();
    var parts = div.getAttribute(N.EmbedPartsAttr);
    if (parts) {
      // An embed with a page of its own is asked for by that page (the
      // quiz's: embed/quiz), which a static host serves too; any other
      // set of parts by ?parts=, which needs the server.
      var key = parts.split(',').map(function (s) { return s.trim(); }).sort().join(',');
      var own = Object.prototype.hasOwnProperty.call(N.EmbedPresets, key) ? N.EmbedPresets[key] : null;
      if (own !== null && /\/embed\/?$/.test(u.pathname)) {
        u.pathname = u.pathname.replace(/\/embed(\/?)$/, '/embed' + own + '$1');
      } else {
        u.searchParams.set('parts', parts);
      }
    }
    var width = Math.round(div.getBoundingClientRect().width) || 0;
    u.searchParams.set('initialWidth', width);
    u.searchParams.set('childId', id);
    var f = d.createElement('iframe');
    f.setAttribute('src', u.href);
    var title = div.getAttribute(N.EmbedTitleAttr);
    f.setAttribute('title', title || 'Five Calls: interactive map and quiz'); // until the widget names itself
    f.setAttribute('loading', 'lazy');
    f.setAttribute('allow', 'web-share');
    f.setAttribute('width', '100%');
    f.setAttribute(N.EmbedIDAttr, id);
    f.style.cssText = 'display:block;width:100%;border:0;margin:0;height:' +
      (clamp(div.getAttribute(N.EmbedHeightAttr)) || 600) + 'px';
    var x = {f: f, o: u.origin, w: width, t: !!title};
    frames.set(id, x);
    f.addEventListener('load', function () {
      x.w = 0;
      sendWidth(id, x);
    });
    div.setAttribute(N.EmbedIDAttr, id);
    div.textContent = ''; // fallback content, such as a link, makes way
    div.appendChild(f);
    if (ro) ro.observe(f);
  }

  function scan() {
    d.querySelectorAll(SEL).forEach(embed);
  }

  var ro = typeof ResizeObserver === 'function' ? new ResizeObserver(onResize) : null;
  if (!ro) w.addEventListener('resize', onResize);
  w.addEventListener('message', onMessage);
  if (typeof MutationObserver === 'function') {
    new MutationObserver(function (records) {
      for (var r of records) {
        for (var node of r.addedNodes) {
          if (node.nodeType === 1 && (node.matches(SEL) || node.querySelector(SEL))) return scan();
        }
      }
    }).observe(d.documentElement, {childList: true, subtree: true});
  }
  w[N.EmbedGlobal] = {scan: scan};
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', scan);
  else scan();
})();

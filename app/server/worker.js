// Five Calls service worker, version __VERSION__.
//
// One cache per version holds the pages and every file they need, so the
// widget works offline after one visit, and a version is only ever served
// whole: pages come from the network when it answers with this same version,
// otherwise from this version's cache; other files come from the cache first.
// A new version installs beside the old one; the page then offers a reload.
// Paths are relative to the worker's scope, so the widget works under any
// sub-path (a static export on a CDN).
"use strict";

const VERSION = "__VERSION__";
const CACHE_PREFIX = "__CACHE_PREFIX__";
const CACHE = CACHE_PREFIX + VERSION;
const SCOPE = new URL(self.registration.scope);
// Pages by path relative to the scope; their query (?call=, ?theme=) is
// ignored when answering from the cache: the page's script reads it.
const PAGES = __PAGES__;
// The pages and the files to cache at install. The files are versioned
// URLs, immutable: taken from the HTTP cache, where the page left them.
// The pages are revalidated.
const PAGE_PRECACHE = __PAGE_PRECACHE__;
const FILE_PRECACHE = __PRECACHE__;
// Never cached: readers' answers and figures must be live.
const NETWORK_ONLY = ["api/", "healthz", "metrics", "oembed"];

function relative(url) {
  return url.pathname.startsWith(SCOPE.pathname) ? url.pathname.slice(SCOPE.pathname.length) : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll([
        ...PAGE_PRECACHE.map((p) => new Request(new URL(p, SCOPE), { cache: "no-cache" })),
        ...FILE_PRECACHE.map((p) => new Request(new URL(p, SCOPE))),
      ]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

async function fromCache(request, options) {
  const cache = await caches.open(CACHE);
  return cache.match(request, options);
}

// A page: the network's copy when it is of this version (fresh news, same
// files), else the cached page of this version, else whatever the network says.
async function page(request, path) {
  try {
    const res = await fetch(request);
    if (res.ok && res.headers.get("__VERSION_HEADER__") === VERSION) {
      return res;
    }
    const cached = await fromCache(new URL(path, SCOPE).href, { ignoreSearch: true });
    return cached || res;
  } catch (err) {
    const cached = await fromCache(new URL(path, SCOPE).href, { ignoreSearch: true });
    if (cached) {
      return cached;
    }
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) {
    return;
  }
  const path = relative(url);
  if (path === null || NETWORK_ONLY.some((p) => path.startsWith(p))) {
    return;
  }
  const pagePath = PAGES[path];
  if (pagePath !== undefined) {
    event.respondWith(page(request, pagePath));
    return;
  }
  // A file: this version's copy (a versioned URL of another version is not
  // this version's, and goes to the network), else the network.
  const versioned = url.searchParams.has("v");
  event.respondWith(
    fromCache(request, { ignoreSearch: !versioned }).then((cached) => cached || fetch(request))
  );
});

// Five Calls service worker.
//
// One cache per version holds the pages and every file they need, so the
// widget works offline after one visit, and a version is only ever served
// whole: pages come from the network when it answers with this same version,
// otherwise from this version's cache; other files come from the cache first.
// A new version installs beside the old one; the page then offers a reload.
// Paths are relative to the worker's scope, so the widget works under any
// sub-path (a static export on a CDN).
//
// N holds what the server writes in (serviceWorker in worker.go): this
// version, the names it shares with the server, and the pages and files.
"use strict";

const N = __NAMES__;
const SCOPE = new URL(self.registration.scope);
// One cache per version and scope: the stories of one server are scopes of
// their own (/ID/), each with its worker, and a worker deletes only its own
// scope's other versions (and those of before caches were named by scope).
const CACHE = N.CachePrefix + N.Version + "@" + SCOPE.pathname;
function ours(key) {
  return key.startsWith(N.CachePrefix) && (key.endsWith("@" + SCOPE.pathname) || !key.includes("@"));
}
// N.Pages maps each path a page is reached at, relative to the scope, to
// its page's cache key; their query (?call=, ?theme=) is ignored when
// answering from the cache: the page's script reads it. At install the
// worker caches the widget's page and its default embed (N.PagePrecache),
// the pages open in the reader's windows and the files (N.FilePrecache); a
// page fetched later is cached as it comes. The files are versioned URLs, immutable: taken from
// the HTTP cache, where the page left them. The pages are revalidated.
// Never cached: readers' answers and figures must be live.
const NETWORK_ONLY = ["api/", "healthz", "metrics", "oembed"];

function relative(url) {
  return url.pathname.startsWith(SCOPE.pathname) ? url.pathname.slice(SCOPE.pathname.length) : null;
}

// openPages are the cache keys of the pages open in the reader's windows.
async function openPages() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  return windows.map((w) => N.Pages[relative(new URL(w.url))]).filter((p) => p !== undefined);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([caches.open(CACHE), openPages()])
      .then(([cache, open]) => cache.addAll([
        ...[...new Set([...N.PagePrecache, ...open])].map((p) => new Request(new URL(p, SCOPE), { cache: "no-cache" })),
        ...N.FilePrecache.map((p) => new Request(new URL(p, SCOPE))),
      ]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => ours(k) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

async function fromCache(request, options) {
  const cache = await caches.open(CACHE);
  return cache.match(request, options);
}

// A page is of this version when the server says so (N.VersionHeader). A
// static host says nothing; the page's links to its files name their
// version (?v=), which is the page's.
async function ofThisVersion(res) {
  const said = res.headers.get(N.VersionHeader);
  if (said !== null) {
    return said === N.Version;
  }
  if (!(res.headers.get("Content-Type") || "").startsWith("text/html")) {
    return false;
  }
  return (await res.clone().text()).includes("?v=" + N.Version + '"');
}

// How long a page waits for the network before this version's cached copy
// is shown instead: a connection that takes the request and answers
// nothing (a train's, a captive portal's) would otherwise leave the reader
// a blank screen until the browser gives up.
const NETWORK_WAIT_MS = 3000;

// A page: the network's copy when it is of this version (fresh news, same
// files), which is kept for offline use, else the cached page of this
// version, else whatever the network says. A network slower than
// NETWORK_WAIT_MS gives way to the cached page; its copy, when it comes,
// is still kept for next time (waitUntil).
async function page(event, request, path) {
  const key = new URL(path, SCOPE).href;
  const network = fetch(request).then(async (res) => {
    const fresh = res.ok && await ofThisVersion(res);
    if (fresh) {
      const copy = res.clone();
      await caches.open(CACHE).then((cache) => cache.put(key, copy));
    }
    return { res, fresh };
  });
  event.waitUntil(network.catch(() => {}));
  const cached = () => fromCache(key, { ignoreSearch: true });
  let answer;
  try {
    answer = await Promise.race([network, new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, null))]);
    if (answer === null) {
      const copy = await cached();
      if (copy) {
        return copy;
      }
      answer = await network; // nothing cached: the network, however slow
    }
  } catch (err) {
    const copy = await cached();
    if (copy) {
      return copy;
    }
    throw err;
  }
  return answer.fresh ? answer.res : (await cached()) || answer.res;
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
  const pagePath = N.Pages[path];
  if (pagePath !== undefined) {
    event.respondWith(page(event, request, pagePath));
    return;
  }
  // A file: this version's copy (a versioned URL of another version is not
  // this version's, and goes to the network), else the network.
  const versioned = url.searchParams.has(N.VersionParam);
  event.respondWith(
    fromCache(request, { ignoreSearch: !versioned }).then((cached) => cached || fetch(request))
  );
});

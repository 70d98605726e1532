// Live reload for blog serve: reloads this page when it changed, swaps
// stylesheets in place, and shows build problems over the page.
(function () {
  "use strict";
  var here = normalize(location.pathname);
  // The build this page is from: events after it that this page missed
  // while it loaded are sent again on connecting.
  var gen = document.currentScript ? document.currentScript.getAttribute("data-gen") : null;
  var key = "blog:scroll:" + here;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }

  function normalize(p) {
    try { p = decodeURIComponent(p); } catch (e) { /* keep as is */ }
    return p.replace(/index\.html$/, "");
  }
  function dir(p) { return p.slice(0, p.lastIndexOf("/") + 1); }

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  // chrome is what a page has besides its <main>: the head's stylesheets
  // and scripts and the body without main and this script, as parsed,
  // before any script of the theme ran (they are deferred).
  // In a parsed page of its own (own), the body is changed in place
  // rather than copied: main is swapped for an empty one.
  function chrome(doc, own) {
    var parts = [doc.documentElement.lang];
    doc.head.querySelectorAll('link[rel="stylesheet"], script[src], style').forEach(function (el) { parts.push(el.outerHTML); });
    var body = own ? doc.body : doc.body.cloneNode(true);
    var main = body.querySelector("main");
    if (main) main.replaceWith(main.cloneNode(false));
    body.querySelectorAll('script[src^="/__blog/"]').forEach(function (el) { el.remove(); });
    parts.push(body.outerHTML);
    // This script runs before the parser reaches the end of the body, so
    // the whitespace after it is not in the page yet.
    return parts.join("\n").replace(/\s+/g, " ").trim();
  }
  var shell = chrome(document);

  // update shows the page's new version: when only its <main> and head
  // changed and the theme can enhance new content (window.blogEnhance),
  // they are put in place, which is much quicker than a reload and keeps
  // the scroll; otherwise the page reloads.
  var updates = 0;
  function update() {
    if (typeof window.blogEnhance !== "function" || !document.querySelector("main")) return reload();
    var token = ++updates;
    fetch(location.href, { cache: "no-store" }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.text();
    }).then(function (html) {
      if (token !== updates) return; // a newer update is under way
      var doc = new DOMParser().parseFromString(html, "text/html");
      var main = doc.querySelector("main");
      var tag = doc.querySelector('script[src^="/__blog/live.js"]');
      var title = doc.title;
      if (!main) return reload();
      // Scripts in the new content would not run once put in place (a
      // diagram left to the browser, comments, search): reload.
      if (main.querySelector('script:not([type="application/ld+json"]), pre.mermaid')) return reload();
      if (chrome(doc, true) !== shell) return reload();
      var keep = 'link[rel="stylesheet"], script:not([type="application/ld+json"]), style';
      document.head.querySelectorAll(":scope > *").forEach(function (el) { if (!el.matches(keep)) el.remove(); });
      doc.head.querySelectorAll(":scope > *").forEach(function (el) {
        if (!el.matches(keep)) document.head.appendChild(document.adoptNode(el));
      });
      document.title = title;
      var fresh = document.adoptNode(main);
      document.querySelector("main").replaceWith(fresh);
      window.blogEnhance(fresh);
      if (tag && tag.getAttribute("data-gen")) {
        gen = tag.getAttribute("data-gen");
        // Connected again from the new version, after the frame that
        // paints it: the server, which waits for this before it builds
        // the rest of the site, knows the page shows it, and a later
        // reconnection does not replay what is shown already.
        requestAnimationFrame(function () { setTimeout(connect, 0); });
      }
    }).catch(function () { reload(); });
  }

  function swapStyles(assets) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var url = new URL(link.href, location.href);
      if (assets.indexOf(normalize(url.pathname)) < 0) continue;
      var next = link.cloneNode();
      url.searchParams.set("v", String(Date.now()));
      next.href = url.pathname + url.search;
      next.addEventListener("load", function (old) { return function () { old.remove(); }; }(link));
      link.after(next);
    }
  }

  var overlay = null;
  function showProblems(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "blog-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,24,.94);color:#fff;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace";
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "";
    var h = document.createElement("h2");
    h.textContent = "Build failed — showing the last good version";
    h.style.cssText = "margin:0 0 1rem;color:#ff8a8a;font:bold 18px system-ui,sans-serif";
    var pre = document.createElement("pre");
    pre.textContent = message;
    pre.style.cssText = "white-space:pre-wrap;margin:0";
    var hint = document.createElement("p");
    hint.textContent = "Fix the file and save; this page updates by itself.";
    hint.style.cssText = "color:#bbb;font-family:system-ui,sans-serif";
    overlay.appendChild(h);
    overlay.appendChild(pre);
    overlay.appendChild(hint);
  }
  function hideProblems() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function affectsThisPage(ev) {
    if (ev.all) return true;
    var pages = ev.pages || [];
    for (var i = 0; i < pages.length; i++) if (pages[i] === here) return true;
    var assets = ev.assets || [];
    for (var j = 0; j < assets.length; j++) {
      var a = assets[j];
      if (/\.js$/.test(a) || dir(a) === dir(here)) return true;
    }
    return false;
  }

  var wasBroken = false;
  var source = null;
  function connect() {
    if (source) source.close();
    source = new EventSource("/__blog/events?page=" + encodeURIComponent(here) + (gen ? "&since=" + encodeURIComponent(gen) : ""));
    source.onmessage = receive;
  }
  function receive(msg) {
    var ev = JSON.parse(msg.data);
    if (ev.kind === "error") {
      wasBroken = true;
      showProblems(ev.message);
      return;
    }
    if (ev.kind === "css") {
      hideProblems();
      swapStyles(ev.assets || []);
      return;
    }
    if (ev.kind === "reload" && affectsThisPage(ev)) {
      hideProblems();
      var mine = (ev.pages || []).indexOf(here) >= 0;
      // A script, or a file beside the page (an image it shows, which
      // the browser would take from its memory), changed: reload.
      var files = (ev.assets || []).some(function (a) { return /\.js$/.test(a) || dir(a) === dir(here); });
      if (ev.all || !mine || files) reload(); else update();
      return;
    }
    if (ev.kind === "reload" && wasBroken) {
      hideProblems();
    }
    if (ev.kind === "ok") hideProblems();
    wasBroken = false;
  }
  connect();
})();

// Live reload for blog serve: reloads this page when it changed, swaps
// stylesheets in place, and shows build problems over the page.
(function () {
  "use strict";
  var here = normalize(location.pathname);
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
  var source = new EventSource("/__blog/events");
  source.onmessage = function (msg) {
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
      reload();
      return;
    }
    if (ev.kind === "reload" && wasBroken) {
      hideProblems();
    }
    if (ev.kind === "ok") hideProblems();
    wasBroken = false;
  };
})();

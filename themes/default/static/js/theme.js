// Dark mode toggle: follows the system until the reader picks a theme,
// then remembers the choice across pages. Reading needs none of this.
(function () {
  "use strict";
  var button = document.getElementById("theme-toggle");
  if (!button) return;
  var root = document.documentElement;
  function current() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function show() { button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false"); }
  button.hidden = false;
  show();
  button.addEventListener("click", function () {
    var next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("theme", next); } catch (e) { /* private mode */ }
    show();
  });
})();

// Search: "/" focuses the search box; the search script and its index are
// fetched only once the box is used.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input") || document.getElementById("search-page-input");
  if (!input) return;
  function load() {
    if (!form || form.dataset.loading) return;
    form.dataset.loading = "1";
    var s = document.createElement("script");
    s.src = form.dataset.script;
    document.head.appendChild(s);
  }
  if (form) {
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
})();

// What the theme adds to a page's content, for the content under root:
// run once on load, and again by blog serve's live reload on the content
// it puts in place of the old when a save changed only that
// (window.blogEnhance).
(function () {
  "use strict";
  var ko = document.documentElement.lang === "ko";

  // Code blocks get a copy button; the code stays readable and selectable
  // without it. Numbers are CSS counters, so the text has none of them.
  function copyButtons(root) {
    if (!navigator.clipboard) return;
    var label = ko ? "복사" : "Copy", done = ko ? "복사됨" : "Copied";
    root.querySelectorAll(".code-block").forEach(function (fig) {
      var pre = fig.querySelector("pre");
      if (!pre) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "code-copy";
      b.textContent = label;
      b.setAttribute("aria-label", label + ": " + (fig.querySelector("figcaption") || {}).textContent);
      b.addEventListener("click", function () {
        navigator.clipboard.writeText(pre.textContent).then(function () {
          b.textContent = done;
          setTimeout(function () { b.textContent = label; }, 1500);
        });
      });
      fig.appendChild(b);
    });
  }

  // Tabs with a groupId stay in step: choosing "Linux" in one chooses it
  // in every tab group of that id, on this page and the next
  // (localStorage).
  function choose(group, value) {
    document.querySelectorAll(".tabs[data-group]").forEach(function (tabs) {
      if (tabs.dataset.group !== group) return;
      tabs.querySelectorAll(".tab-bar input").forEach(function (r) {
        if (r.value === value) r.checked = true;
      });
    });
  }
  function tabs(root) {
    root.querySelectorAll(".tabs[data-group]").forEach(function (t) {
      var g = t.dataset.group;
      try { var saved = localStorage.getItem("tabs:" + g); if (saved) choose(g, saved); } catch (e) { /* private mode */ }
      t.addEventListener("change", function (e) {
        if (!e.target.matches(".tab-bar input")) return;
        choose(g, e.target.value);
        try { localStorage.setItem("tabs:" + g, e.target.value); } catch (e2) { /* private mode */ }
      });
    });
  }

  // A code block wider than the column scrolls; it takes the focus, so
  // the arrow keys can scroll it too.
  function scrollers(root) {
    root.querySelectorAll(".post-content pre").forEach(function (pre) {
      if (pre.scrollWidth > pre.clientWidth && !pre.hasAttribute("tabindex")) pre.tabIndex = 0;
    });
  }

  // On wide screens a doc's sidebar is open (CSS does so where it can).
  function docMenu(root) {
    if (!window.matchMedia("(min-width: 64rem)").matches) return;
    root.querySelectorAll("details.doc-menu").forEach(function (d) { d.open = true; });
  }

  function enhance(root) {
    docMenu(root);
    copyButtons(root);
    tabs(root);
    scrollers(root);
  }
  window.blogEnhance = enhance;
  enhance(document);
})();

// On wide screens the header's menu is open (CSS does so where it can);
// it closes again when the screen narrows.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60rem)");
  function menu() { document.querySelectorAll("details.site-menu").forEach(function (d) { d.open = wide.matches; }); }
  menu();
  wide.addEventListener("change", menu);
})();

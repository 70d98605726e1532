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

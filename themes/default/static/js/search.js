// Search: the header's search box and the search page, on the static index
// the build writes per language (search/index.json). Nothing leaves the
// site: the index is fetched once, on first use, and queried here.
//
// The tokenizer below must cut text exactly as internal/search/tokenize.go
// does; the tests check both on the cases in internal/search/testdata.
(function () {
  "use strict";

  // ---- Tokens ------------------------------------------------------------

  var MAX_TOKEN = 48; // bytes, as in Go
  var WORD = /[\p{L}\p{N}\p{M}_]/u;

  function isBigram(c) {
    return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff);
  }
  function isWord(ch) { return WORD.test(ch) && !isBigram(ch.codePointAt(0)); }
  function isJoiner(ch) { return ch === "." || ch === "-" || ch === ":"; }
  function utf8Length(s) { return new TextEncoder().encode(s).length; }

  // stem strips common English endings; see Stem in tokenize.go.
  function stem(w) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
    if (w.length > 4 && w.endsWith("ies")) w = w.slice(0, -3) + "y";
    else if (w.endsWith("sses")) w = w.slice(0, -2);
    else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
    if (w.endsWith("ing") && w.length >= 6) w = w.slice(0, -3);
    else if (w.endsWith("ed") && w.length >= 5) w = w.slice(0, -2);
    if (w.endsWith("e") && w.length >= 5) w = w.slice(0, -1);
    var n = w.length;
    if (n >= 4 && w[n - 1] === w[n - 2] && "aeiouylsz".indexOf(w[n - 1]) < 0) w = w.slice(0, -1);
    return w;
  }

  // runs cuts text into bigram runs and word compounds:
  // [{kind: "h"|"w", text, start, end}], offsets into the normalized,
  // lower-cased text.
  function runs(text) {
    var chars = Array.from(text.normalize("NFC").toLowerCase());
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      var j;
      if (isBigram(c.codePointAt(0))) {
        j = i + 1;
        while (j < chars.length && isBigram(chars[j].codePointAt(0))) j++;
        out.push({ kind: "h", chars: chars.slice(i, j) });
        i = j;
      } else if (isWord(c)) {
        j = i + 1;
        for (;;) {
          if (j < chars.length && isWord(chars[j])) { j++; continue; }
          if (j < chars.length && isJoiner(chars[j])) {
            var step = chars[j] === ":" && chars[j + 1] === ":" ? 2 : 1; // std::io
            if (j + step < chars.length && isWord(chars[j + step])) { j += step; continue; }
          }
          break;
        }
        out.push({ kind: "w", text: chars.slice(i, j).join("") });
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  // compoundTokens is a compound whole, then its parts.
  function compoundTokens(w) {
    if (utf8Length(w) > MAX_TOKEN) return [];
    if (!/[.\-:_]/.test(w)) return [stem(w)];
    var out = [w];
    w.split(/[.\-:_]/).forEach(function (p) { if (p) out.push(stem(p)); });
    return out;
  }

  function bigrams(chars) {
    if (chars.length === 1) return [chars[0]];
    var out = [];
    for (var k = 0; k + 1 < chars.length; k++) out.push(chars[k] + chars[k + 1]);
    return out;
  }

  // tokenize returns every token of text, in order, as the index has them.
  function tokenize(text) {
    var out = [];
    runs(text).forEach(function (r) {
      out.push.apply(out, r.kind === "h" ? bigrams(r.chars) : compoundTokens(r.text));
    });
    return out;
  }

  // terms turns a query into the terms a post must all match. A Hangul run
  // needs all its bigrams; a word needs its stem, or a compound its whole
  // form. The last term may still be being typed, so it matches by prefix.
  function terms(query) {
    return runs(query).map(function (r) {
      if (r.kind === "h") {
        return { kind: "h", toks: bigrams(r.chars), raw: r.chars.join("") };
      }
      var tok = /[.\-:_]/.test(r.text) ? r.text : stem(r.text);
      return { kind: "w", toks: [tok], raw: r.text };
    }).filter(function (t) { return t.toks.length && t.toks[0]; });
  }

  // ---- The index -------------------------------------------------------

  var WEIGHT = { 1: 16, 2: 8, 4: 4, 8: 1 }; // title, tag, heading, body
  var MAX_PREFIX_KEYS = 64;

  function Index(data) {
    this.docs = data.docs;
    this.keys = data.k;
    this.raw = data.p;
    this.decoded = new Map();
  }

  // find returns the position of the first key >= tok.
  Index.prototype.find = function (tok) {
    var lo = 0, hi = this.keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.keys[mid] < tok) lo = mid + 1; else hi = mid;
    }
    return lo;
  };

  // postings returns Map(doc → code) for key number k.
  Index.prototype.postings = function (k) {
    var m = this.decoded.get(k);
    if (m) return m;
    m = new Map();
    var doc = 0;
    var list = this.raw[k];
    for (var i = 0; i < list.length; i++) {
      var v = list[i];
      doc += Math.floor(v / 64);
      m.set(doc, v % 64);
    }
    this.decoded.set(k, m);
    return m;
  };

  // keysFor lists [key number, factor] for a token: the exact key, and
  // with prefix, keys that start with it (worth less).
  Index.prototype.keysFor = function (tok, prefix) {
    var out = [];
    var k = this.find(tok);
    if (k < this.keys.length && this.keys[k] === tok) { out.push([k, 1]); k++; }
    if (prefix) {
      for (var n = 0; k < this.keys.length && n < MAX_PREFIX_KEYS && this.keys[k].startsWith(tok); k++, n++) {
        out.push([k, 0.6]);
      }
    }
    return out;
  };

  function fieldScore(code) {
    var s = 0;
    for (var bit = 1; bit <= 8; bit <<= 1) {
      if (code & bit) s = Math.max(s, WEIGHT[bit]);
    }
    return s + (code >> 4) * 0.5; // body repeats
  }

  // matchTerm returns Map(doc → score) of the posts matching one term.
  Index.prototype.matchTerm = function (term, open) {
    var self = this;
    var result = new Map();
    if (term.kind === "w" || term.toks.length === 1) {
      var tok = term.toks[0];
      var keys = this.keysFor(tok, term.kind === "w" || open);
      if (!keys.length && open && term.kind === "w") {
        // A word being typed past its stem ("handli" for "handl").
        for (var cut = 1; cut <= 3 && tok.length - cut >= 3; cut++) {
          keys = this.keysFor(tok.slice(0, -cut), false);
          if (keys.length) break;
        }
      }
      keys.forEach(function (kf) {
        self.postings(kf[0]).forEach(function (code, doc) {
          var s = fieldScore(code) * kf[1];
          if (!(result.get(doc) >= s)) result.set(doc, s);
        });
      });
      return result;
    }
    // Every bigram of a Hangul run must be there.
    var lists = [];
    for (var i = 0; i < term.toks.length; i++) {
      var kk = this.keysFor(term.toks[i], false);
      if (!kk.length) return result;
      lists.push(this.postings(kk[0][0]));
    }
    lists.sort(function (a, b) { return a.size - b.size; });
    lists[0].forEach(function (code, doc) {
      var fields = code & 15, reps = code >> 4;
      for (var j = 1; j < lists.length; j++) {
        var c = lists[j].get(doc);
        if (c === undefined) return;
        fields &= c;
        reps = Math.min(reps, c >> 4);
      }
      result.set(doc, fieldScore((fields || 8) | (reps << 4)));
    });
    return result;
  };

  // search ranks the posts that match every term: title and tag hits above
  // heading hits above body hits; ties go to the newest post.
  Index.prototype.search = function (query) {
    var ts = terms(query);
    if (!ts.length) return [];
    var open = !/\s$/.test(query);
    var scores = null;
    for (var i = 0; i < ts.length; i++) {
      var m = this.matchTerm(ts[i], open && i === ts.length - 1);
      if (scores === null) {
        scores = m;
      } else {
        var next = new Map();
        scores.forEach(function (s, doc) {
          var t = m.get(doc);
          if (t !== undefined) next.set(doc, s + t);
        });
        scores = next;
      }
      if (!scores.size) return [];
    }
    var docs = this.docs;
    return Array.from(scores, function (e) { return { doc: docs[e[0]], n: e[0], score: e[1] }; })
      .sort(function (a, b) { return b.score - a.score || a.n - b.n; });
  };

  // ---- Showing results ---------------------------------------------------

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // marker returns a RegExp of what to highlight for a query, or null.
  function marker(query) {
    var parts = [];
    terms(query).forEach(function (t) {
      if (t.kind === "h") parts.push(escapeRegExp(t.raw));
      else {
        parts.push(escapeRegExp(t.raw));
        if (t.toks[0] !== t.raw) parts.push(escapeRegExp(t.toks[0]));
      }
    });
    if (!parts.length) return null;
    parts.sort(function (a, b) { return b.length - a.length; });
    return new RegExp(parts.join("|"), "giu");
  }

  // highlight appends text to el, with the matches of re in <mark>.
  function highlight(el, text, re) {
    var last = 0;
    if (re) {
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(text)) !== null) {
        if (!m[0]) { re.lastIndex++; continue; }
        el.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        el.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  // passageAround cuts about n characters of text around the first match.
  function passageAround(text, re, n) {
    re.lastIndex = 0;
    var m = re.exec(text);
    if (!m) return null;
    var start = Math.max(0, m.index - Math.floor(n / 3));
    var end = Math.min(text.length, start + n);
    var s = text.slice(start, end).trim();
    return (start > 0 ? "…" : "") + s + (end < text.length ? "…" : "");
  }

  function countMatches(text, re) {
    re.lastIndex = 0;
    var n = 0;
    while (re.exec(text) !== null) n++;
    return n;
  }

  // bestPassage picks where a post's text matches the query best: a
  // heading (linked to), else a block of the body, else the summary.
  function bestPassage(doc, blocks, re) {
    if (re) {
      var heads = doc.h || [];
      for (var i = 0; i < heads.length; i++) {
        re.lastIndex = 0;
        if (re.test(heads[i][1])) return { text: heads[i][1], anchor: heads[i][0], heading: true };
      }
      if (blocks) {
        var best = null, bestN = 0;
        blocks.forEach(function (b) {
          var n = countMatches(b.text, re);
          if (n > bestN) { best = b; bestN = n; }
        });
        if (best) return { text: passageAround(best.text, re, 160), anchor: best.anchor };
      }
    }
    return { text: doc.s || "" };
  }

  // The text of posts, fetched from their pages for the passages of the
  // first results only, and kept.
  var pageText = new Map();
  function fetchBlocks(url) {
    if (pageText.has(url)) return pageText.get(url);
    var p = fetch(url).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var body = doc.querySelector(".post-content");
      if (!body) return [];
      var blocks = [], anchor = "";
      body.querySelectorAll("h2, h3, h4, p, li, td, th, pre, blockquote, dd, dt").forEach(function (el) {
        if (/^H[2-4]$/.test(el.tagName) && el.id) anchor = el.id;
        if (el.querySelector("p, li, pre")) return; // its children are blocks
        var text = el.textContent.replace(/\s+/g, " ").trim();
        if (text) blocks.push({ text: text, anchor: anchor });
      });
      return blocks;
    }).catch(function () { return []; });
    pageText.set(url, p);
    return p;
  }

  // ---- Wiring ------------------------------------------------------------

  var indexes = new Map();
  function loadIndex(url) {
    if (!indexes.has(url)) {
      indexes.set(url, fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      }).then(function (data) { return new Index(data); }));
    }
    return indexes.get(url);
  }

  var uid = 0;

  // Box binds a search input to a list of results, as a combobox: arrows
  // move through the results, Enter opens one, Escape closes the list.
  function Box(form, input, list, status, opts) {
    this.form = form;
    this.input = input;
    this.list = list;
    this.status = status;
    this.opts = opts;
    this.active = -1;
    this.items = [];
    this.seq = 0;
    this.strings = form.dataset;
    this.prefix = "sr" + (++uid) + "-";
    var self = this;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.addEventListener("input", function () { self.run(); });
    input.addEventListener("keydown", function (e) { self.key(e); });
    if (!opts.page) {
      input.addEventListener("blur", function () {
        setTimeout(function () { if (!form.contains(document.activeElement)) self.close(); }, 150);
      });
      input.addEventListener("focus", function () { if (input.value.trim()) self.run(); });
    }
  }

  Box.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Box.prototype.key = function (e) {
    var n = this.items.length;
    if (e.key === "ArrowDown" && n) {
      this.select((this.active + 1) % n);
    } else if (e.key === "ArrowUp" && n) {
      this.select(this.active <= 0 ? n - 1 : this.active - 1);
    } else if (e.key === "Enter" && this.active >= 0) {
      location.href = this.items[this.active].href;
    } else if (e.key === "Escape") {
      if (!this.opts.page && !this.list.hidden) this.close(); else this.input.blur();
    } else {
      return;
    }
    e.preventDefault();
  };

  Box.prototype.select = function (i) {
    if (this.active >= 0 && this.items[this.active]) this.items[this.active].setAttribute("aria-selected", "false");
    this.active = i;
    var item = this.items[i];
    item.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", item.id);
    item.scrollIntoView({ block: "nearest" });
  };

  Box.prototype.run = function () {
    var self = this;
    var query = this.input.value;
    var seq = ++this.seq;
    if (this.opts.page) {
      var u = new URL(location.href);
      if (query.trim()) u.searchParams.set("q", query); else u.searchParams.delete("q");
      history.replaceState(null, "", u);
    }
    if (!query.trim()) {
      this.show(query, [], 0);
      return;
    }
    loadIndex(this.form.dataset.index).then(function (index) {
      if (seq !== self.seq) return;
      var t0 = performance.now();
      var results = index.search(query);
      self.show(query, results, t0);
    }, function () {
      self.setStatus(self.strings.error);
    });
  };

  Box.prototype.setStatus = function (text) {
    if (this.status) this.status.textContent = text;
  };

  Box.prototype.show = function (query, results, t0) {
    var self = this;
    var list = this.list;
    list.textContent = "";
    this.items = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    if (!query.trim()) {
      this.setStatus("");
      if (!this.opts.page) this.close();
      return;
    }
    var re = marker(query);
    var shown = results.slice(0, this.opts.limit);
    shown.forEach(function (r, i) {
      // The link itself is the option: an option holds no control.
      var li = document.createElement("li");
      li.className = "search-result";
      li.setAttribute("role", "none");
      var a = document.createElement("a");
      a.id = self.prefix + i;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.href = r.doc.u;
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "search-title";
      highlight(title, r.doc.t, re);
      a.appendChild(title);
      var meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = [r.doc.d].concat((r.doc.g || []).map(function (g) { return "#" + g; })).join(" · ");
      a.appendChild(meta);
      var passage = document.createElement("span");
      passage.className = "search-passage";
      a.appendChild(passage);
      li.appendChild(a);
      list.appendChild(li);
      self.items.push(a);
      self.fill(a, passage, r.doc, null, re);
      if (i < self.opts.passages) {
        fetchBlocks(r.doc.u).then(function (blocks) {
          if (a.isConnected) self.fill(a, passage, r.doc, blocks, re);
        });
      }
    });
    if (!results.length) {
      var empty = document.createElement("li");
      empty.className = "search-empty";
      empty.setAttribute("role", "none");
      empty.textContent = this.strings.noResults.replace("%s", query.trim());
      list.appendChild(empty);
    } else if (!this.opts.page && results.length > shown.length) {
      var more = document.createElement("li");
      more.className = "search-more";
      more.setAttribute("role", "none");
      var link = document.createElement("a");
      link.id = this.prefix + shown.length;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      link.tabIndex = -1;
      link.href = this.form.action + "?q=" + encodeURIComponent(query.trim());
      link.textContent = this.strings.all.replace("%d", results.length);
      more.appendChild(link);
      list.appendChild(more);
      this.items.push(link);
    }
    var count = results.length === 1 && this.strings.countOne || this.strings.count;
    this.setStatus(results.length ? count.replace("%d", results.length) : "");
    list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    if (t0) {
      var ms = performance.now() - t0;
      list.dataset.ms = ms.toFixed(2);
      list.dataset.query = query;
    }
  };

  // fill writes a result's passage and points its link at the place.
  Box.prototype.fill = function (a, el, doc, blocks, re) {
    var p = bestPassage(doc, blocks, re);
    el.textContent = "";
    if (p.heading) {
      el.appendChild(document.createTextNode("§ "));
    }
    highlight(el, p.text, re);
    a.href = doc.u + (p.anchor ? "#" + encodeURIComponent(p.anchor) : "");
  };

  function setup(form, opts) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector(".search-results") || document.getElementById(form.dataset.results);
    var status = document.getElementById(form.dataset.status);
    if (!input || !list || form.dataset.bound) return null;
    form.dataset.bound = "1";
    var box = new Box(form, input, list, status, opts);
    form.addEventListener("submit", function (e) {
      if (opts.page) { e.preventDefault(); box.run(); }
    });
    return box;
  }

  var api = { tokenize: tokenize, stem: stem, terms: terms, load: loadIndex };
  window.blogSearch = api;

  var page = document.getElementById("search-page-form");
  if (page) {
    var box = setup(page, { page: true, limit: 50, passages: 10 });
    var q = new URL(location.href).searchParams.get("q");
    if (q) page.querySelector("input").value = q;
    page.hidden = false;
    box.run();
    if (!q) page.querySelector("input").focus();
  }
  var header = document.getElementById("search-form");
  if (header) {
    var hbox = setup(header, { page: false, limit: 8, passages: 5 });
    if (hbox && header.querySelector("input").value.trim()) hbox.run();
  }
})();

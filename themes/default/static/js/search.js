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

  // ---- Query rewrites ------------------------------------------------------
  //
  // A query is cut into terms, and each term into alternatives: the term
  // as typed first, then what a reader may have meant. A post must match
  // every term by one of its alternatives; it ranks by the worst tier its
  // terms matched at (0 as typed, 1 rewritten, 2 guessed), then by score.

  // stems cuts a Hangul eojeol's particles and endings, longest first, at
  // most two, leaving a syllable at least: Stems in internal/search.
  function stems(word, suffixes) {
    var out = [];
    while (out.length < 2) {
      var chars = Array.from(word), cut = null;
      for (var i = 0; i < suffixes.length && !cut; i++) {
        var s = suffixes[i];
        if (s.length < word.length && word.endsWith(s) && chars.length > Array.from(s).length) {
          var stem = word.slice(0, word.length - s.length);
          var last = stem.charCodeAt(stem.length - 1);
          if (last >= 0xac00 && last <= 0xd7a3) cut = stem;
        }
      }
      if (!cut) break;
      out.push(cut);
      word = cut;
    }
    return out;
  }

  // hangulAlt is the alternative of a Hangul word: all its bigrams, or a
  // lone syllable as a prefix of bigrams.
  function hangulAlt(word, tier, factor, prefix) {
    var chars = Array.from(word);
    return { kind: "h", toks: bigrams(chars), prefix: chars.length === 1 && prefix, tier: tier, factor: factor, mark: word };
  }

  // synonymMap maps each spelling to its group of spellings.
  function synonymMap(groups) {
    var m = new Map();
    groups.forEach(function (g) { g.forEach(function (w) { m.set(w, g); }); });
    return m;
  }

  // wordAlt is the alternative of a word or compound, matched whole.
  function wordAlt(w, tier, factor, prefix) {
    var tok = /[.\-:_]/.test(w) ? w : stem(w);
    return { kind: "w", toks: [tok], prefix: prefix, tier: tier, factor: factor, mark: w };
  }

  // synonymAlts adds to t the other spellings of each of words (the word
  // as typed, then its stems), ranked below the word as typed.
  function synonymAlts(t, words, ctx) {
    if (!ctx.synonyms) return;
    var done = new Set(words);
    words.forEach(function (w, k) {
      var g = ctx.synonyms.get(w);
      if (!g) return;
      g.forEach(function (v) {
        if (done.has(v)) return;
        done.add(v);
        var factor = 0.9 - 0.1 * k;
        var rs = runs(v);
        if (rs.length === 1 && rs[0].kind === "h") t.alts.push(hangulAlt(v, 1, factor, false));
        else t.alts.push(wordAlt(v, 1, factor, false));
      });
    });
  }

  // terms turns a query into the terms a post must all match. A Hangul run
  // needs all its bigrams, or those of its stem (ranked lower); a word
  // needs its stem, or a compound its whole form. The last term may still
  // be being typed, so it matches by prefix. ctx holds what the index
  // knows: the suffixes to cut.
  function terms(query, ctx) {
    ctx = ctx || {};
    var open = !/\s$/.test(query);
    var rs = runs(query);
    return rs.map(function (r, i) {
      var last = open && i === rs.length - 1;
      if (r.kind === "h") {
        var raw = r.chars.join("");
        var t = { kind: "h", raw: raw, alts: [hangulAlt(raw, 0, 1, false)] };
        t.alts[0].toks = bigrams(r.chars);
        t.alts[0].prefix = last;
        var sts = stems(raw, ctx.suffixes || []);
        sts.forEach(function (st, k) {
          var a = hangulAlt(st, 1, 0.8 - 0.1 * k, true);
          a.ifNone = Array.from(st).length === 1; // a lone syllable only when nothing else matched
          t.alts.push(a);
        });
        synonymAlts(t, [raw].concat(sts), ctx);
        return t;
      }
      var w = { kind: "w", raw: r.text, alts: [wordAlt(r.text, 0, 1, true)] };
      synonymAlts(w, r.text === stem(r.text) ? [r.text] : [r.text, stem(r.text)], ctx);
      return w;
    }).filter(function (t) { return t.alts[0].toks.length && t.alts[0].toks[0]; });
  }

  // ---- The index -------------------------------------------------------

  var WEIGHT = { 1: 16, 2: 8, 4: 4, 8: 1 }; // title, tag, heading, body
  var MAX_PREFIX_KEYS = 64;

  function Index(data) {
    this.docs = data.docs;
    this.keys = data.k;
    this.raw = data.p;
    this.decoded = new Map();
    this.ctx = { suffixes: data.sfx || [], synonyms: synonymMap(data.syn || []) };
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

  // matchAlt returns Map(doc → score) of the posts matching one
  // alternative of a term.
  Index.prototype.matchAlt = function (alt) {
    var self = this;
    var result = new Map();
    if (alt.kind === "w" || alt.toks.length === 1) {
      var tok = alt.toks[0];
      var keys = this.keysFor(tok, alt.prefix);
      if (!keys.length && alt.prefix && alt.kind === "w") {
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
    for (var i = 0; i < alt.toks.length; i++) {
      var kk = this.keysFor(alt.toks[i], false);
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

  // better reports whether a match at tier t with score s beats m.
  function better(t, s, m) {
    return !m || t < m.tier || (t === m.tier && s > m.score);
  }

  // matchTerm returns Map(doc → {tier, score}) of the posts matching a
  // term by any of its alternatives, each post by its best one.
  Index.prototype.matchTerm = function (term) {
    var result = new Map();
    for (var i = 0; i < term.alts.length; i++) {
      var alt = term.alts[i];
      if (alt.ifNone && result.size) continue;
      this.matchAlt(alt).forEach(function (s, doc) {
        var score = s * alt.factor;
        if (better(alt.tier, score, result.get(doc))) result.set(doc, { tier: alt.tier, score: score, alt: alt });
      });
    }
    return result;
  };

  // rank ranks the posts that match every term: those that match as typed
  // above those that match a rewrite, then title and tag hits above
  // heading hits above body hits; ties go to the newest post.
  Index.prototype.rank = function (ts) {
    if (!ts.length) return [];
    var scores = null;
    for (var i = 0; i < ts.length; i++) {
      var m = this.matchTerm(ts[i]);
      if (scores === null) {
        scores = m;
      } else {
        var next = new Map();
        scores.forEach(function (s, doc) {
          var t = m.get(doc);
          if (t !== undefined) next.set(doc, { tier: Math.max(s.tier, t.tier), score: s.score + t.score });
        });
        scores = next;
      }
      if (!scores.size) return [];
    }
    var docs = this.docs;
    return Array.from(scores, function (e) { return { doc: docs[e[0]], n: e[0], score: e[1].score, tier: e[1].tier }; })
      .sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.n - b.n; });
  };

  // search ranks the posts for a query.
  Index.prototype.search = function (query) {
    return this.rank(terms(query, this.ctx));
  };

  // query answers a query: {typed, used, terms, results}. It is a promise,
  // as an answer may need parts of the index not fetched yet.
  Index.prototype.query = function (query) {
    var ts = terms(query, this.ctx);
    return Promise.resolve({ typed: query, used: query, terms: ts, results: this.rank(ts) });
  };

  // ---- Showing results ---------------------------------------------------

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // marker returns a RegExp of what to highlight for a query's terms, or
  // null: every alternative's word, longest first.
  function marker(ts) {
    var parts = [];
    ts.forEach(function (t) {
      t.alts.forEach(function (a) {
        if (a.mark) parts.push(escapeRegExp(a.mark));
        if (a.kind === "w" && a.toks[0] !== a.mark) parts.push(escapeRegExp(a.toks[0]));
      });
    });
    if (!parts.length) return null;
    parts = parts.filter(function (p, i) { return parts.indexOf(p) === i; });
    parts.sort(function (a, b) { return b.length - a.length; });
    return new RegExp(parts.join("|"), "giu");
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  // formatDate writes an index date (2024-01-03) as the site's pages do in
  // lang: "2024년 1월 3일", "January 3, 2024". Anything else is kept.
  function formatDate(d, lang) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || "");
    if (!m) return d || "";
    var y = +m[1], mo = +m[2], day = +m[3];
    if (lang === "ko") return y + "년 " + mo + "월 " + day + "일";
    return MONTHS[mo - 1] + " " + day + ", " + y;
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

  // Box binds a search input to a list of results: a plain list of
  // links. ArrowDown from the box moves focus to the first link, arrows
  // move it between links, Enter follows the focused link as any link,
  // and Escape goes back to the box (or closes the header's list).
  function Box(form, input, list, status, opts) {
    this.form = form;
    this.input = input;
    this.list = list;
    this.status = status;
    this.opts = opts;
    this.seq = 0;
    this.exact = "";
    this.strings = form.dataset;
    var self = this;
    input.addEventListener("input", function () { self.run(); });
    input.addEventListener("keydown", function (e) { self.key(e, -1); });
    list.addEventListener("keydown", function (e) {
      var links = self.links();
      self.key(e, links.indexOf(document.activeElement));
    });
    if (!opts.page) {
      form.addEventListener("focusout", function () {
        setTimeout(function () { if (!form.contains(document.activeElement)) self.close(); }, 150);
      });
      input.addEventListener("focus", function () { if (input.value.trim() && self.list.hidden) self.run(); });
    }
  }

  Box.prototype.links = function () {
    return Array.from(this.list.querySelectorAll(".search-result > a"));
  };

  Box.prototype.close = function () {
    this.list.hidden = true;
  };

  // key handles a key in the box (at = -1) or on the link at.
  Box.prototype.key = function (e, at) {
    var links = this.links();
    var n = links.length;
    if (e.key === "ArrowDown" && n) {
      links[(at + 1) % n].focus();
    } else if (e.key === "ArrowUp" && n && at >= 0) {
      if (at === 0) this.input.focus(); else links[at - 1].focus();
    } else if (e.key === "Escape") {
      if (at >= 0) this.input.focus();
      else if (!this.opts.page && !this.list.hidden) this.close();
      else this.input.blur();
    } else {
      return;
    }
    e.preventDefault();
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
      this.show(query, null, 0);
      return;
    }
    var t0 = performance.now();
    loadIndex(this.form.dataset.index).then(function (index) {
      if (seq !== self.seq) return null;
      return index.query(query, { asTyped: self.exact === query }).then(function (answer) {
        if (seq === self.seq) self.show(query, answer, t0);
      });
    }).catch(function (err) {
      if (window.console) console.error(err);
      self.setStatus(self.strings.error);
    });
  };

  Box.prototype.setStatus = function (text) {
    if (this.status) this.status.textContent = text;
  };

  // rewriteNote says which query the results are for, with the query as
  // typed one click away.
  Box.prototype.rewriteNote = function (answer) {
    var self = this;
    var li = document.createElement("li");
    li.className = "search-rewrite";
    var parts = (this.strings.showing || "Showing results for %s.").split("%s");
    li.appendChild(document.createTextNode(parts[0]));
    var b = document.createElement("strong");
    b.lang = answer.lang || "";
    b.textContent = answer.used;
    li.appendChild(b);
    li.appendChild(document.createTextNode(parts[1] || ""));
    li.appendChild(document.createTextNode(" "));
    var again = document.createElement("a");
    again.href = this.form.action + "?q=" + encodeURIComponent(answer.typed);
    var ip = (this.strings.instead || "Search instead for %s").split("%s");
    again.textContent = ip[0] + answer.typed + (ip[1] || "");
    again.addEventListener("click", function (e) {
      e.preventDefault();
      self.exact = answer.typed;
      self.input.value = answer.typed;
      self.input.focus();
      self.run();
    });
    li.appendChild(again);
    return li;
  };

  Box.prototype.show = function (query, answer, t0) {
    var self = this;
    var list = this.list;
    list.textContent = "";
    if (!query.trim()) {
      this.setStatus("");
      if (!this.opts.page) this.close();
      return;
    }
    var results = answer.results;
    var re = marker(answer.terms);
    if (answer.used !== answer.typed) list.appendChild(this.rewriteNote(answer));
    var shown = results.slice(0, this.opts.limit);
    shown.forEach(function (r, i) {
      var li = document.createElement("li");
      li.className = "search-result";
      var a = document.createElement("a");
      a.href = r.doc.u;
      var title = document.createElement("span");
      title.className = "search-title";
      highlight(title, r.doc.t, re);
      a.appendChild(title);
      var meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = [formatDate(r.doc.d, self.lang())].concat((r.doc.g || []).map(function (g) { return "#" + g; }))
        .filter(Boolean).join(" · ");
      a.appendChild(meta);
      var passage = document.createElement("span");
      passage.className = "search-passage";
      a.appendChild(passage);
      li.appendChild(a);
      list.appendChild(li);
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
      empty.textContent = this.strings.noResults.replace("%s", query.trim());
      list.appendChild(empty);
    } else if (!this.opts.page && results.length > shown.length) {
      var more = document.createElement("li");
      more.className = "search-more";
      var link = document.createElement("a");
      link.href = this.form.action + "?q=" + encodeURIComponent(answer.used.trim());
      link.textContent = this.strings.all.replace("%d", results.length);
      more.appendChild(link);
      list.appendChild(more);
    }
    this.setStatus(results.length ? this.strings.count.replace("%d", results.length) : "");
    list.hidden = false;
    if (t0) {
      var ms = performance.now() - t0;
      list.dataset.ms = ms.toFixed(2);
      list.dataset.query = query;
    }
  };

  // lang is the language of the page the box is on.
  Box.prototype.lang = function () {
    return document.documentElement.lang || "en";
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

  var api = { tokenize: tokenize, stem: stem, stems: stems, terms: terms, load: loadIndex, formatDate: formatDate };
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

// Search: the header's search box and the search page, on the static index
// the build writes per language (search/index.json, a manifest, and the
// shards beside it; see package search). Nothing leaves the site: the
// manifest is fetched on first use, then only the shards a query needs,
// each once, and the query is answered here. A query is rewritten the
// ways Koreans type: particles and endings cut, Korean and English
// spellings of one term, initial consonants, the other 두벌식 layout,
// English typos (see "Query rewrites").
//
// The tokenizer below must cut text exactly as internal/search/tokenize.go
// does, and shardOf and stems must agree with the Go side; the tests check
// both on the cases in internal/search/testdata.
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
        // A lone syllable still being typed after other words ("쿠버네티스
        // 운" on the way to 운영) is not held against the others when it
        // matches nothing yet: a syllable is found only as a bigram's
        // half, which shards cannot look up.
        t.typing = last && i > 0 && r.chars.length === 1;
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
      if (isInitials(r.text)) w.initials = r.text;
      synonymAlts(w, r.text === stem(r.text) ? [r.text] : [r.text, stem(r.text)], ctx);
      return w;
    }).filter(function (t) { return t.alts[0].toks.length && t.alts[0].toks[0]; });
  }

  // ---- Initial consonants (초성) ---------------------------------------

  var INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
  var MAX_INITIAL_WORDS = 6;

  // isInitials reports a query word of two or more initial consonants.
  function isInitials(w) {
    var cs = Array.from(w);
    return cs.length >= 2 && cs.every(function (c) { return INITIALS.indexOf(c) >= 0; });
  }

  // initialsOf returns the initial consonants of a word's syllables.
  function initialsOf(w) {
    var out = "";
    for (var i = 0; i < w.length; i++) {
      var c = w.charCodeAt(i);
      if (c >= 0xac00 && c <= 0xd7a3) out += INITIALS[Math.floor((c - 0xac00) / 588)];
    }
    return out;
  }

  // initialAlts are the words of the list (most posts first) whose
  // initials start with the term's, best covered first: ㅋㅂㄴㅌㅅ covers
  // all of 쿠버네티스, ㅋㅂ two fifths of it and all of 코빈.
  function initialAlts(t, words) {
    var q = t.initials, found = [];
    for (var i = 0; i < words.length; i++) {
      var ini = initialsOf(words[i]);
      if (ini.startsWith(q)) found.push({ w: words[i], cover: q.length / ini.length, i: i });
    }
    found.sort(function (a, b) { return b.cover - a.cover || a.i - b.i; });
    return found.slice(0, MAX_INITIAL_WORDS).map(function (f) {
      var a = hangulAlt(f.w, 1, 1, false);
      a.bonus = 100 * f.cover; // coverage ranks first, then the field
      return a;
    });
  }

  // ---- Typos ---------------------------------------------------------------

  var MAX_TYPO_WORDS = 8;

  // oneEdit reports two words at most one edit apart: an insertion, a
  // deletion, a substitution or a transposition of neighbours (the
  // Damerau distance, restricted).
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    if (la > lb) return a.slice(i + 1) === b.slice(i);
    return a.slice(i) === b.slice(i + 1);
  }

  // typoAlts are the words of the vocabulary (as written, most posts
  // first) one edit from the term as typed or from its stem, matched by
  // their stems and ranked below words that match as typed.
  function typoAlts(t, vocab) {
    var forms = [t.raw, t.alts[0].toks[0]], seen = new Set(), out = [];
    for (var i = 0; i < vocab.length && out.length < MAX_TYPO_WORDS; i++) {
      var v = vocab[i];
      if (seen.has(v) || forms.indexOf(v) >= 0) continue;
      if (oneEdit(forms[0], v) || oneEdit(forms[1], v)) {
        seen.add(v);
        out.push({ kind: "w", toks: [stem(v)], prefix: false, tier: 2, factor: 0.7, mark: v });
      }
    }
    return out;
  }

  // ---- The other keyboard layout (두벌식) --------------------------------

  var KEYS = { q: "ㅂ", w: "ㅈ", e: "ㄷ", r: "ㄱ", t: "ㅅ", y: "ㅛ", u: "ㅕ", i: "ㅑ", o: "ㅐ", p: "ㅔ",
    a: "ㅁ", s: "ㄴ", d: "ㅇ", f: "ㄹ", g: "ㅎ", h: "ㅗ", j: "ㅓ", k: "ㅏ", l: "ㅣ",
    z: "ㅋ", x: "ㅌ", c: "ㅊ", v: "ㅍ", b: "ㅠ", n: "ㅜ", m: "ㅡ",
    Q: "ㅃ", W: "ㅉ", E: "ㄸ", R: "ㄲ", T: "ㅆ", O: "ㅒ", P: "ㅖ" };
  var JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
  var JONG = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];
  // Two vowels that make one, two finals that make one: the pairs.
  var VOWEL_PAIRS = { "ㅗㅏ": "ㅘ", "ㅗㅐ": "ㅙ", "ㅗㅣ": "ㅚ", "ㅜㅓ": "ㅝ", "ㅜㅔ": "ㅞ", "ㅜㅣ": "ㅟ", "ㅡㅣ": "ㅢ" };
  var FINAL_PAIRS = { "ㄱㅅ": "ㄳ", "ㄴㅈ": "ㄵ", "ㄴㅎ": "ㄶ", "ㄹㄱ": "ㄺ", "ㄹㅁ": "ㄻ", "ㄹㅂ": "ㄼ", "ㄹㅅ": "ㄽ",
    "ㄹㅌ": "ㄾ", "ㄹㅍ": "ㄿ", "ㄹㅎ": "ㅀ", "ㅂㅅ": "ㅄ" };
  var LETTER = {}; // jamo → the key(s) that type it
  Object.keys(KEYS).forEach(function (k) { if (!LETTER[KEYS[k]] || k === k.toLowerCase()) LETTER[KEYS[k]] = k; });
  Object.keys(VOWEL_PAIRS).concat(Object.keys(FINAL_PAIRS)).forEach(function (p) {
    LETTER[VOWEL_PAIRS[p] || FINAL_PAIRS[p]] = LETTER[p[0]] + LETTER[p[1]];
  });

  function isVowel(j) { return JUNG.indexOf(j) >= 0; }

  // toHangul types keys on the 두벌식 layout, as a Korean input method
  // composes them: a consonant then a vowel start a syllable, a
  // consonant after it is its final (two finals may join: ㄹ+ㄱ = ㄺ),
  // and a vowel after a final takes the final (or a pair's second half)
  // as the next syllable's initial: "dkssud" → 안녕, "rkqt" → 값.
  function toHangul(text) {
    var out = "", cho = "", jung = "", jong = "";
    function flush() {
      if (cho && jung) {
        out += String.fromCharCode(0xac00 + (INITIALS.indexOf(cho) * 21 + JUNG.indexOf(jung)) * 28 + JONG.indexOf(jong));
      } else {
        out += cho + jung;
      }
      cho = jung = jong = "";
    }
    Array.from(text).forEach(function (ch) {
      var j = KEYS[ch] || KEYS[ch.toLowerCase()];
      if (!j) { flush(); out += ch; return; }
      if (!isVowel(j)) {
        if (cho && jung && !jong && JONG.indexOf(j) > 0) jong = j;
        else if (jong && FINAL_PAIRS[jong + j]) jong = FINAL_PAIRS[jong + j];
        else { flush(); cho = j; }
        return;
      }
      if (jong) {
        // The final moves to the next syllable; of a pair, its second half.
        var split = null;
        Object.keys(FINAL_PAIRS).forEach(function (p) { if (FINAL_PAIRS[p] === jong) split = p; });
        var next = split ? split[1] : jong;
        jong = split ? split[0] : "";
        flush();
        cho = next;
        jung = j;
      } else if (jung && VOWEL_PAIRS[jung + j]) {
        jung = VOWEL_PAIRS[jung + j];
      } else if (cho && !jung) {
        jung = j;
      } else {
        flush();
        jung = j;
      }
    });
    flush();
    return out;
  }

  // toLatin is the keys that type a Hangul text on the 두벌식 layout,
  // in lower case: "ㅏㅕㅠㄷ" → kube, "애찯ㄱ" → docker.
  function toLatin(text) {
    var out = "";
    Array.from(text).forEach(function (ch) {
      var c = ch.charCodeAt(0);
      if (c >= 0xac00 && c <= 0xd7a3) {
        var n = c - 0xac00;
        out += LETTER[INITIALS[Math.floor(n / 588)]] + LETTER[JUNG[Math.floor(n % 588 / 28)]] + (n % 28 ? LETTER[JONG[n % 28]] : "");
      } else {
        out += LETTER[ch] || ch;
      }
    });
    return out.toLowerCase();
  }

  // otherLayout is the query as the other layout types it, or null: Latin
  // letters that spell Hangul syllables, or Hangul that spells Latin.
  function otherLayout(query) {
    var q = query.normalize("NFC");
    if (/[\u3131-\u318e\uac00-\ud7a3]/.test(q)) {
      var latin = toLatin(q);
      return /[a-z]/.test(latin) && !/[\u3131-\u318e\uac00-\ud7a3]/.test(latin) ? latin : null;
    }
    if (!/[a-zA-Z]/.test(q)) return null;
    var h = toHangul(q);
    // Only when every letter went into a syllable: "kube" is not 두벌식.
    return /[a-zA-Z\u3131-\u318e]/.test(h) ? null : h;
  }

  // ---- The index -------------------------------------------------------

  var WEIGHT = { 1: 16, 2: 8, 4: 4, 8: 1 }; // title, tag, heading, body
  var MAX_PREFIX_KEYS = 64;

  // shardOf names the token shard of a key: 32-bit FNV-1a over the UTF-16
  // code units of the whole key when it is Hangul (or another bigram
  // script), else of its first three characters; shardOf in
  // internal/search.
  function shardOf(key, n) {
    var cs = Array.from(key);
    var s = cs.length && isBigram(cs[0].codePointAt(0)) ? key : cs.slice(0, 3).join("");
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h % n;
  }

  // Shard is one t/<i>.json: sorted keys and their posting lists.
  function Shard(data) {
    this.keys = data.k;
    this.raw = data.p;
    this.decoded = new Map();
  }

  // find returns the position of the first key >= tok.
  Shard.prototype.find = function (tok) {
    var lo = 0, hi = this.keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.keys[mid] < tok) lo = mid + 1; else hi = mid;
    }
    return lo;
  };

  // postings returns Map(doc → code) for key number k.
  Shard.prototype.postings = function (k) {
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

  // Index is a language's index: its manifest, and the shards, chunks of
  // posts and word lists fetched so far. A query fetches what it needs
  // first (need), then is answered from what is there.
  function Index(url, m) {
    this.base = url.replace(/[^/]*$/, "");
    this.m = m;
    this.files = new Map(); // name → Promise of its JSON
    this.shards = new Map(); // number → Shard, once fetched
    this.docs = []; // by number, once their chunk is fetched
    this.ctx = { suffixes: m.sfx || [], synonyms: synonymMap(m.syn || []) };
  }

  // file fetches a file of the index once.
  Index.prototype.file = function (name) {
    var self = this;
    if (!this.files.has(name)) {
      this.files.set(name, fetch(this.base + name).then(function (r) {
        if (!r.ok) throw new Error(self.base + name + ": " + r.status);
        return r.json();
      }));
    }
    return this.files.get(name);
  };

  // needShards fetches the shards of the tokens of every alternative.
  Index.prototype.needShards = function (ts) {
    var self = this, want = new Set();
    ts.forEach(function (t) {
      t.alts.forEach(function (a) { a.toks.forEach(function (tok) { want.add(shardOf(tok, self.m.ts)); }); });
    });
    return Promise.all(Array.from(want, function (i) {
      if (self.shards.has(i)) return null;
      return self.file("t/" + i + ".json").then(function (data) { self.shards.set(i, new Shard(data)); });
    }));
  };

  // needDocs fetches the chunks of the posts of results.
  Index.prototype.needDocs = function (results) {
    var self = this, dc = this.m.dc, want = new Set();
    results.forEach(function (r) { if (!self.docs[r.n]) want.add(Math.floor(r.n / dc)); });
    return Promise.all(Array.from(want, function (c) {
      return self.file("d/" + c + ".json").then(function (list) {
        list.forEach(function (d, i) { self.docs[c * dc + i] = d; });
      });
    })).then(function () {
      results.forEach(function (r) { r.doc = self.docs[r.n]; });
      return results;
    });
  };

  // keysFor lists [shard, key number, factor] for a token: the exact key,
  // and with prefix, keys that start with it (worth less). The token's
  // shard must have been fetched.
  Index.prototype.keysFor = function (tok, prefix) {
    var out = [];
    var sh = this.shards.get(shardOf(tok, this.m.ts));
    if (!sh) return out;
    var k = sh.find(tok);
    if (k < sh.keys.length && sh.keys[k] === tok) { out.push([sh, k, 1]); k++; }
    // Only words of three letters or more share their shard with the
    // words they start (see shardOf).
    var whole = !isBigram(tok.codePointAt(0)) && Array.from(tok).length >= 3;
    if (prefix && whole) {
      for (var n = 0; k < sh.keys.length && n < MAX_PREFIX_KEYS && sh.keys[k].startsWith(tok); k++, n++) {
        out.push([sh, k, 0.6]);
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
        kf[0].postings(kf[1]).forEach(function (code, doc) {
          var s = fieldScore(code) * kf[2];
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
      lists.push(kk[0][0].postings(kk[0][1]));
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
        var score = s * alt.factor + (alt.bonus || 0);
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
      if (ts[i].typing && !m.size) continue;
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
    return Array.from(scores, function (e) { return { n: e[0], score: e[1].score, tier: e[1].tier }; })
      .sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.n - b.n; });
  };

  // answer ranks the posts for a query, fetching the shards, word lists
  // and vocabulary its rewrites need: {typed, used, terms, results}.
  Index.prototype.answer = function (query) {
    var self = this;
    var ts = terms(query, this.ctx);
    return this.needShards(ts).then(function () {
      return Promise.all(ts.map(function (t) { return self.expand(t); }));
    }).then(function () {
      return self.needShards(ts);
    }).then(function () {
      return { typed: query, used: query, terms: ts, results: self.rank(ts) };
    });
  };

  // expand adds the alternatives that need a list of the index: the words
  // an initial-consonant query stands for, the words one typo away.
  Index.prototype.expand = function (t) {
    var self = this;
    if (t.initials) {
      var first = INITIALS.indexOf(t.initials[0]);
      return this.file("w/" + first + ".json").then(function (words) {
        initialAlts(t, words).forEach(function (a) { t.alts.push(a); });
      });
    }
    var a0 = t.alts[0];
    if (t.kind !== "w" || !/^[a-z]{5,}$/.test(t.raw) || this.keysFor(a0.toks[0], a0.prefix).length) return null;
    var lens = new Set();
    [a0.toks[0], t.raw].forEach(function (w) {
      for (var n = w.length - 1; n <= w.length + 1; n++) if (n >= 3 && n <= 24) lens.add(n);
    });
    return Promise.all(Array.from(lens, function (n) { return self.file("v/" + n + ".json"); })).then(function (lists) {
      typoAlts(t, [].concat.apply([], lists)).forEach(function (a) { t.alts.push(a); });
    });
  };

  // query answers a query, and when nothing matches, the query as the
  // other keyboard layout would have typed it; then fetches the posts of
  // the first n results. opts.asTyped turns the layout off.
  Index.prototype.query = function (query, opts) {
    var self = this;
    opts = opts || {};
    return this.answer(query).then(function (ans) {
      var other = opts.asTyped ? null : otherLayout(query);
      if (ans.results.length || !other) return ans;
      return self.answer(other).then(function (alt) {
        if (!alt.results.length) return ans;
        alt.typed = query;
        return alt;
      });
    }).then(function (ans) {
      return self.needDocs(ans.results.slice(0, opts.first || 10)).then(function () { return ans; });
    });
  };

  // search ranks the posts for a query (a promise of the results).
  Index.prototype.search = function (query) {
    return this.query(query).then(function (a) { return a.results; });
  };

  // ---- Showing results ---------------------------------------------------

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // marker returns a RegExp of what to highlight for a query's terms, or
  // null: every alternative's word (with asTyped, only the query's own),
  // longest first.
  function marker(ts, asTyped) {
    var parts = [];
    ts.forEach(function (t) {
      t.alts.forEach(function (a) {
        if (asTyped && a.tier > 0) return;
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
  // passageAround cuts about n characters of text around the first
  // match, at spaces, so that no word is cut in two (a word longer than
  // the passage is the exception), and without the footnote marks (↩)
  // that end a footnote's text.
  function passageAround(text, re, n) {
    text = cleanPassage(text);
    re.lastIndex = 0;
    var m = re.exec(text);
    if (!m) return null;
    var start = Math.max(0, m.index - Math.floor(n / 3));
    var end = Math.min(text.length, start + n);
    if (start > 0) {
      var sp = text.lastIndexOf(" ", start);
      start = sp >= 0 && sp < m.index ? sp + 1 : start;
      if (sp < 0) start = 0;
    }
    if (end < text.length) {
      var sp2 = text.lastIndexOf(" ", end);
      if (sp2 > m.index + m[0].length) end = sp2;
    }
    var s = text.slice(start, end).trim().replace(/[\s,;:·]+$/, "");
    return (start > 0 ? "…" : "") + s + (end < text.length ? "…" : "");
  }

  // cleanPassage drops footnote back-links (↩, ↩︎) and the spaces
  // around them.
  function cleanPassage(text) {
    return text.replace(/\s*\u21a9[\ufe0e\ufe0f]?\s*/g, " ").replace(/\s+/g, " ").trim();
  }

  function countMatches(text, re) {
    re.lastIndex = 0;
    var n = 0;
    while (re.exec(text) !== null) n++;
    return n;
  }

  // bestPassage picks where a post's text matches the query best: a
  // heading (linked to), else a block of the body, else the summary.
  function bestPassage(doc, blocks, re, typed) {
    if (re) {
      var heads = doc.h || [];
      for (var i = 0; i < heads.length; i++) {
        re.lastIndex = 0;
        if (re.test(heads[i][1])) return { text: heads[i][1], anchor: heads[i][0], heading: true };
      }
      if (blocks) {
        // The block with the most matches of the query as typed, then of
        // its rewrites.
        var best = null, bestN = 0;
        blocks.forEach(function (b) {
          var n = countMatches(b.text, re) + (typed ? 100 * countMatches(b.text, typed) : 0);
          if (n > bestN) { best = b; bestN = n; }
        });
        if (best) return { text: passageAround(best.text, re, 160), anchor: best.anchor };
      }
    }
    return { text: cleanPassage(doc.s || "") };
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
      }).then(function (m) { return new Index(url, m); }));
    }
    return indexes.get(url);
  }

  // FIRST is how many results are shown before the posts of the others
  // are fetched.
  var FIRST = 10;

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
      return index.query(query, { asTyped: self.exact === query, first: FIRST }).then(function (answer) {
        if (seq !== self.seq) return null;
        self.show(query, answer, t0);
        // The rest of the page's results, once the first are shown.
        var rest = answer.results.slice(0, self.opts.limit);
        if (rest.length <= FIRST) return null;
        return index.needDocs(rest).then(function () {
          if (seq === self.seq) self.show(query, answer, 0);
        });
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
    this.typedRe = marker(answer.terms, true);
    if (answer.used !== answer.typed) list.appendChild(this.rewriteNote(answer));
    var shown = results.slice(0, this.opts.limit).filter(function (r) { return r.doc; });
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
    var count = results.length === 1 && this.strings.countOne || this.strings.count;
    this.setStatus(results.length ? count.replace("%d", results.length) : "");
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
    var p = bestPassage(doc, blocks, re, this.typedRe);
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

  var api = { tokenize: tokenize, stem: stem, stems: stems, terms: terms, load: loadIndex, formatDate: formatDate,
    passageAround: passageAround, shardOf: shardOf, initialsOf: initialsOf, oneEdit: oneEdit, toHangul: toHangul, toLatin: toLatin, otherLayout: otherLayout };
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

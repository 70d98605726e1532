// draw.js runs in the blank page after mermaid.min.js. It defines one
// function, blogDraw, that the Go side calls once per diagram: it draws the
// source in each look asked for and returns each SVG serialized as XML, or
// the error mermaid gave.
//
// Mermaid draws with Math.random in places (and names things with it when
// deterministicIds is off); blogDraw replaces it with a generator seeded
// from the diagram's own id before each drawing, so the same source gives
// the same bytes in any build.
(function () {
  "use strict";

  // mulberry32: a small generator; the numbers only need to repeat.
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function hash(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  // One drawing at a time: mermaid keeps its configuration in one place.
  var queue = Promise.resolve();

  // looks is a list of {id, font, width, config}: config is mermaid's
  // whole configuration for that look (theme, variables), font the page's
  // font, which the drawing inherits and labels are measured in, width the
  // page's width, which some diagrams take for theirs.
  window.blogDraw = function (source, looks) {
    var run = queue.then(async function () {
      var out = [];
      for (var i = 0; i < looks.length; i++) {
        var look = looks[i];
        var random = Math.random;
        Math.random = seeded(hash(look.id));
        try {
          document.body.style.font = look.font;
          document.body.style.width = look.width + "px";
          mermaid.initialize(Object.assign({ startOnLoad: false }, look.config, { deterministicIDSeed: look.id }));
          var res = await mermaid.render(look.id, source);
          var holder = document.createElement("div");
          holder.innerHTML = res.svg;
          var svg = holder.querySelector("svg");
          if (!svg) {
            out.push({ error: "mermaid drew no <svg>" });
            continue;
          }
          out.push({ svg: new XMLSerializer().serializeToString(svg) });
        } catch (e) {
          out.push({ error: String((e && (e.message || e.str)) || e) });
        } finally {
          Math.random = random;
          // mermaid leaves its error drawing or temporary holders behind
          // when a diagram fails; none may show up in the next one.
          var left = document.getElementById("d" + look.id);
          if (left) left.remove();
          document.body.replaceChildren();
        }
      }
      return out;
    });
    queue = run.catch(function () {});
    return run;
  };
})();

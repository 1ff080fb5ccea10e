/* Search: loaded before the theme's bundle, so that the bundle's worker listeners pass through it.
   Rewrite the typed query before the theme's worker searches the index, with what the build derived
   from the data (playbook.site.search_hints: assets/pb-search-hints.js and assets/pb-stems.js).
   - Stemming, the same on both sides: the theme gives every word a trailing wildcard, and lunr does not
     stem a wildcard term, so "escalate*" never met the indexed stem "escal". Each word is sent as
     "word^4" (stemmed by lunr's own pipeline, as the index was) and "word*" (a prefix, while typing).
   - Stop words are dropped: "in*" would find "Contact Information".
   - Typos: a word of 5 letters or more also goes as "word~1" (edit distance 1), weighing less.
   - Thesaurus: a term the data maps to an answer adds that answer's heading words, on the title field.
   - Severity: a number next to a signal ("error rate 30 percent") adds the heading words of the level
     whose range holds it.
   A query with a quoted phrase or lunr syntax (* ~ ^ : + -) is sent as typed. */
(function () {
  "use strict";

  var QUERY = 2; // the theme's SearchMessageType.QUERY
  var EXACT = 4, ADDED = 16, LEVEL = 16, FUZZY_MIN = 5;
  var hints = window.pbSearchHints || {}; // assets/pb-search-hints.js, loaded just before
  var stop = {};
  (hints.stopwords || []).forEach(function (w) { stop[w] = true; });
  var forms = hints.forms || {};
  var WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

  function tokens(text) { return text.toLowerCase().match(WORD) || []; }

  function same(typed, word) { // as lunr's stemmer would group them, from the forms the build shipped
    if (typed === word || (forms[word] || []).indexOf(typed) >= 0) return true;
    return word.length >= 4 && typed.indexOf(word) === 0 && typed.length - word.length <= 2;
  }

  function has(typed, term) { // the term's words, in order, side by side in the typed words
    for (var i = 0; i + term.length <= typed.length; i++) {
      var ok = true;
      for (var j = 0; j < term.length && ok; j++) ok = same(typed[i + j], term[j]);
      if (ok && term.length) return true;
    }
    return false;
  }

  function level(typed, text) { // the severity level a number next to a signal falls in
    var m = text.toLowerCase().match(/(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)\s*(%|[a-z]+)?/); // not "p99"
    if (!m) return null;
    var n = parseFloat(m[1]), unit = m[2] || "", best = null, bestScore = -1;
    (hints.ladder || []).forEach(function (sig) {
      if (unit && sig.units.indexOf(unit) < 0 && !typed.some(function (t) { return sig.units.indexOf(t) >= 0; })) {
        if (["%", "percent", "pct", "ms", "x", "min", "mins", "minutes"].indexOf(unit) >= 0) return;
      }
      var said = 0;
      sig.words.forEach(function (w) { if (typed.some(function (t) { return same(t, w); })) said += 1; });
      var score = said - sig.words.length / 100; // a tie goes to the signal with fewer other words
      if (said && score > bestScore) { best = sig; bestScore = score; }
    });
    if (!best) return null;
    for (var i = 0; i < best.levels.length; i++) {
      var lv = best.levels[i];
      var above = n > lv[0] || (lv[1] && n === lv[0]);
      var below = lv[2] === null || n < lv[2] || (lv[3] && n === lv[2]);
      if (above && below) return lv;
    }
    return null;
  }

  function rewrite(query) {
    if (/["*~^:+]|(^|\s)-/.test(query)) return query;
    var typed = tokens(query);
    var kept = typed.filter(function (w) { return !stop[w]; });
    if (!kept.length) return query;
    var out = [];
    kept.forEach(function (w) {
      // a number goes as a prefix only, as the theme sent it: the theme's worker fails on "1^4"
      if (/^\d+$/.test(w)) { out.push(w + "*"); return; }
      out.push(w + "^" + EXACT, w + "*");
      var cut = (window.pbStems || {})[w]; // the stem as a prefix: the theme then counts the word as found
      if (cut !== undefined) out.push((typeof cut === "number" ? w.slice(0, w.length - cut) : cut) + "*");
      if (w.length >= FUZZY_MIN && /^[a-z]+$/.test(w)) out.push(w + "~1");
    });
    var added = {};
    function add(words, boost) {
      words.forEach(function (w) {
        if (!stop[w] && !added[w]) { added[w] = true; out.push("title:" + w + "^" + boost); }
      });
    }
    var lv = level(typed, query);
    answers = [];
    if (lv) { add(lv[4], LEVEL); answers.push(lv[5]); }
    (hints.thesaurus || []).forEach(function (entry) {
      if (entry.terms.some(function (t) { return has(typed, t); })) { add(entry.add, ADDED); answers.push(entry.find); }
    });
    return out.join(" ");
  }
  window.pbSearchQuery = rewrite;
  var answers = []; // the answers the last query sent names (ladder, then thesaurus), strongest first
  window.pbSearchAnswers = function (query) { rewrite(query); return answers.slice(); };

  /* The answers a query names come first in the result list, when the index found them: their page's
     group moves to the top, and the answer's section to the head of its group with the group's best
     score (the theme shows a group's sections that score as high as its first). */
  function promote(items) {
    if (!Array.isArray(items)) return items;
    var out = items.slice();
    answers.slice().reverse().forEach(function (want) {
      var page = want.split("#")[0];
      var g = out.findIndex(function (group) {
        return group.length && group[0].location.split("#")[0] === page;
      });
      if (g < 0) return;
      var group = out.splice(g, 1)[0].slice();
      if (want.indexOf("#") >= 0) {
        var s = group.findIndex(function (doc) { return doc.location === want; });
        if (s >= 0) {
          var best = Math.max.apply(null, group.map(function (doc) { return doc.score; }));
          group.unshift(Object.assign({}, group.splice(s, 1)[0], { score: best }));
        }
      }
      out.unshift(group);
    });
    return out;
  }

  var W = window.Worker; // on file:// the offline shim's IFrameWorker, which the theme uses there
  if (!W || !W.prototype || !window.pbSearchHints) return;
  var RESULT = 3; // the theme's SearchMessageType.RESULT
  var listen = W.prototype.addEventListener;
  W.prototype.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") return listen.apply(this, arguments);
    return listen.call(this, type, function (event) {
      var m = event && event.data;
      if (!m || m.type !== RESULT || !m.data || !answers.length) return listener.call(this, event);
      var data = Object.assign({}, m.data, { items: promote(m.data.items) });
      return listener.call(this, { data: Object.assign({}, m, { data: data }), target: event.target });
    }, options);
  };
  var post = W.prototype.postMessage;
  W.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      args[0] = Object.assign({}, message, { data: rewrite(message.data) });
    }
    return post.apply(this, args);
  };
})();

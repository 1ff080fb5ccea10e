/* Search: loaded before the theme's bundle, so that the bundle's worker listeners pass through it.
   Rewrite the typed query before the theme's worker searches the index, with what the build derived
   from the data (playbook.site.search_hints: assets/pb-search-hints.js).
   - Stemming, the same on both sides: the theme gives every word a trailing wildcard, and lunr does not
     stem a wildcard term, so "escalate*" never met the indexed stem "escal". Each word is sent as
     "word^4" (stemmed by lunr's own pipeline, as the index was) and "word*" (a prefix, while typing).
   - Stop words are dropped: "in*" would find "Contact Information".
   - Typos: a word of 5 letters or more also goes as "word~1" (edit distance 1), weighing less.
   - Abbreviations (data/catalog.yaml search): a short form engineers type ("inc", "ff") is read as its
     long form ("incident", "feature flag"), for the index and the concepts alike.
   - Concepts and best bets (data/catalog.yaml search): the typed words name concepts ("kill switch" and
     "turn off" name ai-off, "llm" names ai), as whole words or phrases, in any word form the data uses,
     with one typo in a word of 5 letters or more (then the word spelled right is sent too). A longer
     phrase wins over the words inside it ("log in" is sign-in, not logs). Each best bet whose concepts
     are all named puts its answer first (the bet naming more concepts first, then the data's order) and
     adds the answer's heading words, on the title field, so that the index finds it.
   - Numbers: a number next to a signal ("error rate 30 percent") names the severity level whose range
     holds it, after the runbook whose symptom that signal is ("ai errors 90%"); a time beside a concept
     that has times ("5 minute ack") names the level whose SLA it is.
   - The answers, in order: the level a time names; the bets naming two concepts or more ("reads and
     writes failing 90%"); the runbook and level a number names; the bets naming one concept.
   A query with a quoted phrase or lunr syntax (* ~ ^ field: +term -term) is sent as typed. */
(function () {
  "use strict";

  var QUERY = 2; // the theme's SearchMessageType.QUERY
  var EXACT = 4, ADDED = 16, FOUND = 1, LEVEL = 16, FUZZY_MIN = 5;
  var hints = window.pbSearchHints || {}; // assets/pb-search-hints.js, loaded just before
  function own(obj) { // a map a typed word cannot reach past ("constructor" is no key of it)
    var map = Object.create(null);
    Object.keys(obj || {}).forEach(function (k) { map[k] = obj[k]; });
    return map;
  }
  var stop = Object.create(null);
  (hints.stopwords || []).forEach(function (w) { stop[w] = true; });
  var forms = own(hints.forms);
  // typed, these mean themselves, never a typo: the concepts' words, and the data's words one typo from them
  var real = Object.create(null);
  (hints.words || []).forEach(function (w) { real[w] = true; });
  var concepts = {}; // id -> phrases, each as its words (shipped as "kill switch")
  Object.keys(hints.concepts || {}).forEach(function (id) {
    concepts[id] = hints.concepts[id].map(function (p) {
      var words = p.split(" ");
      words.forEach(function (w) { real[w] = true; });
      return words;
    });
  });
  var WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

  var short = own(hints.abbreviations); // "inc" -> ["incident"], "ff" -> ["feature", "flag"]
  function tokens(text) { // the typed words, each short form read as its long form
    var out = [];
    (text.toLowerCase().replace(/\u2019/g, "'").match(WORD) || []).forEach(function (w) {
      out.push.apply(out, short[w] || [w]);
    });
    return out;
  }

  function same(typed, word) { // as lunr's stemmer would group them, from the forms the build shipped
    if (typed === word || (forms[word] || []).indexOf(typed) >= 0) return true;
    if (word.length < 4 || typed.indexOf(word) !== 0) return false;
    var rest = typed.slice(word.length); // an ending the data does not use: "stopped", "crawling"
    return rest.length <= 2 || /^(ing|ings|ers|ed)$/.test(rest) ||
      (rest[0] === word[word.length - 1] && /^(ed|ing|er)$/.test(rest.slice(1)));
  }

  function oneTypo(a, b) { // one letter added, dropped, changed, or two side by side swapped
    if (a.length < FUZZY_MIN || b.length < FUZZY_MIN || Math.abs(a.length - b.length) > 1 || a === b) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* The concepts the typed words name: every phrase of every concept found in the typed words, the
     longest first, then the closest (the word itself, then a form the data uses, then a longer ending,
     then one typo, never in a word the data uses as itself: "stopped" is an outage before it is "stop"). A word counts for one phrase only, bar a phrase
     found in the same place, as closely, for each concept that lists it. `cover` counts each concept's
     typed words; `fixes` are the words a typo stood for. */
  function named(typed) {
    var found = [];
    Object.keys(concepts).forEach(function (id) {
      concepts[id].forEach(function (phrase) {
        for (var i = 0; i + phrase.length <= typed.length; i++) {
          var fixes = [], close = 3;
          for (var j = 0; j < phrase.length && close >= 0; j++) {
            var t = typed[i + j], w = phrase[j];
            if (t === w) continue;
            if ((forms[w] || []).indexOf(t) >= 0) close = Math.min(close, 2);
            else if (same(t, w)) close = Math.min(close, 1);
            else if (/^[a-z]+$/.test(t) && !real[t] && oneTypo(t, w)) { close = 0; fixes.push(w); }
            else close = -1;
          }
          if (close >= 0 && phrase.length) found.push({ id: id, at: i, len: phrase.length, close: close, fixes: fixes });
        }
      });
    });
    found.sort(function (a, b) { return b.len - a.len || b.close - a.close || a.at - b.at; });
    var owner = {}, cover = {}, seen = {}, fixes = [];
    found.forEach(function (m) {
      var span = m.at + ":" + m.len + ":" + m.close;
      for (var k = m.at; k < m.at + m.len; k++) if (owner[k] && owner[k] !== span) return;
      if (owner[m.at] === span && seen[m.id + span]) return; // "doc" and "docs" both match "doc"
      for (k = m.at; k < m.at + m.len; k++) owner[k] = span;
      seen[m.id + span] = true;
      cover[m.id] = (cover[m.id] || 0) + m.len;
      fixes = fixes.concat(m.fixes);
    });
    return { cover: cover, fixes: fixes };
  }

  var UNIT = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60,
    d: 1440, day: 1440, days: 1440 };

  function duration(text) { // the minutes of "5 minute", "2h", "3 days"; null when none is typed
    var m = text.toLowerCase().match(/(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d)\b/);
    return m ? parseFloat(m[1]) * UNIT[m[2]] : null;
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
      if (above && below) return { level: lv, runbook: best.runbook };
    }
    return null;
  }

  // lunr's own syntax, typed on purpose: a quote, a wildcard, a typo or boost mark, a field ("title:x"), or
  // a term that must be in (+x) or out (-x); "2+ hours" or "error: 500" are words
  var LUNR = /["*~^]|[a-z]:[a-z]|(^|\s)[+-]\S/i;

  function rewrite(query) {
    answers = []; // nothing left from the query before
    conceptsNamed = [];
    if (LUNR.test(query)) return query;
    var typed = tokens(query);
    var kept = typed.filter(function (w) { return !stop[w]; });
    if (!kept.length) return query;
    var out = [];
    kept.forEach(function (w) {
      // a number goes as a prefix only, as the theme sent it: the theme's worker fails on "1^4"
      if (/^\d+$/.test(w)) { out.push(w + "*"); return; }
      out.push(w + "^" + EXACT, w + "*");
      if (w.length >= FUZZY_MIN && /^[a-z]+$/.test(w)) out.push(w + "~1");
    });
    var added = {};
    function add(words, boost) {
      words.forEach(function (w) {
        if (!stop[w] && !added[w]) { added[w] = true; out.push("title:" + w + "^" + boost); }
      });
    }
    var said = named(typed), cover = said.cover;
    said.fixes.forEach(function (w) { if (out.indexOf(w + "*") < 0) out.push(w + "^" + EXACT, w + "*"); });
    var minutes = duration(query);
    (hints.durations || []).forEach(function (d) { // "5 minute ack": the level whose ack time it is
      if (cover[d.when] && d.minutes === minutes && answers.indexOf(d.find) < 0) { add(d.add, LEVEL); answers.push(d.find); }
    });
    var met = (hints.bets || []).map(function (bet, k) { return { bet: bet, k: k }; })
      .filter(function (b) { return b.bet.when.every(function (c) { return cover[c]; }); })
      .sort(function (a, b) { return b.bet.when.length - a.bet.when.length || a.k - b.k; });
    function bet(b) {
      // a page's heading words only make the index find it: weighed more, its title would rank the
      // page's own entry above the section the typed words found on it
      add(b.bet.add, b.bet.find.indexOf("#") >= 0 ? ADDED : FOUND);
      if (answers.indexOf(b.bet.find) < 0) answers.push(b.bet.find);
    }
    met.filter(function (b) { return b.bet.when.length > 1; }).forEach(bet); // "reads and writes" 90%
    var lv = level(typed, query); // the runbook whose symptom the signal is, then the level
    if (lv && lv.runbook && answers.indexOf(lv.runbook) < 0) answers.push(lv.runbook);
    if (lv && answers.indexOf(lv.level[5]) < 0) { add(lv.level[4], LEVEL); answers.push(lv.level[5]); }
    met.filter(function (b) { return b.bet.when.length === 1; }).forEach(bet);
    conceptsNamed = Object.keys(cover);
    return out.join(" ");
  }
  window.pbSearchQuery = rewrite;
  var answers = []; // the answers the last query names, strongest first (see the order above)
  var conceptsNamed = []; // the concepts the last query names
  window.pbSearchAnswers = function (query) { rewrite(query); return answers.slice(); };
  window.pbSearchConcepts = function (query) { rewrite(query); return conceptsNamed.slice(); };

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

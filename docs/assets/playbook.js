/* Mark the declared placeholders ($BASE_URL, $TOKEN, ...) in code so they stand out.
   The names come from data/meta.yaml through the page (script#pb-placeholders); marking does not
   change the text of the code, so the copy button still copies exactly the command.
   "Your environment" box: the reader may set non-secret placeholders (never a secret); they are kept
   in this browser's localStorage and shown, and copied, filled in on every page. */
(function () {
  "use strict";

  function placeholders() {
    var el = document.getElementById("pb-placeholders");
    return el ? JSON.parse(el.textContent) : [];
  }

  function mark(root, names) {
    if (!names.length) return;
    var re = new RegExp("\\$(?:\\{(?:" + names.join("|") + ")\\}|(?:" + names.join("|") + ")\\b)", "g");
    root.querySelectorAll("pre > code").forEach(function (code) {
      if (code.dataset.pbMarked) return;
      code.dataset.pbMarked = "1";
      var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var text = node.nodeValue;
        re.lastIndex = 0;
        if (!re.test(text)) return;
        re.lastIndex = 0;
        var frag = document.createDocumentFragment();
        var last = 0;
        text.replace(re, function (match, offset) {
          frag.appendChild(document.createTextNode(text.slice(last, offset)));
          var span = document.createElement("span");
          span.className = "pb-ph";
          span.dataset.pbName = match.replace(/[${}]/g, "");
          span.dataset.pbRaw = match;
          span.title = "Placeholder: set " + match.replace(/[${}]/g, "") + " in your shell first";
          span.textContent = match;
          frag.appendChild(span);
          last = offset + match.length;
          return match;
        });
        frag.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(frag, node);
      });
    });
  }

  var STORE = "pb-env";

  function loadEnv(allowed) {
    var env = {};
    try { env = JSON.parse(localStorage.getItem(STORE) || "{}"); } catch (e) { env = {}; }
    var out = {};
    allowed.forEach(function (name) { if (typeof env[name] === "string" && env[name]) out[name] = env[name]; });
    return out;
  }

  function fill(env) {
    document.querySelectorAll("pre code .pb-ph").forEach(function (span) {
      var value = env[span.dataset.pbName];
      span.textContent = value || span.dataset.pbRaw;
      span.classList.toggle("pb-ph--set", !!value);
    });
  }

  function envBox(list) {
    var article = document.querySelector("article.md-content__inner");
    var used = {};
    document.querySelectorAll("pre code .pb-ph").forEach(function (s) { used[s.dataset.pbName] = true; });
    var settable = list.filter(function (p) { return !p.secret && used[p.name]; });
    if (!article || !settable.length || article.querySelector(".pb-env")) return;
    var allowed = list.filter(function (p) { return !p.secret; }).map(function (p) { return p.name; });
    var env = loadEnv(allowed);
    var box = document.createElement("details");
    box.className = "pb-env admonition";
    var summary = document.createElement("summary");
    summary.textContent = "Your environment: fill placeholders into the commands (stored in this browser only)";
    box.appendChild(summary);
    settable.forEach(function (p) {
      var label = document.createElement("label");
      label.className = "pb-env__row";
      var name = document.createElement("code");
      name.textContent = "$" + p.name;
      var input = document.createElement("input");
      input.type = "text";
      input.name = p.name;
      input.placeholder = p["default"] || "";
      input.value = env[p.name] || "";
      input.setAttribute("aria-label", p.name + ": " + p.meaning);
      input.addEventListener("input", function () {
        var now = loadEnv(allowed);
        if (input.value.trim()) now[p.name] = input.value.trim(); else delete now[p.name];
        localStorage.setItem(STORE, JSON.stringify(now));
        fill(now);
      });
      label.appendChild(name);
      label.appendChild(input);
      box.appendChild(label);
    });
    var note = document.createElement("p");
    note.textContent = "Secrets such as tokens and API keys are never stored here: set them in your shell.";
    box.appendChild(note);
    var h1 = article.querySelector("h1");
    article.insertBefore(box, h1 ? h1.nextSibling : article.firstChild);
    fill(env);
  }

  function run() {
    var list = placeholders();
    mark(document, list.map(function (p) { return p.name; }));
    envBox(list);
    // The theme's search dialog has no accessible name: give it one (axe: aria-dialog-name).
    document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "Search the playbook");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();

/* Search: rewrite the typed query before the theme's worker searches the index (script#pb-search, built
   from the data by playbook.site.search_hints).
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
  var EXACT = 4, ADDED = 8, LEVEL = 12, FUZZY_MIN = 5;
  var el = document.getElementById("pb-search");
  var hints = el ? JSON.parse(el.textContent) : {};
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
    var m = text.toLowerCase().match(/(\d+(?:\.\d+)?)\s*(%|[a-z]+)?/);
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
      if (above && below) return lv[4];
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
    if (lv) add(lv, LEVEL);
    (hints.thesaurus || []).forEach(function (entry) {
      if (entry.terms.some(function (t) { return has(typed, t); })) add(entry.add, ADDED);
    });
    return out.join(" ");
  }
  window.pbSearchQuery = rewrite;

  var W = window.Worker; // on file:// the offline shim's IFrameWorker, which the theme uses there
  if (!W || !W.prototype || !el) return;
  var post = W.prototype.postMessage;
  W.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      args[0] = Object.assign({}, message, { data: rewrite(message.data) });
    }
    return post.apply(this, args);
  };
})();

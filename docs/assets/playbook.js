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

/* Search: the theme appends a trailing wildcard to every word of a query, so a stop word, which the
   index never holds, still matches every word it begins ("in*" finds "Contact Information", "to*"
   finds "Dashboard Tools") and can outrank the words that matter. Drop the stop words from the query
   sent to the search worker. The list is lunr's own, read from the theme at build time
   (script#pb-search). A query of stop words only, or one with a quoted phrase, is sent as typed. */
(function () {
  "use strict";

  var QUERY = 2; // the theme's SearchMessageType.QUERY
  var el = document.getElementById("pb-search");
  var stop = {};
  (el ? JSON.parse(el.textContent).stopwords : []).forEach(function (w) { stop[w] = true; });

  function isStop(word) { // "in" or "In," but not "in*", which asks for the prefix on purpose
    return stop[word.toLowerCase().replace(/[,.;?!]+$/, "")] === true;
  }

  function withoutStopWords(query) {
    if (query.indexOf('"') >= 0) return query;
    var words = query.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return !isStop(w); });
    return kept.length && kept.length < words.length ? kept.join(" ") : query;
  }
  window.pbSearchQuery = withoutStopWords;

  var W = window.Worker; // on file:// the offline shim's IFrameWorker, which the theme uses there
  if (!W || !W.prototype || !Object.keys(stop).length) return;
  var post = W.prototype.postMessage;
  W.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      args[0] = Object.assign({}, message, { data: withoutStopWords(message.data) });
    }
    return post.apply(this, args);
  };
})();

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

/* Mark the declared placeholders ($BASE_URL, $TOKEN, ...) in code so they stand out.
   The names come from data/meta.yaml through the page (script#pb-placeholders); the text of the
   code is not changed, so the copy button still copies exactly the command. */
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

  function run() {
    mark(document, placeholders().map(function (p) { return p.name; }));
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

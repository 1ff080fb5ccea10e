/* Search: loaded before the theme's bundle, so that the bundle's worker listeners pass through it.
   Rewrite the typed query before the theme's worker searches the index, with what the build derived
   from the data (playbook.site.search_hints: assets/pb-search-hints.js).
   - Stemming, the same on both sides: the theme gives every word a trailing wildcard, and lunr does not
     stem a wildcard term, so "escalate*" never met the indexed stem "escal". Each word is sent as
     "word^4" (stemmed by lunr's own pipeline, as the index was), and the word being typed (the last, unless a space
     or a stop ends the query) also as "word*", a prefix.
   - Stop words are dropped: "in*" would find "Contact Information".
   - Typos: a word of 5 letters or more also goes as "word~1" (edit distance 1), weighing less.
   - Abbreviations (data/search.yaml): a short form engineers type ("inc", "ff") is read as its long form
     ("incident", "feature flag"), for the index and the concepts alike; a word typed without its vowels ("qry",
     "errs") as the one word of the search with those consonants.
   - Normalisation (`normal`, the build's search_words.normal word for word): the concepts are found in the
     typed words in one spelling: a plural is its singular, a negation is the verb and "not" ("doesn't",
     "doesnt", "does not"), "who's" is "who is"; stop words typed between a phrase's words are skipped.
   - Concepts (data/search.yaml): the typed words name concepts ("kill switch" names ai-off, "llm" names
     ai), as whole words or phrases, in any word form the data uses, with one typo in a word of 5 letters
     or more (then the word spelled right is sent too). A longer phrase wins over the words inside it
     ("log in" is sign-in, not logs).
   - The answers, in order, each adding its heading words on the title field so that the index finds it:
     the level a time beside a concept names ("5 minute ack"; none for a time two levels share), else the answer
     a deadline or cadence is the data's time of alone ("within 120 seconds", "every half hour"); the step or
     dashboard row holding a command a query names (a tool a step runs that no concept took: "count", "curl",
     an app table its SQL reads; a breakdown: "5xx by endpoint"), the one the index scores best among them
     that holds another typed word; the bets met (the most concepts first); then, ranked as the concepts are
     (the lowest rank first, a hub after a section of the same rank): each named concept's answer, the contact
     or matrix row a people question names ("sec lead slack", "who owns database failures"; the matrix for
     someone only its escalation column brings in: "when do we bring in legal") and the runbook and level a
     number next to a signal names ("ai errors 90%"),
     each ahead of the concepts of its rank, and a saved query two of whose title's words are typed, at the
     rank the data gives it. A symptom-shaped query ("went vertical", "is down", "hangs"; not one asking which or where) ranks a bet a dashboard panel
     answers, and a saved query named by two words of its title, after the runbook. A label that frames ("retro:") ranks its concepts after the rest's; a chat command
     typed with its slash names the steps that run it; a role or team beside an incident type of theirs, its matrix
     row; a program beside a word of the app table its step reads, that step; "= sev2" is "counts as sev2".
   A query with a quoted phrase or lunr syntax (* ~ ^ field: +term -term) is sent as typed. */
(function () {
  "use strict";

  var QUERY = 2, RESULT = 3; // the theme's SearchMessageType.QUERY and .RESULT (guarded by tests/adapters)
  var EXACT = 4, ADDED = 16, FOUND = 1, FUZZY_MIN = 5;
  var hints = window.pbSearchHints || {}; // assets/pb-search-hints.js, loaded just before
  function own(obj) { // a map a typed word cannot reach past ("constructor" is no key of it)
    var map = Object.create(null);
    Object.keys(obj || {}).forEach(k => { map[k] = obj[k]; });
    return map;
  }
  function set(list) { var map = Object.create(null); (list || []).forEach(w => { map[w] = true; }); return map; }
  var stop = set(hints.stopwords);
  var forms = own(hints.forms);
  var targets = own(hints.targets);
  function heading(find) { // an answer's heading words: shipped, else its anchor's ("step-5-communicate"), else
    // its page's name ("scenarios/database-down.html")
    var named = find.split("#")[1] || find.split("#")[0].split("/").pop().replace(/\.html$/, "");
    return targets[find] || named.split(/[^a-z]+/).filter(w => w && !stop[w]);
  }
  // typed, these mean themselves, never a typo: the concepts' words, and the data's words one typo from them
  var real = set(hints.words);
  var concepts = own(hints.concepts); // id -> [rank, answer, asks, hub, phrase…], read as an object
  Object.keys(concepts).forEach(id => {
    var c = concepts[id];
    concepts[id] = { rank: c[0], find: c[1], asks: c[2], hub: c[3], phrases: c.slice(4).map(p => {
      var words = p.split(" ");
      words.forEach(w => { real[w] = true; });
      return words;
    }) };
  });
  function split(text) { return text ? text.split(" ") : []; }
  var places = (hints.places || []).map(p => { // [answer, tools, dims, times, calls, label…], each a string of words
    // (paths); a tool in capitals is a SQL keyword ("COUNT", "ORDER"), a word of English too
    var tools = split(p[1]);
    return { find: p[0], tools: tools.map(w => w.toLowerCase()), words: set(tools.filter(w => w !== w.toUpperCase())),
      dims: split(p[2]), times: split(p[3]).map(Number), calls: split(p[4]), labels: p.slice(5).map(split) };
  });
  var whole = set([].concat.apply([], places.map(p => p.tools))); // typed as one word: "ClinicalNote"
  var WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
  var codes = Object.create(null); // the numbers that are a word of a concept by themselves: status codes
  Object.keys(concepts).forEach(id => {
    concepts[id].phrases.forEach(p => { if (p.length === 1 && /^\d+$/.test(p[0])) codes[p[0]] = true; });
  });

  var AUX = own({ ca: "can", wo: "will", sha: "shall", can: "can" });
  "do does did is are was were has have had could would should must need".split(" ").forEach(w => { AUX[w] = w; });
  var IS = set("who what where when how that there here".split(" "));
  var CONTRACTED = own({ re: "are", m: "am", ll: "will", ve: "have", d: "would" });
  var PARTICLES = set(["ups", "ins", "ons"]); // spelling._PARTICLES: "follow-ups", "check-ins"
  function singular(w) {
    if (PARTICLES[w]) return w.slice(0, -1);
    if (w.length >= 5 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length >= 4 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  var ORDINALS = own({ "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth" });
  function ordinal(w) { return w.replace(/^(1st|2nd|3rd|4th|5th)(?=[a-z]*$)/, o => ORDINALS[o]); } // spelling.ordinal
  function normal(words) { // playbook.site.search_words.normal
    var out = [];
    words.forEach(w => {
      var k = w.indexOf("'"), base = k < 0 ? w : w.slice(0, k), tail = k < 0 ? "" : w.slice(k + 1);
      if (tail === "t" && /n$/.test(base)) out.push(AUX[base.slice(0, -1)] || base.slice(0, -1), "not");
      else if (tail === "s") out.push.apply(out, IS[base] ? [base, "is"] : [base]);
      else if (CONTRACTED[tail]) out.push(base, CONTRACTED[tail]);
      else if (!tail && /nt$/.test(w) && AUX[w.slice(0, -2)]) out.push(AUX[w.slice(0, -2)], "not");
      else if (w === "cannot") out.push("can", "not");
      else if (!tail && /s$/.test(w) && IS[w.slice(0, -1)]) out.push(w.slice(0, -1), "is");
      else out.push(ordinal(base + tail));
    });
    return [].concat.apply([], out.map(w => w.match(/[a-z]+(?=\d)|\d[a-z\d]*|[a-z]+/g) || [])).map(singular);
  }

  var short = Object.create(null); // "inc" -> ["incident"], "ff" -> ["feature", "flag"] (shipped "inc incdt": "incident");
  // "BE" -> ["backend"], typed in capitals only
  Object.keys(hints.abbreviations || {}).forEach(k => { k.split(" ").forEach(s => { short[s] = hints.abbreviations[k].split(" "); }); });
  /* A short form typed with its vowels dropped ("qry", "errs", "tbl"), no word of the data nor a short form the
     vocabulary lists, is the one word the search knows (a concept's, a signal's, a row's or a heading's word) with its
     consonants: the first letter, then the consonants, a letter said twice once ("error" is "er", as "err" is). */
  function skeleton(w) { return (w[0] + w.slice(1).replace(/[aeiou]/g, "")).replace(/(.)\1+/g, "$1"); }
  var known = null; // skeleton -> the words of the search that have it, built on first use
  function skeletons() {
    if (!known) {
      known = Object.create(null);
      var all = Object.keys(real).concat(Object.keys(forms), [].concat.apply([], (hints.ladder || []).map(s => s.words)),
        [].concat.apply([], Object.keys(targets).map(k => targets[k])));
      all.filter(v => /^[a-z]{4,}$/.test(v) && !stop[v]).map(singular).forEach(v => {
        var k = skeleton(v);
        if ((known[k] = known[k] || []).indexOf(v) < 0) known[k].push(v);
      });
    }
    return known;
  }
  function unvowelled(w) { // of three letters or more: "pg" is no "page"
    if (!/^[a-z]{3,5}$/.test(w) || /[aeiou]/.test(w.slice(1)) || stop[w] || real[w] || whole[w] || forms[w]) return null;
    // all its consonants, not their start ("sql" is no "sqlite"); one word only, and longer than typed
    var found = skeletons()[skeleton(singular(w))] || [];
    return found.length === 1 && found[0].length > w.length ? found[0] : null;
  }
  /* A word spelled as it sounds ("declair", "acess"), no word of the data, the vocabulary or the stop list, is the one
     word the search knows with its consonants (the skeleton above), when that word is about as long as the one typed.
     Kept by hand: a phonetic library (Metaphone, Soundex) would ship more code than the rewriter has, for the words of
     one vocabulary. */
  function soundalike(w) {
    var one = singular(w);
    if (!/^[a-z]{5,14}$/.test(one) || stop[w] || real[w] || whole[w] || forms[w] || short[w]) return null;
    // never shorter than typed: a word loses letters to a tired hand, it does not gain them ("reset" is no "rest",
    // "burning" no "bring")
    var found = skeletons()[skeleton(one)] || [];
    // … and two letters off or more: one typo is read as one where the concepts are named, and the index is left the
    // word typed ("sitting" may be meant)
    var it = found.length === 1 ? found[0] : "";
    // (its first two letters right: "crept" is no "corrupt", "footer" no "feature")
    return it && it.slice(0, 2) === one.slice(0, 2) && it.length >= one.length && it.length - one.length <= 2 &&
      !oneTypo(one, it) ? it : null;
  }
  function tokens(text) { // the typed words, each short form read as its long form; a word typed in camel case
    // that is no word of the data is its parts ("genAI" is gen ai, "OpenAI" stays openai)
    var out = [];
    text = text.replace(/[a-zA-Z]*[a-z][A-Z][a-zA-Z]*/g, w => real[w.toLowerCase()] || whole[w.toLowerCase()] ? w : w.replace(/([a-z])(?=[A-Z])/g, "$1 "));
    // a word opening with "@" is a Slack handle, as contacts.yaml writes them ("@oncall-secondary"; the "@" inside an
    // address is none): its name, read after "slack handle"
    text = text.replace(/(^|[^\w.@-])@(?=[a-z])/gi, "$1slack handle ");
    // a short form written in capitals in the data is one typed so ("BE team"; "be" is a word)
    (text.replace(/\u2019/g, "'").match(/[a-z0-9]+(?:'[a-z]+)?/gi) || []).forEach(typed => {
      var w = ordinal(typed.toLowerCase()); // "2ndary" is secondary, for the index too
      var long = short[typed] || short[w] || short[singular(w)];
      out.push.apply(out, long || [unvowelled(w) || soundalike(w) || w]);
    });
    return out;
  }

  function same(typed, word) { // as lunr's stemmer would group them, from the forms the build shipped
    if (typed === word || (forms[word] || []).indexOf(typed) >= 0) return true;
    if (word.length < 3) return false;
    var root = typed.replace(DERIVED, ""); // another noun of one verb: "generator", "generation", "generate"
    if (root.length >= FUZZY_MIN && root === word.replace(DERIVED, "")) return true;
    if (typed.indexOf(word) !== 0) return false;
    var rest = typed.slice(word.length); // an ending the data does not use: "stopped", "crawling"
    return /^(s|es|d|ed|er|ers|ing|ings|y)$/.test(rest) || // search_words._ENDINGS ("healthy" is health)
      (rest[0] === word[word.length - 1] && /^(ed|ing|er)$/.test(rest.slice(1)));
  }

  var DERIVED = /(ions?|ors?|ives?|es|e)$/;
  var ENDINGS = ["", "s", "es", "d", "ed", "er", "ers", "ing", "ings"]; // search_words._ENDINGS, bar "y"
  function typo(t, w) { // "monitering": one typo in "monitoring"; a tired hand still gets the first letter right
    // ("getting" is no "setting")
    return t[0] === w[0] && (w.length >= FUZZY_MIN && ENDINGS.some(e => oneTypo(t, w + e)) || dropped(t, w));
  }
  // … and a word of five letters typed with one inside letter dropped, its first and last kept ("emal", "phne")
  function dropped(t, w) {
    return t.length === 4 && w.length === 5 && t[3] === w[4] && [1, 2, 3].some(k => w.slice(0, k) + w.slice(k + 1) === t);
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

  /* The concepts the typed words (normalised) name: every phrase of every concept found in them, the longest
     first, then the closest (the word itself, then a form the data uses, then a longer ending, then one typo,
     never in a word the data uses as itself: "stopped" is an outage before it is "stop"). A word counts for
     one phrase only, bar a phrase found in the same place, as closely, for each concept that lists it.
     `cover` counts each concept's typed words; `fixes` are the words a typo stood for. */
  function named(typed) {
    var found = [];
    Object.keys(concepts).forEach(id => {
      concepts[id].phrases.forEach(phrase => {
        for (var i = 0; i < typed.length; i++) {
          var fixes = [], close = 3, j = 0, k = i, past = true;
          for (; j < phrase.length && k < typed.length && close >= 0; j++, k++) {
            var w = phrase[j];
            while (j > 0 && typed[k] !== w && stop[typed[k]] && !stop[w] && k + 1 < typed.length) k++;
            var t = typed[k];
            past = past && concepts[id].phrases.some(p => p.some(v => pastForm(t, v)));
            if (t === w) continue;
            if ((forms[w] || []).indexOf(t) >= 0) close = Math.min(close, 2);
            else if (same(t, w)) close = Math.min(close, 1);
            // (the word as typed, before its "s" went as a plural's: "respons" is "response", not "respon" of "respond";
            // a short one is left as it is: "phon" is no "phone")
            else if (/^[a-z]+$/.test(t) && !real[t] && !stop[t] && (typo(t, w) || t.length >= FUZZY_MIN && typo(t + "s", w))) { close = 0; fixes.push(w); }
            else close = -1;
          }
          // a word that asks for a row, typed as what happened ("owned by root", "phoned in"), asks for no one
          if (past && tables[concepts[id].asks]) continue;
          if (close >= 0 && j === phrase.length) found.push({ id: id, at: i, end: k, len: phrase.length, close: close, fixes: fixes });
          else if (phrase.length > 1 && i + phrase.length <= typed.length) {
            // one typo in a short word of a phrase, told by the whole phrase ("on-cal" is "on call"): the one word
            // typed otherwise is no word of the data nor a stop word ("call it" is no "call in"), and the words joined
            // are one typo from the phrase's
            var span = typed.slice(i, i + phrase.length), odd = span.map((t, n) => t === phrase[n] ? -1 : n).filter(n => n >= 0);
            var oddWord = odd.length === 1 ? span[odd[0]] : "";
            if (odd.length === 1 && /^[a-z]+$/.test(oddWord) && !real[oddWord] && !stop[oddWord] && typo(span.join(""), phrase.join(""))) {
              found.push({ id: id, at: i, end: i + phrase.length, len: phrase.length, close: 0, fixes: [phrase[odd[0]]] });
            }
          }
        }
      });
    });
    found.sort((a, b) => b.len - a.len || b.close - a.close || a.at - b.at);
    var owner = {}, cover = {}, seen = {}, fixes = [], by = {}, spans = {}, worded = {};
    found.forEach(m => {
      var span = [m.at, m.end, m.len, m.close].join(":");
      for (var k = m.at; k < m.end; k++) if (owner[k] && owner[k] !== span) return;
      if (owner[m.at] === span && seen[m.id + span]) return; // "doc" and "docs" both match "doc"
      for (k = m.at; k < m.end; k++) { owner[k] = span; (by[k] = by[k] || []).push(m.id); spans[k] = typed.slice(m.at, m.end); }
      seen[m.id + span] = true;
      // how much of the query a concept says: its phrase's words, a number in it ("sev 1", typed "sev1") no word more
      var digits = typed.slice(m.at, m.end).filter(t => /^\d+$/.test(t)).length;
      cover[m.id] = (cover[m.id] || 0) + Math.max(1, m.len - digits);
      if (digits < m.len) worded[m.id] = true;
      fixes = fixes.concat(m.fixes);
    });
    return { cover: cover, fixes: fixes, by: by, spans: spans, worded: worded }; // `by`: the concepts each typed
    // word's phrase names; `spans`: that phrase's typed words; `worded`: the concepts a word names, not a number alone
  }

  function pastForm(t, w) { // "owned" of "own", "phoned" of "phone", "stopped" of "stop" (a typo of "owner" or not)
    return t.indexOf(w) === 0 && /^(e?d|[a-z]ed)$/.test(t.slice(w.length)) && (t.length - w.length < 3 || t[w.length] === w[w.length - 1]);
  }

  function rankOf(find) { // an answer ranks as the best concept whose answer it is
    return Object.keys(concepts).reduce((r, id) => concepts[id].find === find ? Math.min(r, concepts[id].rank) : r, 9);
  }

  function typedAny(typed, w) { return typed.some(t => same(t, w)); }

  /* The rows of each table (roles, teams, incident types): a row's name in its words, those no other row of
     its table has (`key`, they tell it apart) and the others (`also`: "team", "lead", "failure"). */
  var tables = set((hints.rows || []).map(t => t.table)); // what a people question asks for: a contact, an owner
  var rows = [], brought = hints.brought || []; // [the escalation rule, the matrix, the rows only it brings in…]
  (hints.rows || []).forEach(t => {
    var count = {}, named = t.rows.map(r => normal(r[1].toLowerCase().match(WORD) || []));
    named.forEach(ws => { ws.filter((w, i) => ws.indexOf(w) === i).forEach(w => { count[w] = (count[w] || 0) + 1; }); });
    t.rows.forEach((r, i) => {
      rows.push({ find: r[0], title: r[1], via: r.slice(2), table: t.table,
        key: named[i].filter(w => count[w] === 1), also: named[i].filter(w => count[w] > 1) });
    });
  });

  /* The row a people question names: a concept that asks for one (contact, owner, who) and every word that
     tells a role's, team's or incident type's name apart (or a system whose runbook has that incident type).
     The row naming the most of its name wins (a system whose runbook has its incident type counts as one
     word), then the one with the fewest of its words left out, then the table asked for. Its rank is the
     best of the asking concept's and of the concepts its typed words name: "who writes the rca" asks about
     the write-up (rank 1) before the owner of the writes (rank 4). */
  function row(typed, said) {
    var asks = {}, cover = said.cover, best = null, bestScore = 0, keyedRows = [];
    Object.keys(cover).forEach(id => {
      var a = concepts[id].asks;
      if (a) asks[a] = Math.min(asks[a] || 9, concepts[id].rank);
    });
    rows.forEach(r => {
      var asked = Math.min(asks.person || 9, asks[r.table] || 9);
      if (!asks.person && !asks[r.table]) return;
      // a word of its name inside a phrase that says more than the name, of a concept that is not that word
      // ("write up" is no write failure; "audit logging" is audit) names no row
      var name = r.key.concat(r.also), at = r.key.map(w => typed.findIndex((t, k) => same(t, w) &&
        ((said.spans[k] || []).every(x => stop[x] || name.some(v => same(x, v))) ||
          said.by[k].some(id => concepts[id].phrases.some(p => p.length === 1 && same(t, p[0]))))));
      var mine = typed.map((t, k) => name.some(w => same(t, w)) ? k : -1);
      var via = r.via.filter(c => cover[c]);
      if (!(at.length && at.every(k => k >= 0)) && !via.length) return;
      var rank = asked;
      at.forEach(k => { (said.by[k] || []).forEach(id => { rank = Math.min(rank, concepts[id].rank); }); });
      via.forEach(id => { rank = Math.min(rank, concepts[id].rank); });
      var keyed = at.length && at.every(k => k >= 0), also = r.also.filter(w => typedAny(typed, w)).length;
      // an incident type named in full in a question for someone ("who do we escalate write failures to"): its row of
      // the page that relates types to people (the matrix) is the answer the question asks for, and ranks as the
      // question, before the systems and rules its words also name (a person named is asked about otherwise)
      if (keyed && asks.person && r.find.split("#")[0] === brought[1] && r.also.length && also === r.also.length) rank = Math.min(rank, 1);
      var score = (keyed ? at.length : 0) + also + (via.length ? 1 : 0) - (r.also.length - also) / 100 + (asks[r.table] ? 0.001 : 0);
      var it = { find: r.find, rank: rank, table: r.table, mine: mine, score: score };
      if (keyed) keyedRows.push({ table: r.table, at: at, it: it });
      if (score > bestScore) { best = it; bestScore = score; }
    });
    // an incident type named in full beside the teams or people of another table no question asks for ("should I
    // page the ai team or backend when the ai breaks", "who escalates read failures beyond the backend team"):
    // its row of the page that relates them (the matrix: each type's owner and escalation)
    var relating = keyedRows.filter(o => o.it.find.split("#")[0] === brought[1]).sort((a, b) => b.it.score - a.it.score)[0];
    if (relating && keyedRows.some(o => o.table !== relating.table && !asks[o.table])) return relating.it;
    // two rows of a table named in full, one by words the other's name has not ("EM or CTO who first"), ask
    // how they stand to each other: no row, but the rule that orders who comes in (the escalation rule)
    // … as does a row named as the one before ("who comes after the secondary on call"): the next in line
    // (unless the question asks how to reach them, "primary and secondary email": their rows, not their order)
    if (best && !asks.contact && (keyedRows.some(o => o.table === best.table && o.at.some(k => best.mine.indexOf(k) < 0)) || after(typed, best))) {
      return { find: brought[0], rank: best.rank, table: best.table, mine: [], order: true };
    }
    return best;
  }

  // The words that put someone before the one a question asks about: "after", "above", "beyond" the row named
  // (by hand: the few prepositions English orders people with; the stop words between them and the name skipped)
  var BEFORE = set(["after", "above", "beyond", "past"]);
  function after(typed, it) {
    var j = it.mine.findIndex(k => k >= 0) - 1;
    while (j >= 0 && stop[typed[j]] && !BEFORE[typed[j]]) j -= 1;
    return j >= 0 && !!BEFORE[typed[j]];
  }

  /* A role or team named in full beside an incident type (by its name, or a system whose runbook has it) that the
     type's matrix row gives to them, as its primary, secondary or escalation ("does the cto get pulled into auth
     incidents", "security team not answering and logins are under attack"): that row, which says who does what. */
  var staffedBy = own(hints.staffed);
  function owning(norm, said) {
    var keyed = w => w.key.length && w.key.every(x => typedAny(norm, x));
    var named = rows.filter(w => w.table === "contact" && keyed(w) && w.also.every(x => typedAny(norm, x))).map(w => w.find);
    var found = named.length ? rows.filter(w => staffedBy[w.find] && (keyed(w) || w.via.some(c => said.cover[c])) &&
      staffedBy[w.find].some(f => named.indexOf(f) >= 0)).map(w => w.find) : [];
    return found.length === 1 ? found[0] : null;
  }

  /* The places a command-shaped query names: `strong`, by a tool a step runs that no concept's phrase took
     ("count", "curl"; "sqlite" alone names the database) or a breakdown a panel shows ("by endpoint"); `weak`,
     by two words or more of one of a place's labels, one of them free; or by a time a step's parameter gives
     ("every 600 seconds": its `watch -n`) beside a concept whose answer is that step's page. */
  var appTables = own(hints.tables); // "clinicalnote" -> ["clinical", "note"]
  function commands(typed, said, minutes, query) {
    var strong = [], weak = [];
    var pages = Object.keys(said.cover).map(id => (concepts[id].find || "").split("#")[0]);
    var free = typed.filter((t, k) => !stop[t] && !said.by[k]);
    var content = typed.filter(t => !stop[t]);
    var paths = (query.match(/\/[a-z0-9._~\/-]*[a-z0-9]/gi) || []).map(x => x.toLowerCase());
    places.forEach(p => {
      var hit = false;
      // an endpoint's path typed beside a tool of a step that calls it ("auth fail ctr via /api/metrics jq"), a tool
      // a concept took or not: the step that runs that call
      var ran = p.tools.some(w => typed.some(t => t.replace(/\d+$/, "") === w));
      if (ran && p.calls.some(c => paths.some(x => x === c || x.indexOf(c + "/") === 0))) hit = true;
      // a SQL keyword names the step beside another of its tools ("count notes … in sqlite") or typed in capitals
      // ("SELECT 1"), not in a sentence ("count as sev2", "the escalation order")
      var tool = p.tools.some(w => p.words[w] && typed.some(t => t.replace(/\d+$/, "") === w));
      p.tools.forEach(w => {
        if (!p.words[w] && !tool && !new RegExp("\\b" + w.toUpperCase() + "\\b").test(query)) return;
        free.forEach(t => { if (t.replace(/\d+$/, "") === w) { hit = true; (held[p.find] = held[p.find] || []).push(t); } });
      });
      p.dims.forEach(d => {
        // "by endpont"; "by endpoint category": either word of the breakdown
        if (typed.some((t, k) => (typed[k - 1] === "by" || (k > 1 && typed[k - 2] === "by" && !stop[typed[k - 1]])) && close(t, d))) hit = true;
      });
      // a step that reads an app table is named by a program it runs, even one a concept took ("sqlite"), typed beside
      // a word of that table's name ("list 10 finalized notes in sqlite": ClinicalNote)
      var reads = p.tools.some(w => appTables[w] && appTables[w].some(x => typedAny(content, x)));
      if (reads && p.tools.some(w => !appTables[w] && p.words[w] && typed.some(t => t.replace(/\d+$/, "") === w))) hit = true;
      if (minutes !== null && p.times.indexOf(minutes) >= 0 && pages.indexOf(p.find.split("#")[0]) >= 0) hit = true;
      if (hit) strong.push(p.find);
      else if (p.labels.some(l => {
        return l.filter(w => typedAny(content, w)).length >= 2 && l.some(w => typedAny(free, w));
      })) {
        weak.push(p.find);
      }
    });
    return { strong: strong, weak: weak };
  }

  /* A chat command typed with its slash ("/incident create", one typo in its verb: "/incident updaet") names the steps
     that run it (search_rows.chat_places), before what its words name otherwise ("write" in "what do I write in the
     /incident create description" is no save). */
  var chats = (hints.chats || []).map(c => ({ words: split(c[0]), finds: c.slice(1) }));
  function chatted(query) {
    var out = [], m, re = /(?:^|[\s"'(`])\/([a-z]+)\s+([a-z]+)/gi;
    while ((m = re.exec(query))) {
      var name = m[1].toLowerCase(), verb = singular(m[2].toLowerCase());
      chats.forEach(c => {
        if (c.words[0] === name && close(verb, c.words[1])) c.finds.forEach(f => { if (out.indexOf(f) < 0) out.push(f); });
      });
    }
    return out;
  }

  /* The level a query names by its other words (search_levels): its name beside a word for a level ("HIGH
     incident", "medium severity"; one typo in a name of 5 letters or more) weighs 2, each pair of neighbouring words
     of its definition or response ("slow queries", "business hours") 1; the level weighing most, the most severe
     of a tie. A pair inside one phrase of a concept is that concept's. */
  var near = set(hints.near);
  var levels = (hints.levels || []).map(l => ({ id: l[0], name: l[1], pairs: l.slice(2).map(p => p.split(" ")) }));
  function close(t, w) { return same(t, w) || (/^[a-z]+$/.test(t) && !real[t] && typo(t, w)); }
  function levelNamed(typed, said) {
    var at = [];
    typed.forEach((t, k) => { if (!stop[t]) at.push(k); });
    var best = null, bestScore = 0;
    levels.forEach(lv => {
      var score = 0;
      at.forEach((k, i) => {
        var prev = typed[at[i - 1]], next = typed[at[i + 1]];
        if (close(typed[k], lv.name) && [prev, next].some(w => w && Object.keys(near).some(n => close(w, n)))) score += 2;
        // … or as a noun: after an article, as the query's last word ("what must happen for a critical?")
        else if (close(typed[k], lv.name) && k === typed.length - 1 && /^(a|an|the)$/.test(typed[k - 1] || "")) score += 2;
        if (i + 1 < at.length && lv.pairs.some(p => close(typed[k], p[0]) && close(next, p[1]))) {
          var inOne = (said.spans[k] || []).length > 1 && (said.by[k] || []).some(id => (said.by[at[i + 1]] || []).indexOf(id) >= 0);
          if (!inOne) score += 1;
        }
      });
      if (score > bestScore) { best = lv; bestScore = score; }
    });
    return best && concepts[best.id] ? { id: best.id, score: bestScore } : null;
  }

  /* A question for where to write a part of the template (search_template): a word that asks where ("where",
     "which section") and one that says writing ("note", "put", "record"; "go" said of the part, after it) beside
     a part's name ("where do I note data lost", "where does revenue impact go", "where do I record the number
     of failed requests") wants the template, whichever
     concept the part's words name elsewhere. A part inside a longer phrase of a concept is that phrase's ("status
     page" is no Status column). */
  var template = hints.template || [];
  var tWhere = (template[1] || "").split("|").filter(Boolean).map(split), tPut = split(template[2]), tGo = split(template[3]);
  // a part of two words is named in either order too ("failed requests" is the Requests failed field)
  var tParts = [].concat.apply([], template.slice(4).map(split).map(p => p.length === 2 ? [p, [p[1], p[0]]] : [p]));
  function partTyped(typed, said) { // the index after the first part typed, or -1
    var end = -1;
    tParts.forEach(p => {
      // a part that opens with stop words is named by its other words ("what we will do differently": "do differently")
      var from = Math.max(0, p.findIndex(w => !stop[w]));
      for (var i = 0; end < 0 && i < typed.length; i++) {
        var j = from, k = i;
        for (; j < p.length && k < typed.length; j++, k++) {
          while (j > 0 && typed[k] !== p[j] && stop[typed[k]] && !stop[p[j]] && k + 1 < typed.length) k++;
          if (!(typed[k] === p[j] || close(typed[k], p[j]))) break;
        }
        if (j < p.length) continue;
        var inside = false;
        for (var x = i; x < k; x++) if ((said.spans[x] || []).length > k - i) inside = true;
        if (!inside) end = k;
      }
    });
    return end;
  }
  function wherePut(typed, said) {
    if (!template[0]) return false;
    var at = partTyped(typed, said);
    if (at < 0) return false;
    var asks = tWhere.some(w => typed.some((t, k) => w.every((v, n) => typed[k + n] === v)));
    var puts = typed.some(t => tPut.some(w => t === w || same(t, w))) ||
      typed.slice(at).some(t => tGo.some(w => t === w || same(t, w)));
    return asks && puts;
  }

  /* A label before a colon that opens the query ("retro:", "retro note:") and names a concept that frames (says: frame,
     the post-mortem by its names) says where the question is asked, not what it asks: the concepts named in the label
     alone come after those the rest of the query names, when the rest names an answer ("retro: was declaring this
     overkill?" is declaring). A label that names a part of what the frame records ("follow-up:") frames nothing. */
  var frames = set(hints.frames), rechecks = set(hints.rechecks || []);
  var FOUND_BY = /^\s*((?:the |our |a |in the |at the )?[a-z][a-z'-]{0,20}(?: [a-z][a-z'-]{0,20})?)(?= (?:found|showed|revealed|flagged|surfaced|raised|identified|uncovered|spotted|noted|turned up)\b)/i;
  function framed(query, norm, said) {
    // … or as the subject of what it found ("retro found a minor monitoring gap": the gap is asked about)
    var m = /^\s*([a-z][a-z' -]{0,30}?)\s*:(?!\S)/i.exec(query) || FOUND_BY.exec(query), inLabel = {}, outside = {};
    if (!m) return inLabel;
    var n = normal(tokens(m[1])).length;
    norm.forEach((t, k) => { (said.by[k] || []).forEach(id => { (k < n ? inLabel : outside)[id] = true; }); });
    if (!Object.keys(inLabel).some(id => frames[id]) || !Object.keys(outside).some(id => concepts[id].find)) return {};
    Object.keys(outside).forEach(id => { delete inLabel[id]; });
    return inLabel;
  }

  /* "authn spike = sev2?" asks whether the one is the other, as "authn spike counts as sev2?" does: an equals sign
     before a level (by a name of its concept, "sev2", "p1", or its own name, "HIGH") reads as "count as", the words of
     the concept that asks for a level. */
  var levelIds = set((hints.levels || []).map(l => l[0])), levelNames = set((hints.levels || []).map(l => l[1]));
  var asksLevel = Object.keys(concepts).filter(id => concepts[id].asks === "level")
    .map(id => concepts[id].phrases.find(p => p.length > 1)).filter(Boolean)[0];
  function equated(query) {
    var k = query.indexOf("=");
    if (k < 0 || !asksLevel || /[=<>!]/.test(query[k + 1] || "") || /[<>!]/.test(query[k - 1] || "")) return query;
    var right = normal(tokens(query.slice(k + 1))), said = named(right);
    var level = Object.keys(said.cover).some(id => levelIds[id] && (said.by[0] || []).indexOf(id) >= 0) || levelNames[right[0]];
    return level ? query.slice(0, k) + " " + asksLevel.join(" ") + " " + query.slice(k + 1) : query;
  }

  var UNIT = { s: 1 / 60, sec: 1 / 60, secs: 1 / 60, second: 1 / 60, seconds: 1 / 60, m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60,
    d: 1440, day: 1440, days: 1440, wk: 10080, wks: 10080, week: 10080, weeks: 10080 };
  // a number said in words before a unit ("two hours", "an hour", "half an hour"): hand-written, as a number a
  // person types for a time span is small, and no library the page loads reads them
  var SAID = "zero one two three four five six seven eight nine ten".split(" "), TENS = own({ a: 1, an: 1, fifteen: 15, twenty: 20, thirty: 30, sixty: 60 });
  var UNITS = "weeks?|wks?|minutes?|mins?|m|hours?|hrs?|h|days?|d|seconds?|secs?|s";
  function spoken(text) { // the time spans said in words, in figures: "half an hour" is "30 minutes", "an hour" "1 hour"
    return text.toLowerCase()
      // a cadence's word typed with one typo ("evry 2 hrs", "eveyr hour") is that word
      .replace(/\b[a-z]{4,6}\b/g, w => w !== "every" && (dropped(w, "every") || oneTypo(w, "every")) ? "every" : w)
      // hours and minutes written together ("2h10m", "1 hr 30 min", "2 hours and 10 minutes"): one span
      .replace(/\b(\d+)\s*(?:h|hrs?|hours?)\s*(?:and\s+)?(\d+)\s*(?:m|mins?|minutes?)\b/g, (all, h, m) => (60 * h + +m) + " minutes")
      .replace(/\b(?:a\s+|one\s+)?half(?:[\s-]an?)?[\s-]*hour\b/g, "30 minutes")
      .replace(/\b(?:a\s+)?quarter(?:\s+of)?(?:\s+an?)?[\s-]*hour\b/g, "15 minutes")
      .replace(/\b(?:a\s+)?couple(?:\s+of)?\s+(?=(?:minute|hour|day|week)s?\b)/g, "2 ")
      .replace(/\b([a-z]+)[\s-]+(?=(?:second|minute|hour|day|week)s?\b)/g, (all, w) => {
        var n = TENS[w] || SAID.indexOf(w);
        return n > 0 ? n + " " : all;
      });
  }
  function duration(text) { // the minutes of "5 minute", "2h", "3 days", "600 seconds", "half an hour"; null when
    // none is typed ("2am" is a time of day, no span)
    var m = spoken(text).match(new RegExp("(?:^|[^a-z0-9.:])(\\d+(?:\\.\\d+)?)\\s*(" + UNITS + ")\\b"));
    return m ? Math.round(parseFloat(m[1]) * UNIT[m[2]] * 1e6) / 1e6 : null;
  }
  /* A time the query types as a deadline ("within 120 seconds", "in under 5 min", "< 2m") or a cadence ("every half
     hour", "each 2 hours", "q30m" as a chart writes it): its minutes and kind ("d" or "c", as hints.quantities writes
     them); null for any other time ("for 3 hours" has gone by, "at 2am" is a time of day). */
  var DEADLINE = "within|in|under|below|inside|by|before|less than|no more than|at most|<|<=";
  function quantity(text) {
    var t = spoken(text), m = new RegExp("(?:^|[^a-z<=])(every|each|per|once an?|once every|q(?=\\d)|" + DEADLINE + ")\\s*(?:(?:under|less than|about|around|roughly)\\s+)?(\\d+(?:\\.\\d+)?)\\s*(" + UNITS + ")\\b").exec(t);
    if (!m) return null;
    // a count or a share in the span ("340 times in 5 min", "50 failed logins within a minute", "30% in 5 min") is a
    // rate, no deadline
    if (/^(in|within)$/.test(m[1]) && /\d\s*%?\s*(?:[a-z]+\s+){0,2}$/.test(t.slice(0, m.index + m[0].indexOf(m[1])))) return null;
    return { minutes: Math.round(parseFloat(m[2]) * UNIT[m[3]] * 1e6) / 1e6, kind: /^(every|each|per|once|q)$|^once/.test(m[1]) ? "c" : "d" };
  }

  var SPAN = /^\s*(?:[a-z]+\s+)?(?:in|within|over|during|every)\s+(?:the\s+(?:last|past)\s+)?(?:an?\s+|\d+(?:\.\d+)?\s*)(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\b/;
  var TIME = "ms|milliseconds?|s|secs?|seconds?", PER = /^\s*(?:[a-z]+\s*)?(?:\/|per\s+)(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\b/;
  var TYPED_UNITS = ["percent", "seconds", "second", "minutes", "minute", "milliseconds", "millisecond"]; // whose typo is read as them
  /* The readings a query types, the most specific first: a share ("2 of 300 clinicians", "3/40 users", "12 of our
     400 users", "2 out of every 3 requests": a percentage of a whole), a change ("p95 180ms -> 520ms", "from 2% to 30%": the new value, and for a time its
     multiple of the old), then the first number (a status code is none). A rate ("3/min", "100 req/s") is no
     reading of any signal; a bare number only of a signal whose word is typed beside it. */
  function unnamed(word) { return !normal(tokens(word || "")).some(w => real[w]); } // a whole no concept names
  // … or one a concept of a users' level says in the users' place ("one user", "one practice", "single clinic": a
  // share of practices is a share of users): the last word of its phrases that start as one that ends in users does
  var shareSig = (hints.ladder || []).filter(sig => sig.words.indexOf("share") >= 0)[0];
  var peopleOf = shareSig ? shareSig.levels.map(lv => lv[4]) : [], people = [];
  Object.keys(concepts).forEach(id => {
    var ps = peopleOf.indexOf(concepts[id].find) >= 0 ? concepts[id].phrases.filter(p => p.length === 2) : [];
    var starts = ps.filter(p => shareSig.words.indexOf(p[1]) >= 0).map(p => p[0]);
    ps.forEach(p => { if (starts.indexOf(p[0]) >= 0) people.push(p[1]); });
  });
  function ofUsers(word) { return unnamed(word) || normal(tokens(word || "")).some(t => people.some(w => same(t, w))); }
  function readings(text) {
    var out = [], shares = [], m, share = /(?:^|[^a-z0-9.\/])(\d+)\s*(?:\/|out of|of|in)\s*(?:(?:our|the|all|every|each|its|their)\s+)?(\d+)(?![\d.]|\s*(?:%|x\b|times\b|pct\b|percent\b))(\s+[a-z]+)?/g;
    // (the whole may come between: "2 practices out of 90", "3 clinics of our 40")
    var between = /(?:^|[^a-z0-9.\/])(\d+)\s+([a-z]+)\s+(?:out\s+of|of)\s+(?:(?:our|the|all|every|each|its|their)\s+)?(\d+)(?![\d.]|\s*(?:%|x\b|times\b|pct\b|percent\b))/g;
    while ((m = between.exec(text))) {
      if (+m[3] > +m[1] && !codes[m[1]] && !codes[m[3]]) {
        out.push({ n: 100 * m[1] / m[3], unit: "%", at: m.index + m[0].indexOf(m[1]), also: ofUsers(m[2]) ? ["share"] : [] });
        shares.push([m.index, m.index + m[0].length]);
      }
    }
    while ((m = share.exec(text))) {
      var a = +m[1], b = +m[2], also = ofUsers(m[3]) ? ["share"] : []; // of users, unless of what a concept names
      if (b > a && !codes[m[1]] && !codes[m[2]]) {
        out.push({ n: 100 * a / b, unit: "%", at: m.index + m[0].indexOf(m[1]), also: also });
        shares.push([m.index, m.index + m[0].length]);
      }
    }
    // a ratio typed as a fraction of one ("error ratio 0.21", "failure rate = .3"): that share in percent
    var ratio = /\b(?:ratio|fraction|rate)\s*(?:of\s+|is\s+|at\s+|[=:~]\s*)?(0?\.\d+)(?![\d.%]|\s*(?:%|x\b|s\b|ms\b))/g;
    while ((m = ratio.exec(text))) out.push({ n: 100 * parseFloat(m[1]), unit: "%", at: m.index + m[0].indexOf(m[1]), also: [] });
    var num = "(\\d+(?:\\.\\d+)?)\\s*(%|pct|percent|" + TIME + ")?";
    var change = new RegExp("(?:^|[^a-z0-9.])" + num + "\\s*(?:to|->|=>|\u2192|-+>)\\s*" + num + "(?![a-z0-9])", "g");
    while ((m = change.exec(text))) {
      var u1 = m[2] || "", u2 = m[4] || "", from = +m[1], to = +m[3];
      var time = new RegExp("^(" + TIME + ")$");
      if (u1 && u2 && time.test(u1) !== time.test(u2)) continue;
      var unit = u2 || u1, at = m.index + m[0].indexOf(m[1]);
      out.push({ n: to, unit: unit, at: at, also: [] });
      if (time.test(unit) && from > 0 && to > from) out.push({ n: to / from, unit: "x", at: at, also: [] });
    }
    // a time typed beside the usual one ("p99 5s, baseline 800ms", "2.4s vs normal 600ms", "3s (usually 0.5s)", "1.9s,
    // was 600ms"):
    // its multiple of the usual, as the latency signal counts it
    var t = "(\\d+(?:\\.\\d+)?)\\s*(" + TIME + ")(?![a-z0-9])", usual = "(?:baseline|normal(?:ly)?|usual(?:ly)?|typical(?:ly)?|was|used to be|previously)";
    var times = [], tre = new RegExp("(?:^|[^a-z0-9.])" + t, "g");
    while ((m = tre.exec(text))) {
      var before = text.slice(Math.max(0, m.index - 24), m.index + m[0].indexOf(m[1]));
      // (the usual one may name what it times between: "typical page 140 ms", "normal p95 load was 200ms")
      var plain = before.replace(/[(:,=~]/g, " ").replace(/\s+/g, " ");
      var what = "(?:\\s+[a-z0-9]+){0,2}";
      times.push({ ms: +m[1] * (/^m/.test(m[2]) ? 1 : 1000), at: m.index + m[0].indexOf(m[1]), usual: new RegExp(usual + "(?:\\s+(?:is|was|of|at|=|:))?\\s*$").test(plain) ||
        new RegExp("\\b(?:baseline|normal(?:ly)?|usual(?:ly)?|typical(?:ly)?)" + what + "(?:\\s+(?:is|was|of|at))?\\s*$").test(plain) });
    }
    // a share said in words ("two-thirds of calls", "half the requests", "a quarter of users"): a percentage; not a
    // span of time ("half an hour")
    var fraction = /(?:^|[^a-z])(?:(a|an|one|two|three|four|nine)[\s-]+)?(half|thirds?|quarters?|fifths?|tenths?)(?![a-z])(?!\s+(?:an?\s+)?(?:hours?|minutes?|days?|weeks?|secs?|seconds?)\b)/g;
    while ((m = fraction.exec(text))) {
      var count = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, nine: 9 }[m[1] || ""] || (m[2] === "half" ? 1 : 0);
      var parts = { half: 2, third: 3, quarter: 4, fifth: 5, tenth: 10 }[m[2].replace(/s$/, "")];
      if (count && count < parts) out.push({ n: 100 * count / parts, unit: "%", at: m.index + m[0].search(/[a-z]/), also: [] });
    }
    // a rise said in percent of the usual ("up 220% on last week's normal", "150% slower than baseline"): its
    // multiple of the usual, as the latency signal counts it
    var rise = new RegExp("(?:\\bup\\s+(\\d+(?:\\.\\d+)?)\\s*%|\\b(\\d+(?:\\.\\d+)?)\\s*%\\s+(?:up|higher|slower|longer|more|above|over))(?=[^.]*\\b" + usual + ")");
    if ((m = rise.exec(text))) out.unshift({ n: 1 + parseFloat(m[1] || m[2]) / 100, unit: "x", at: m.index, also: [] });
    var base = times.filter(x => x.usual), now = times.filter(x => !x.usual);
    // (two times, one the usual: a multiple of a baseline is a reading of the signal counted in multiples, its words
    // unsaid: "typical page 140 ms, now 310 ms")
    var multiples = [].concat.apply([], (hints.ladder || []).filter(sig => sig.unit === "x").map(sig => sig.words));
    if (base.length === 1 && now.length === 1 && base[0].ms > 0) out.unshift({ n: now[0].ms / base[0].ms, unit: "x", at: now[0].at, also: multiples });
    var re = /(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)\s*(%|[a-z]+)?/g; // not "p99"
    // a number the vocabulary names ("429", "503") is a status code, one after a level's name ("sev-1", "p2") is
    // that level, and one after a word that counts the parts of a list ("step 4", "option 2", "#3") is its place in
    // the list: no reading either
    var counted = /(?:\bsev|\bseverity|\bp|\bsteps?|\bparts?|\boptions?|\bphases?|\bstages?|#)[\s-]*$/i;
    // … and the numbers of a share are its parts, no reading of their own ("300 of 12000": 2.5 %, not 300)
    var inShare = at => shares.some(s => at >= s[0] && at < s[1]);
    while ((m = re.exec(text)) && (codes[m[1]] || inShare(m.index + m[0].indexOf(m[1])) ||
      counted.test(text.slice(0, m.index + m[0].indexOf(m[1])))));
    // … nor is a count in a span of time ("340 times in 5 min", "200 attempts within 60s"): a rate, as "3/min" is
    var after = m ? text.slice(m.index + m[0].length - (m[2] || "").length) : "";
    var count = m && (!m[2] || !/^(%|pct|percent|x|ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)$/.test(m[2]));
    if (m && !PER.test(after) && !(count && SPAN.test(after))) {
      var at1 = m.index + m[0].indexOf(m[1]), near;
      if (!m[2] || !/^(%|pct|percent|x|times|ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)$/.test(m[2])) {
        // a bare number: the words typed beside it (four either side) say which signal it is a reading of
        var left = text.slice(0, at1).match(/[a-z0-9%]+/g) || [], right = text.slice(at1 + m[1].length).match(/[a-z0-9%]+/g) || [];
        near = normal(tokens(left.slice(-4).concat(right.slice(0, 4)).join(" ")));
      }
      // a percentage "of" a whole no concept names ("3 pct of accounts"; "of writes" are the writes') is a share
      var whole = /^\s*of\s+([a-z]+)/.exec(text.slice(m.index + m[0].length));
      var of = /^(%|pct|percent)$/.test(m[2] || "") && whole && unnamed(whole[1]);
      out.push({ n: parseFloat(m[1]), unit: m[2] || "", at: at1, also: of ? ["share"] : [], near: near });
    }
    return out;
  }

  var COUNTS = SAID.concat("eleven", "twelve"), COUNTED = COUNTS.slice(1).join("|");
  var SAID_SHARE = new RegExp("\\b(" + COUNTED + ")\\s+(in|of|out\\s+of)\\s+(every\\s+)?(" + COUNTED + "|\\d+)\\b", "g");
  function counted(w) { return /^\d/.test(w) ? w : String(COUNTS.indexOf(w)); } // "nine" is "9"
  function level(typed, norm, text) { // the severity level a reading typed beside a signal falls in
    // a status code's class ("5xx") is no reading: an error, as the words beside a number say
    text = text.toLowerCase().replace(/\b[45]xx\b/g, "error")
      // a unit typed in a hurry is that unit ("20 percnt", "900 milisecs"), and "then" after a comparison is "than"
      .replace(/(\d\s*)([a-z]{5,})\b/g, (all, n, w) => n + (TYPED_UNITS.find(u => oneTypo(w, u)) || w))
      .replace(/\b(more|less|greater|fewer|higher|lower|worse|better|longer|slower)\s+then\b/g, "$1 than")
      // an IP address is no number ("1.2.3.4 hit signin 340 times": not 1.2)
      .replace(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g, "ip")
      // a number written with thousands separators ("4,950 of 10,000"): its digits
      .replace(/(?<![\d.,])(\d{1,3})((?:,\d{3})+)(?![\d,])/g, (all, lead, groups) => lead + groups.replace(/,/g, ""))
      // a share said in words ("two in nine", "one out of every five"): in figures, as readings() reads a share
      .replace(SAID_SHARE, (all, a, of, every, b) => [counted(a), of, (every || "") + counted(b)].join(" "));
    var all = readings(text);
    for (var i = 0; i < all.length; i++) {
      var found = reading(typed, all[i].near || norm.concat(all[i].also), text, all[i]);
      if (found) return found;
    }
    return null;
  }

  function reading(typed, norm, text, r) { // the level of one reading, of the signal whose words are typed most
    var n = r.n, unit = r.unit, scored = [];
    if (/^s(ec(ond)?s?)?$/.test(unit)) { n *= 1000; unit = "ms"; } // "0.8s" is 800 ms
    // a bound typed before it: "under 5%" is just below 5, "over 20%" just above 20 ("at most" and "<=" are 5)
    var before = text.slice(0, r.at).replace(/\s+/g, " ").trim();
    if (/(?:^|\s)(?:under|below|less than|fewer than|lower than|beneath|sub)$|<$/.test(before)) n -= 1e-9;
    else if (/(?:^|\s)(?:over|above|more than|greater than|higher than|exceeds?|exceeding|past|beyond)$|>$/.test(before)) n += 1e-9;
    (hints.ladder || []).forEach(sig => {
      var units = hints.units[sig.unit];
      if (sig.most !== undefined && n > sig.most) return; // no reading of it
      if (unit && units.indexOf(unit) < 0 && !typed.some(t => units.indexOf(t) >= 0)) {
        if (["%", "percent", "pct", "ms", "x", "min", "mins", "minutes"].indexOf(unit) >= 0) return;
      }
      var said = 0;
      // a status code or its class ("5xx", "503") is an error, and so is a phrase of a concept that reads as a
      // signal's word (data/search.yaml `reads`: "calls failing"); a word only read into the reading ("62% of api
      // calls" is a share of users) counts half: a signal's own word typed beside it ("errors") says more
      sig.words.forEach(w => {
        var reads = (hints.reads || {})[w] || [];
        if (typedAny(norm, w) || (w === "error" && norm.some(t => /^[45](\d\d|xx)$/.test(t))) ||
          reads.some(p => split(p).every(v => typedAny(norm, v)))) said += (r.also || []).indexOf(w) >= 0 && !typedAny(typed, w) ? 0.5 : 1;
      });
      var score = said - sig.words.length / 100; // a tie goes to the signal with fewer other words
      // a fraction typed without a unit, of a signal counted in percent, is a ratio ("error ratio 0.45": 45%), as
      // the alert queries compute it
      var fraction = n > 0 && n < 1 && sig.unit === "%" && !Object.keys(hints.units).some(u => hints.units[u].indexOf(unit) >= 0);
      if (said) scored.push({ sig: sig, score: score, n: fraction ? n * 100 : n });
    });
    // the signal typed most whose levels hold the number; else the next ("errors for 2 pct of accounts": no error
    // rate level holds 2%, a share of users does)
    scored.sort((a, b) => b.score - a.score);
    for (var k = 0; k < scored.length; k++) {
      var best = scored[k].sig, n = scored[k].n;
      for (var i = 0; i < best.levels.length; i++) {
        var lv = best.levels[i];
        var above = n > lv[0] || (lv[1] && n === lv[0]);
        var below = lv[2] === null || n < lv[2] || (lv[3] && n === lv[2]);
        if (above && below) return { level: lv, runbook: best.runbook, words: best.words, unit: hints.units[best.unit].indexOf(unit) >= 0 };
      }
    }
    return null;
  }

  /* The requests an API path typed names ("/api/notes 500s": the notes' category, write): its endpoint's category,
     or, typed with another method than the endpoint's, the category that method's endpoints serve ("GET
     /api/notes" is a read): read as the words "<category> request". */
  var endpoints = hints.endpoints || [], methods = own(hints.methods);
  function requested(text) {
    var out = [], m, re = /(?:^|[\s"'(])(?:(get|head|post|put|patch|delete)\s+)?(\/[a-z0-9._~\/-]*[a-z0-9])/gi;
    while ((m = re.exec(text))) {
      var path = m[2].toLowerCase(), method = (m[1] || "").toUpperCase();
      var e = endpoints.filter(p => path === p[0] || path.indexOf(p[0] + "/") === 0).sort((a, b) => b[0].length - a[0].length)[0];
      var kind = e && (method && method !== e[1] ? methods[method] : e[2]);
      if (kind) out.push(kind, "request");
    }
    // a method typed alone, in capitals as HTTP writes it ("93% of GETs and POSTs failing"): the category its
    // endpoints serve ("get" and "post" in lower case are words)
    var bare = /(?:^|[^A-Za-z\/])(GET|HEAD|POST|PUT|PATCH|DELETE)(?:e?s)?(?![A-Za-z\/])(?!\s+\/)/g;
    while ((m = bare.exec(text))) if (methods[m[1]]) out.push(methods[m[1]], "request");
    return out;
  }

  /* The time an incident has gone on, when a query says it: the span between two clock times it types ("open
     since 01:00, now 03:20": 140 minutes; past midnight, the next day's), or a duration it says has passed ("for
     3 hours", "since 40 min"); null when it says none. */
  var CLOCKS = /(?:^|[^\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])[^]*?(?:^|[^\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])/;
  function elapsed(text, minutes) {
    var clock = (text.match(/(?:^|[^\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/g) || [])
      .map(c => c.match(/(\d+):(\d+)/)).map(c => 60 * +c[1] + +c[2]);
    if (clock.length >= 2) return (clock[clock.length - 1] - clock[0] + 1440) % 1440 || null;
    if (minutes !== null && /\b(?:for|since|past|been|going on|open)\s+(?:(?:about|almost|nearly|over|the last|an?)\s+)?\d/i.test(spoken(text))) return minutes;
    // … or a span followed by what says it has gone by ("80 h since the alert", "at 2h10m and counting", "3 hours in
    // and still down", "40 min ago")
    var past = new RegExp("\\d\\s*(?:" + UNITS + ")\\s+(?:since|ago|and counting|so far|in and|elapsed|running)\\b");
    if (minutes !== null && past.test(spoken(text))) return minutes;
    return null;
  }

  // lunr's own syntax, typed on purpose: a quote, a wildcard, a typo or boost mark, a field of the theme's index
  // ("title:x"; "refused:true" is JSON), or a word of three letters or more that must be in (+x) or out (-x);
  // "2+ hours", "error: 500", a flag ("--prod", "uniq -c", "ls -la") or an arrow ("->") are words,
  // and so is a tilde before a number ("fix in ~90 min" is about 90): lunr's typo mark follows its word ("word~1")
  // (a star after a slash or a dot is a path's or a metric's glob, "/api/*", "ai.*.error": no wildcard of lunr's)
  var LUNR = /["^]|(?<![\/.])\*|[a-z0-9]~|\b(?:title|text|tags):[a-z]|(^|\s)[+-][a-z][a-z0-9]{2,}/i;

  var answers = []; // the answers the last query names, strongest first (a command's places as one list)
  var measured = null; // the level a reading typed with its unit names ("under 5% of users"): no hub to yield
  var conceptsNamed = []; // the concepts the last query names
  var kept = []; // the typed words of the last query, bar stop words (and the words its typos stood for)
  var typedWords = [], freeWords = []; // the typed words of the last query, bar stop words, as typed; those no
  // concept took
  var held = {}; // the typed words each place holds as its tools (the index may not: it splits "ClinicalNote")

  function rewrite(query) {
    answers = []; // nothing left from the query before
    held = {};
    conceptsNamed = [];
    kept = [];
    typedWords = freeWords = [];
    measured = null;
    if (LUNR.test(query)) return query;
    query = equated(query);
    var typed = tokens(query);
    kept = typed.filter(w => !stop[w]);
    if (!kept.length) return query;
    var out = [];
    var done = /[\s,.;:!?)]$/.test(query) ? kept.length : kept.length - 1; // the words typed to their end
    kept.forEach((w, k) => {
      // a number goes as a prefix only, as the theme sent it: the theme's worker fails on "1^4"
      if (/^\d+$/.test(w)) { out.push(w + "*"); return; }
      // a prefix while the word is typed; a word typed to its end is itself, as lunr stems it (not "run*", which
      // matches every "RUN021" of the checker's rules)
      out.push.apply(out, k < done ? [w + "^" + EXACT] : [w + "^" + EXACT, w + "*"]);
      if (w.length >= FUZZY_MIN && /^[a-z]+$/.test(w)) out.push(w + "~1");
    });
    var added = {};
    function add(words, boost) {
      words.forEach(w => {
        if (!stop[w] && !added[w]) { added[w] = true; out.push("title:" + w + "^" + boost); }
      });
    }
    function answer(find) { // its heading words make the index find it; a page's weigh little, so that
      // its own entry does not outrank the section the typed words found on it. A table row has no entry: its
      // page's name finds the page it is shown on
      add(heading(find), find.indexOf("#") >= 0 ? ADDED : FOUND);
      if (rows.some(r => r.find === find)) add(heading(find.split("#")[0]), FOUND);
      if (answers.indexOf(find) < 0) answers.push(find);
    }
    var norm = normal(typed).concat(requested(query));
    // a time past a bound ("taking over 1000 ms", "more than 2 seconds") is slowness
    if (/(?:over|above|more than|longer than|>)\s*\d+(?:\.\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?)\b/i.test(query)) norm.push("slow");
    var said = named(norm), cover = said.cover;
    var spelled = Object.assign({}, cover); // the concepts named by their own words, before a level by its others
    var lvNamed = levelNamed(norm, said);
    // … or by its name typed in capitals, as the data writes it ("acked the HIGH after 14 min": SEV-2)
    levels.forEach(lv => {
      if (!lvNamed && concepts[lv.id] && new RegExp("(?:^|[^A-Za-z])" + lv.name.toUpperCase().replace(/[^A-Z ]/g, "\\$&") + "(?![A-Za-z])").test(query)) lvNamed = { id: lv.id, score: 2 };
    });
    if (lvNamed) cover[lvNamed.id] = (cover[lvNamed.id] || 0) + lvNamed.score;
    said.fixes.forEach(w => { if (out.indexOf(w + "*") < 0) out.push(w + "^" + EXACT, w + "*"); });
    typedWords = kept.slice();
    freeWords = norm.filter((t, k) => !stop[t] && !said.by[k]);
    kept = kept.concat(said.fixes); // a command's place holds the word a typo stood for ("rollbak")
    // (two clock times beside the post-mortem or its write-up are rows of its timeline, "alert fired 10:00, acked
    // 10:05": a record, no clock of a level to match)
    var recorded = template[0] && Object.keys(cover).some(id => concepts[id].find === template[0]);
    var minutes = duration(query), gone = recorded && CLOCKS.test(query) ? null : elapsed(query, minutes);
    if (minutes === null) minutes = gone;
    // [concept, minutes, answer]: "5 minute ack", the level whose ack time it is; a time two levels share ("updates
    // every 2 hours": SEV-2 and SEV-3) tells no level apart, and leaves the concept's own answer first
    var timed = (hints.durations || []).filter(d => cover[d[0]] && d[1] === minutes).map(d => d[2]);
    // else a time a level question gives that is one level's clock alone ("24 hour fix deadline, what severity")
    if (!timed.length && Object.keys(cover).some(id => concepts[id].asks === "level")) {
      timed = (hints.clocks || []).filter(c => c[0] === minutes).map(c => c[1]);
    }
    // else a deadline or cadence typed that is one answer's time alone in the data ("ai off within 120 seconds": the
    // disable-AI procedure's target; "post every half hour": the SEV-1 updates, step 5), bar a time gone by and a
    // time beside a concept whose clock it is ("not answering in 15 minutes" is the escalation's, not a level's)
    var clocked = (hints.durations || []).some(d => cover[d[0]]);
    var q = gone === null && !clocked && quantity(query);
    if (!timed.length && q) {
      timed = (hints.quantities || []).filter(v => v[0] === q.minutes && v[1] === q.kind).map(v => v[2]);
    }
    // … unless the query names whose clock it is, and no level: a role answered on the clock's own page ("primary
    // must respond inside 15 min": the primary's duty, where the respond clock is kept; "secondary must ack within 15
    // minutes": the escalation rule that brings them in), then the level
    var asksLevel = levels.some(l => cover[l.id]) || Object.keys(cover).some(id => concepts[id].asks === "level") ||
      norm.some(t => Object.keys(near).some(n => same(t, n)));
    var whose = [];
    (hints.durations || []).filter(d => cover[d[0]] && d[1] === minutes && concepts[d[0]].find).forEach(d => {
      var page = concepts[d[0]].find.split("#")[0];
      Object.keys(cover).forEach(id => {
        var f = concepts[id].find;
        if (!asksLevel && id !== d[0] && f && f.split("#")[0] === page) whose.push(f.indexOf("#") >= 0 ? f : concepts[d[0]].find);
      });
    });
    if (timed.length && timed.every(f => f === timed[0])) {
      whose.forEach(answer);
      add(heading(timed[0]), ADDED);
      if (answers.indexOf(timed[0]) < 0) answers.push(timed[0]);
    }
    // a question for where to write a part of the template: the template, before a command or a bet its other
    // words name ("after the db restore, where do I note data lost")
    if (wherePut(norm, said)) answer(template[0]);
    var ranked = [], order = Object.keys(concepts); // answers ranked as concepts are: rank, hub last, then k
    var r = row(norm, said), staff = !r && gone === null && owning(norm, said);
    if (r) ranked.push({ find: r.find, rank: r.rank, hub: 0, k: -3000 });
    if (staff) ranked.push({ find: staff, rank: 0, hub: 0, k: -3000 });
    // a person asked for after a time gone by ("open since 01:00, now 03:20, who do I wake"), no row named: the
    // escalation rule, which says who comes in by how long an incident has gone on
    // … or after a time it has lasted ("outage at 150 min, page the cto?"; no deadline, no cadence) past one at which
    // that rule brings someone in: the rule, before the row of the person named (it says when they come in)
    var lasting = minutes !== null && !quantity(query) && (hints.durations || []).some(d => d[2] === brought[0] && minutes > d[1]);
    if ((!r && gone !== null || lasting) && Object.keys(cover).some(id => concepts[id].asks === "person")) {
      ranked.push({ find: brought[0], rank: 0, hub: 0, k: -3001 });
    }
    // someone the escalation rule does not bring in, the matrix does ("when do we bring in legal"): the matrix
    var esc = order.filter(id => cover[id] && concepts[id].find === brought[0]).map(id => concepts[id].rank);
    if (esc.length && rows.some(w => brought.indexOf(w.find) > 1 && w.key.length && w.key.every(k => typedAny(norm, k)))) {
      ranked.push({ find: brought[1], rank: Math.min.apply(null, esc), hub: 0, k: -3000 });
    }
    var chat = chatted(query), cmd = commands(norm, said, minutes, query);
    if (chat.length > 1) answers.push(chat);
    else if (chat.length) answer(chat[0]);
    if (cmd.strong.length) answers.push(cmd.strong);
    // a symptom-shaped query (a signal said to change or to be down: "signin failures graph went vertical", "does
    // charting work if openai is down") wants the runbook whose symptom it is before a page that mentions the signal
    // (a dashboard panel, a bet of the dashboard and the system): that bet ranks as the page's kind does, a hub
    // … unless it asks which or where ("ai slow, which dashboard panel"): a place is what it asks for
    var symptom = (hints.symptoms || []).some(id => cover[id]) && !norm.some(t => t === "which" || t === "where");
    var mentions = set(hints.mentions), late = [];
    (hints.bets || []).map((bet, k) => ({ find: bet[0], when: bet.slice(1), k: k })) // [answer, concept…]
      .filter(b => b.when.every(c => cover[c]))
      .sort((a, b) => b.when.length - a.when.length || a.k - b.k)
      .forEach(b => {
        if (symptom && mentions[b.find]) late.push(b);
        else answer(b.find);
      });
    // a number next to a signal: the runbook whose symptom the signal is, and the level, each ranked as the
    // concept whose answer it is (a system, a level named: "sev 2"), ahead of the concepts of that rank
    // (a number with its unit typed, "under 5% of users", is the most specific thing a query says: first, bar
    // the runbook of a system it names, "95% of reads failing")
    // (a system the signal's own words name, "db queries over 600ms", or words that read as them, "sql at 0.9s", is
    // that signal's, not its runbook's)
    var graded = hints.graded || {}, lv = level(typed, norm, query);
    var system = order.some(id => cover[id] && graded[concepts[id].find] && norm.some((t, k) => (said.by[k] || []).indexOf(id) >= 0 &&
      !(lv && lv.words.some(w => same(t, w) || ((hints.reads || {})[w] || []).some(p => same(t, p))))));
    var exact = lv && lv.unit && !system ? 0 : 9;
    if (!exact) measured = lv.level[4];
    if (lv && lv.runbook) ranked.push({ find: lv.runbook, rank: Math.min(exact, rankOf(lv.runbook)), hub: 0, k: -2000 });
    // … and a level question ("85% errors, what sev") puts the level that reading names before the runbook
    var levelAsked = Object.keys(cover).some(id => concepts[id].asks === "level");
    if (lv) ranked.push({ find: lv.level[4], rank: Math.min(exact, rankOf(lv.level[4])), hub: levelAsked ? -1 : 1, k: -2000 });
    // a level named (by its own words) beside two word pairs of what declaring does at each level ("page the engineering manager for
    // a sev2"): the declaring step that says it (search_levels.declared), ahead of the level
    var decl = hints.declared || [], lvIds = levels.map(l => l.id).filter(id => spelled[id]);
    if (decl.length && lvIds.length) {
      var content = norm.filter(t => !stop[t]), said2 = {};
      content.forEach((t, k) => { decl.slice(1).forEach(p => {
        var w = p.split(" ");
        if (k + 1 < content.length && close(t, w[0]) && close(content[k + 1], w[1])) said2[p] = true;
      }); });
      if (Object.keys(said2).length >= 2) {
        ranked.push({ find: decl[0], rank: Math.min.apply(null, lvIds.map(id => concepts[id].rank)), hub: 0, k: -2500 });
      }
    }
    // a level question naming a system ("what severity is an AI outage"; two levels named are a choice asked for, "is
    // the AI being down a sev-1 or a sev-2"): the level its runbook is filed at
    var asker = order.filter(id => cover[id] && concepts[id].asks === "level").map(id => concepts[id].rank);
    if (lvIds.length > 1) asker.push(concepts[lvIds[0]].rank);
    // … a level said to be the wrong call ("was sev 1 overkill") is in doubt: the system's level answers, and the
    // named level comes after the rest (rechecks: says recheck)
    var recheck = Object.keys(cover).some(id => rechecks[id]);
    // … unless it names a level by its name ("would a login outage qualify as sev1"): that level, the one asked about
    order.filter(id => asker.length && cover[id] && graded[concepts[id].find]).forEach(id => {
      var asked = lvIds.length === 1 && !recheck ? concepts[lvIds[0]].find : graded[concepts[id].find];
      ranked.push({ find: asked, rank: concepts[id].rank, hub: 0, k: -2500 });
    });
    // a question for a row that names none asks about the other thing it names: beside a system ("can't reach
    // the database") a contact or an owner question, beside any answer of its own that is no hub ("on-call
    // responsibilities": the primary's duties) an owner question; its words ("reach", "responsibility") were no
    // question for a person, and come after that answer
    // … unless it names a row of another table by words no concept takes ("backend team primary owns what"): that
    // row is what it asks about
    var subject = rows.some(w => w.key.length && w.key.every(x => norm.some((t, k) => same(t, x) && !said.by[k] && !stop[t])));
    var systems = order.filter(id => cover[id] && graded[concepts[id].find]).map(id => concepts[id].rank);
    var others = order.filter(id => cover[id] && concepts[id].find && !concepts[id].hub && !concepts[id].asks).map(id => concepts[id].rank);
    var label = framed(query, norm, said);
    order.filter(id => cover[id] && concepts[id].find).forEach(id => {
      var c = concepts[id], to = c.asks === "owner" ? others.concat(systems) : c.asks === "contact" ? systems : [];
      var yields = !r && !subject && to.length;
      ranked.push({ find: c.find, rank: label[id] || (recheck && levelIds[id]) ? 10 : yields ? Math.max(c.rank, Math.min.apply(null, to) + 0.5) : c.rank,
        hub: c.hub ? 1 : 0, n: cover[id], k: order.indexOf(id), num: said.worded[id] ? 0 : 1 });
    });
    // a task named by two words of its title ("validation errors": a saved query) comes after the runbook of a
    // symptom-shaped query ("validation errors started after the deploy"): the runbook holds the task among its steps
    var task = symptom && systems.length ? Math.max(hints.command_rank, Math.min.apply(null, systems) + 0.5) : hints.command_rank;
    cmd.weak.forEach((find, k) => { ranked.push({ find: find, rank: task, hub: 0, k: k - cmd.weak.length }); });
    late.forEach(b => { ranked.push({ find: b.find, rank: Math.max.apply(null, b.when.map(c => concepts[c].rank)), hub: 1, k: b.k - 1000 }); });
    // of one rank, a hub (or a mention) last; a concept only a number names (a status code: "upstream 503 from
    // openai") after one a word names; of those, the concept the query says most of ("monitoring gap … metric" is
    // the gap, not the dashboard); answers in the data's order
    ranked.sort((a, b) => a.rank - b.rank || a.hub - b.hub || (a.num || 0) - (b.num || 0) ||
      a.hub * ((b.n ?? 99) - (a.n ?? 99)) || a.k - b.k);
    ranked.forEach(a => { answer(a.find); });
    conceptsNamed = Object.keys(cover);
    return out.join(" ");
  }
  window.pbSearchQuery = rewrite;
  function shown(a) { return Array.isArray(a) ? a.join("|") : a; } // a command's places: one of them, "a|b"
  window.pbSearchAnswers = query => { rewrite(query); return answers.map(shown); };
  window.pbSearchConcepts = query => { rewrite(query); return conceptsNamed.slice(); };
  window.pbSearchNormal = text => normal(tokens(text));
  window.pbSearchTokens = text => tokens(text);
  window.pbSearchTime = text => ({ minutes: duration(text), typed: quantity(text) });

  /* A command's places: of those that hold two typed words or more (the tool and another, its tools counted as
     held), one on the page a concept the query names answers with ("sqlite3 SELECT 1 hangs": the database's
     runbook; "vercel logs": the logs', not the rollback's), then the one that holds the most, then the one the
     index scores best. */
  function place(items, finds) {
    var best = null, pages = conceptsNamed.map(id => (concepts[id].find || "").split("#")[0]);
    items.forEach(group => {
      group.forEach(doc => {
        if (finds.indexOf(doc.location) < 0) return;
        // a word is held in any form of it (the theme's terms are typed prefixes: "logs" is no prefix of "log")
        var words = docWords(doc);
        var n = kept.filter(w => (doc.terms && doc.terms[w]) || words.some(t => same(w, t))).concat(held[doc.location] || [])
          .filter((w, i, all) => all.indexOf(w) === i).length;
        var mine = pages.indexOf(doc.location.split("#")[0]) >= 0 ? 1 : 0;
        if (n > 1 && (!best || mine > best.mine || (mine === best.mine && (n > best.n || (n === best.n && doc.score > best.score))))) {
          best = { find: doc.location, n: n, mine: mine, score: doc.score };
        }
      });
    });
    return best && best.find;
  }

  /* The answers a query names come first in the result list, when the index found them: their page's
     group moves to the top, and the answer's section to the head of its group with the group's best
     score (the theme shows a group's sections that score as high as its first). A table row (a contact, a
     matrix row) has no entry of its own: it is shown as a section of its page, by the title the hints give. */
  /* The specific answer above the hub: a hub section first (a level, the matrix, the escalation rule) that does not
     hold every word typed that no concept took yields to the best section, on a page the query's concepts answer
     with, that holds every word typed ("escalate to specialists": the primary's duty, not the escalation rule); a level a reading typed with its
     unit names is the most specific answer a query has ("under 5% of users impacted": SEV-3, not the post-mortem). */
  var hubs = set(Object.keys(concepts).filter(id => concepts[id].hub).map(id => concepts[id].find));
  function docWords(doc) {
    return normal(((doc.title || "") + " " + (doc.text || "")).replace(/<[^>]*>/g, " ").toLowerCase().match(WORD) || []);
  }
  function holdsAll(doc, list) { var ws = docWords(doc); return list.every(w => ws.some(t => close(w, t))); }
  function specific(items, first) {
    if (!first || !hubs[first] || first === measured || typedWords.length < 2 || !freeWords.length) return null;
    var docs = [].concat.apply([], items); // a page answer is its sections too; it says its concepts' words
    if (docs.some(d => (d.location === first || d.location.split("#")[0] === first) && holdsAll(d, freeWords))) return null;
    // … on a page the query's concepts answer with ("escalate to specialists": the escalation rule's own page); a
    // page only another concept answers with holds the typed words by chance ("escalation order" on the router's)
    var named = set(conceptsNamed.map(id => (concepts[id].find || "").split("#")[0]).filter(Boolean));
    var better = docs.filter(d => !hubs[d.location] && named[d.location.split("#")[0]] && holdsAll(d, typedWords));
    better.sort((a, b) => b.score - a.score);
    return better.length ? better[0].location : null;
  }

  function promote(items) {
    if (!Array.isArray(items)) return items;
    var out = items.slice();
    var wanted = answers.map(a => Array.isArray(a) ? place(items, a) : a).filter(Boolean);
    var above = specific(items, wanted[0]);
    if (above) wanted.unshift(above);
    wanted.reverse().forEach(want => {
      var page = want.split("#")[0];
      var g = out.findIndex(group => group.length && group[0].location.split("#")[0] === page);
      if (g < 0) return;
      var group = out.splice(g, 1)[0].slice();
      if (want.indexOf("#") >= 0) {
        var s = group.findIndex(doc => doc.location === want);
        var best = Math.max.apply(null, group.map(doc => doc.score));
        var row = rows.find(r => r.find === want);
        if (s >= 0) group.unshift(Object.assign({}, group.splice(s, 1)[0], { score: best }));
        else if (row) group.unshift({ location: want, title: row.title, text: "", score: best, terms: {} });
      }
      out.unshift(group);
    });
    return out;
  }

  var W = window.Worker; // on file:// the offline shim's IFrameWorker, which the theme uses there
  if (!W || !W.prototype || !window.pbSearchHints) return;
  // The query the list on screen answers: the theme posts the box's value on each key and the worker answers in
  // order, so a result answers the oldest query still unanswered. A list shown after the last key may still be a
  // prefix's (the worker is slow under load): tests/browser wait for window.pbSearchAnswered to be the query typed.
  var asked = [], seen = null;
  window.pbSearchAnswered = null;
  var listen = W.prototype.addEventListener;
  W.prototype.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") return listen.apply(this, arguments);
    return listen.call(this, type, function (event) {
      var m = event && event.data;
      if (m && m.type === RESULT && m !== seen) { // one message, however many listeners it reaches
        seen = m;
        window.pbSearchAnswered = asked.length ? asked.shift() : null;
      }
      if (!m || m.type !== RESULT || !m.data || !answers.length) return listener.call(this, event);
      var data = Object.assign({}, m.data, { items: promote(m.data.items) });
      return listener.call(this, { data: Object.assign({}, m, { data: data }), target: event.target });
    }, options);
  };
  var post = W.prototype.postMessage;
  W.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      asked.push(message.data);
      args[0] = Object.assign({}, message, { data: rewrite(message.data) });
    }
    return post.apply(this, args);
  };
})();

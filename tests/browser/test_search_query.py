"""The query the page sends to the theme's search worker: stop words dropped, each word stemmed by lunr
(no wildcard), a prefix while typing, typos of long words tolerated, and the answers the data names
(best bets, severity ladder, durations) added; over http and file://."""

from __future__ import annotations

import pytest

from browser.search_eval import site_path
from playbook.adapters.mkdocs.search import stop_words
from playbook.data.ladder import interval
from playbook_dev.browser import RequestGuard, search

QUERY = "find errors in logs"


def _without_stop_words(query: str) -> str:
    return " ".join(w for w in query.split() if w.lower() not in stop_words())


def _terms(sent: str) -> list[str]:
    """The words of the clauses sent, without field, boost, wildcard or edit distance."""
    return [c.split(":")[-1].split("^")[0].rstrip("*").split("~")[0] for c in sent.split()]


@pytest.mark.parametrize("typed", [QUERY, "Who do I page", "logs in, please", "what to tell users when ai is down"])
def test_the_query_sent_to_the_worker_has_no_stop_words(base_url, page, typed):
    page.goto(base_url + "index.html")
    sent = page.evaluate("q => pbSearchQuery(q)", typed)
    assert not set(_terms(sent)) & set(stop_words()), sent


@pytest.mark.parametrize("typed", ["who is on", '"log in" page', "errors in* logs", "title:escalation", "+auth -logs"])
def test_stop_words_only_or_lunr_syntax_is_sent_as_typed(base_url, page, typed):
    page.goto(base_url + "index.html")
    assert page.evaluate("q => pbSearchQuery(q)", typed) == typed


@pytest.mark.parametrize("typed", ["sort | uniq -c on the ips", "ls -la the db file", "ai returns refused:true"])
def test_a_commands_flag_or_a_colon_inside_a_word_is_no_lunr_syntax(base_url, page, typed):
    """ "-c" and "-la" are a command's flags, not lunr's "must not contain"; "refused:true" is a JSON field, not a field
    of the index (title, text, tags): the query is rewritten, and its words name their runbook."""
    page.goto(base_url + "index.html")
    assert page.evaluate("q => pbSearchQuery(q)", typed) != typed
    assert page.evaluate("q => pbSearchAnswers(q)", typed), typed


def test_each_word_goes_stemmed_as_a_prefix_and_with_typos_when_long(base_url, page):
    page.goto(base_url + "index.html")
    sent = page.evaluate("q => pbSearchQuery(q)", "logs 503 escalation").split()
    # no wildcard: lunr's pipeline stems it as it stemmed the index; weighs more than a typo
    assert "escalation^4" in sent and "escalation*" in sent and "escalation~1" in sent
    assert "logs~1" not in sent, "no typo tolerance under 5 letters"
    assert "503*" in sent and "503^4" not in sent


def test_only_the_word_being_typed_goes_as_a_prefix(base_url, page):
    """A word typed to its end (a word follows it, or a space or a stop) is itself: "run*" matched every rule id
    RUN001-RUN021 of the checker's page and put it above the drills for "run a drill"; the last word may still be
    half typed, so it goes as a prefix too, unless a space or a stop ends the query."""
    page.goto(base_url + "index.html")
    sent = page.evaluate("q => pbSearchQuery(q)", "escalation logs").split()
    assert "escalation^4" in sent and "escalation*" not in sent and "escalation~1" in sent
    assert "logs^4" in sent and "logs*" in sent
    ended = page.evaluate("q => pbSearchQuery(q)", "escalation logs ").split()
    assert "logs^4" in ended and "logs*" not in ended
    hits = search(page, "run a drill")
    assert hits and site_path(hits[0].page, base_url)[0] == "drills.html"


def test_a_typo_in_a_long_word_still_finds_the_runbook(base_url, page):
    page.goto(base_url + "index.html")
    hits = search(page, "databse corupted")
    assert hits and site_path(hits[0].page, base_url)[0] == "scenarios/database-down.html"


def test_an_exact_word_outranks_a_typo(base_url, page):
    """ "restart" is a word of the database runbook; "restert" reaches it only by edit distance."""
    page.goto(base_url + "index.html")
    exact = search(page, "restart")
    typo = search(page, "restert")
    assert exact and typo
    assert site_path(exact[0].page, base_url)[0] == site_path(typo[0].page, base_url)[0]
    first = page.evaluate("q => pbSearchQuery(q)", "restert").split()
    assert "restert~1" in first and all("^" not in c for c in first if c.endswith("~1"))


def test_a_number_and_a_signal_name_the_level_it_falls_in(catalog, base_url, page):
    """Every numeric condition of the ladder, asked with a value inside its range, names its level."""
    page.goto(base_url + "index.html")
    signals = {s.id: s for s in catalog.severities.signals}
    wrong = []
    for lv in catalog.severities.levels:
        for cond in lv.conditions:
            sig = signals[cond.signal]
            if sig.unit == "bool":
                continue
            iv = interval(cond)
            value = iv.low + 1 if iv.high == float("inf") else (iv.low + iv.high) / 2
            unit = {"%": " percent", "ms": "ms", "x": "x", "min": " minutes"}[sig.unit]
            query = f"{sig.name} {value:g}{unit}"
            got = page.evaluate("q => pbSearchAnswers(q)", query)
            got = [a for a in got if not a.startswith("scenarios/")]  # a runbook whose symptom it is, first
            if not got or got[0] != f"severities.html#{lv.id.lower()}":
                wrong.append(f"{query!r} -> {got}")
    assert wrong == []


def test_a_runbooks_own_signal_names_the_runbook_then_the_level(base_url, page):
    page.goto(base_url + "index.html")
    got = page.evaluate("q => pbSearchAnswers(q)", "ai errors 90%")
    assert got[:2] == ["scenarios/ai-service-down.html", "severities.html#sev-2"]
    assert page.evaluate("q => pbSearchAnswers(q)", "error rate 90%")[0] == "severities.html#sev-1"


def test_the_answer_a_term_names_comes_first(base_url, page):
    page.goto(base_url + "index.html")
    hits = search(page, "error rate 30 percent")
    assert hits and site_path(hits[0].page, base_url)[0] == "severities.html"
    assert site_path(hits[0].sections[0], base_url)[1] == "sev-2"


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_stop_word_changes_no_result(where, site, base_url, chromium):
    assert _without_stop_words(QUERY) != QUERY
    guard = RequestGuard(allow_file=where == "file")
    ctx = chromium.new_context()
    guard.attach(ctx)
    page = ctx.new_page()
    base = base_url if where == "http" else site.as_uri() + "/"
    page.goto(base + "index.html")

    def results(query):
        return [(site_path(h.page, base)[0], [site_path(s, base)[1] for s in h.sections]) for h in search(page, query)]

    typed, plain = results(QUERY), results(_without_stop_words(QUERY))
    answer = results("error rate 30 percent")
    ctx.close()
    assert typed, "the query finds something"
    assert typed == plain
    assert answer and answer[0] == ("severities.html", answer[0][1]) and answer[0][1][0] == "sev-2", (
        "promotion works here too"
    )
    assert guard.blocked == []


def test_no_result_claims_a_typed_word_is_missing(base_url, page):
    """The theme lists query terms a result lacks; the rewritten query's variants must not show there."""
    page.goto(base_url + "index.html")
    hits = search(page, "login failures")
    assert hits, "no result"
    shown = page.locator(".md-search-result__terms").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.textContent)"
    )
    assert shown == []


def _first_words(hints: dict, concept: str) -> str:
    """The first single word (else the first phrase) the data gives for a concept."""
    phrases = hints["concepts"][concept][4:]  # [rank, answer, asks, hub, phrase…], each phrase one string
    return next((p for p in phrases if " " not in p), phrases[0])


def test_every_best_bet_is_met_by_its_concepts_words(base_url, page):
    """For each bet of the data, a query of one word per concept it names puts its answer among the
    answers, after none that names fewer concepts."""
    page.goto(base_url + "index.html")
    hints = page.evaluate("pbSearchHints")
    wrong = []
    bets = [{"find": b[0], "when": b[1:]} for b in hints["bets"]]  # shipped as [answer, concept…]
    for bet in bets:
        query = " ".join(_first_words(hints, c) for c in bet["when"])
        got = page.evaluate("q => pbSearchAnswers(q)", query)
        named = set(page.evaluate("q => pbSearchConcepts(q)", query))
        if not set(bet["when"]) <= named or bet["find"] not in got:
            wrong.append(f"{query!r}: concepts {sorted(named)}, answers {got}, want {bet['find']}")
            continue
        met = [b for b in bets if set(b["when"]) <= named]
        first = next((b for b in met if b["find"] == got[0]), None)
        if first is None or len(first["when"]) < len(bet["when"]):
            wrong.append(f"{query!r}: {got[0]} before {bet['find']}")
    assert wrong == []


@pytest.mark.parametrize(
    ("typed", "concepts"),
    [
        ("nobody can log in", {"auth"}),  # "log in" is signing in, not the logs
        ("incident write-up", {"writeup"}),  # "write up" is the write-up, not the app's writes
        ("dashbord", {"dashboard"}),  # one typo in a long word
        ("latancy", {"latency"}),
        ("rate limit not working", {"rate-limit"}),  # "working" is a word of its own, not a typo of "wording"
        ("kill switch for the llm", {"ai", "ai-off"}),
        ("monitered", {"dashboard"}),  # one typo in a concept word with an ending ("monitored")
        ("genAI", {"ai"}),  # camel case, no word of the data: its parts
        ("OpenAI", {"ai"}),  # camel case that is a word of the data: itself
        ("note generator", {"ai"}),  # another noun of the verb of "note generation"
        ("under way", set()),  # no typo of "undo" with an ending: "undo" is under 5 letters
        ("calls taking more than 2 seconds", {"slow"}),  # a time past a bound is slowness
    ],
)
def test_the_concepts_a_query_names(base_url, page, typed, concepts):
    page.goto(base_url + "index.html")
    assert set(page.evaluate("q => pbSearchConcepts(q)", typed)) == concepts


def test_a_typo_sends_the_word_it_stood_for(base_url, page):
    page.goto(base_url + "index.html")
    sent = page.evaluate("q => pbSearchQuery(q)", "latancy").split()
    assert "latency^4" in sent and "latancy~1" in sent


def test_a_duration_beside_a_concept_names_its_level(base_url, page):
    """Every time the data gives ("ack: 5m", "after: 2h"), typed in minutes beside its concept's word, puts the
    level (or rule) whose time it is first; a time two levels share tells no level apart, and leaves the concept's
    own answer first."""
    page.goto(base_url + "index.html")
    hints = page.evaluate("pbSearchHints")
    wrong = []
    for when, minutes, _ in hints["durations"]:  # [concept, minutes, answer]
        query = f"{_first_words(hints, when)} {minutes:g} minutes"
        got = page.evaluate("q => pbSearchAnswers(q)", query)
        same = {x[2] for x in hints["durations"] if x[0] == when and x[1] == minutes}
        want = same.pop() if len(same) == 1 else hints["concepts"][when][1]  # [rank, answer, …]
        if got[:1] != [want]:
            wrong.append(f"{query!r} -> {got}, want {want} first")
    assert hints["durations"] and wrong == []
    assert page.evaluate("q => pbSearchAnswers(q)", "5 minute ack deadline")[0] == "severities.html#sev-1"
    # a clock whose concept's own answer gives it per level (step 5 of declaring: "every 30 minutes (SEV-1)")
    # names no level: that answer first, the time with the level it belongs to in it
    updates = hints["concepts"]["updates"][1]
    assert not [d for d in hints["durations"] if d[0] == "updates"]
    assert page.evaluate("q => pbSearchAnswers(q)", "update every 30 minutes")[:1] == [updates]


@pytest.mark.parametrize("typed", ["who is on", "constructor", "toString"])
def test_a_query_keeps_nothing_from_the_one_before(base_url, page, typed):
    """Stop words only, or a word that names a property of every JavaScript object: no answer, none left."""
    page.goto(base_url + "index.html")
    assert page.evaluate("q => pbSearchAnswers(q)", "kill switch for the llm")
    assert page.evaluate("q => pbSearchAnswers(q)", typed) == []
    assert page.evaluate("q => pbSearchConcepts(q)", typed) == []


@pytest.mark.parametrize("typed", ["incident still open after 2+ hours", "error: 500 on save"])
def test_a_plus_or_a_colon_in_words_is_no_lunr_syntax(base_url, page, typed):
    page.goto(base_url + "index.html")
    assert page.evaluate("q => pbSearchQuery(q)", typed) != typed
    assert page.evaluate("q => pbSearchAnswers(q)", typed)


def test_a_pasted_query_ranks_as_a_typed_one(base_url, page):
    """The gate pastes its queries (search(typed=False)); typed letter by letter they rank the same."""
    page.goto(base_url + "index.html")
    for query in ["login failures", "kill switch for the llm", "error rate 30 percent", "who owns database failures"]:
        typed = [(h.page, h.sections[:1]) for h in search(page, query)]
        pasted = [(h.page, h.sections[:1]) for h in search(page, query, typed=False)]
        assert typed and typed == pasted, query


@pytest.mark.parametrize(
    ("typed", "first"),
    [  # data/severities.yaml: users affected < 5% is SEV-3, >= 5% SEV-2; error rate > 50% SEV-1, 20-50% SEV-2
        ("5% of users affected", "severities.html#sev-2"),
        ("under 5% of users affected", "severities.html#sev-3"),
        ("<5 percent users affected", "severities.html#sev-3"),
        ("50% error rate", "severities.html#sev-2"),
        ("more than 50% error rate", "severities.html#sev-1"),
        ("retro for a 60% error rate", "severities.html#sev-1"),  # a number with its unit: first
        ("database errors at 60%", "scenarios/database-down.html"),  # bar the runbook of a system named
    ],
)
def test_a_bound_typed_before_a_number_moves_it_past_the_threshold(base_url, page, typed, first):
    page.goto(base_url + "index.html")
    assert page.evaluate("q => pbSearchAnswers(q)", typed)[:1] == [first]


def test_a_level_question_naming_a_system_finds_its_runbooks_level(catalog, base_url, page):
    """From the data: "what severity is <a runbook's title>" puts the level that runbook is filed at first."""
    page.goto(base_url + "index.html")
    wrong = []
    for sc in catalog.scenarios.values():
        got = page.evaluate("q => pbSearchAnswers(q)", f"what severity is {sc.title}")
        if got[:1] != [f"severities.html#{sc.severity.lower()}"]:
            wrong.append(f"{sc.title}: {got[:2]}")
    assert wrong == []

"""One lookup for every id the data names (LOAD005): each kind of reference, injected, is located with the choices."""

from __future__ import annotations

import pytest

from conftest import load_fails

S = "scenarios/"
# (file, text, replaced by, message, start of the hint)
CASES = [
    ("matrix.yaml", "primary: security-team,", "primary: security-squad,", "no role or team 'security-squad'", "cto,"),
    ("contacts.yaml", "lead: TBD, channel: backend-alerts", "lead: TBD, channel: backend", "no channel 'backend'", ""),
    ("contacts.yaml", "lead: security-lead,", "lead: security-boss,", "no role 'security-boss'", "cto,"),
    (S + "ai-service-down.yaml", "incident_type: ai-failures", "incident_type: ai-outage", "no incident type", ""),
    (S + "ai-service-down.yaml", "owner: ai-team", "owner: ai-squad", "no role or team 'ai-squad'", ""),
    (S + "ai-service-down.yaml", "endpoint: generate-note}", "endpoint: make-note}", "no endpoint 'make-note'", ""),
    ("severities.yaml", "signal: error_rate,", "signal: err_rate,", "no signal 'err_rate'", ""),
    ("catalog.yaml", "rate_limit: AUTH", "rate_limit: AUTHZ", "no rate limit 'AUTHZ'", ""),
    ("incident.yaml", "decision: D-missing-pages}", "decision: D-nope}", "no decision 'D-nope'", ""),
    ("incident.yaml", "chat: /incident create", "chat: /incident open", "no chat command '/incident open'", ""),
    ("routes.yaml", "type: ai-failures", "type: ai-outage", "no incident type 'ai-outage'", ""),
    ("oncall.yaml", "contact_channel: on-call", "contact_channel: oncall", "no channel 'oncall'", "on-call,"),
    # the channel a level posts its updates to, named by its action (the fuzz test found the ladder's page crashing
    # on a deleted channel the code named by id)
    ("severities.yaml", "channel: incidents}", "channel: incident}", "no channel 'incident'", "on-call,"),
    (S + "ai-service-down.yaml", "follow: [disable-ai]", "follow: [disable-it]", "no procedure 'disable-it'", ""),
    ("search.yaml", "- {when: [ai, ai-on]", "- {when: [ai, ai-back]", "no search concept 'ai-back'", "postmortem,"),
]


@pytest.mark.parametrize(("file", "old", "new", "says", "hint"), CASES, ids=[c[3] for c in CASES])
def test_unknown_id_is_located_with_the_choices(data_copy, file, old, new, says, hint):
    line, problems = load_fails(data_copy, file, old, new)
    found = [(p.file, p.line, p.rule) for p in problems]
    assert (f"data/{file}", line, "LOAD005") in found, [p.format() for p in problems]
    (p,) = [p for p in problems if p.line == line]
    assert says in p.message and p.hint.startswith("use one of " + hint), p.format()


def test_a_template_error_is_located_and_names_what_a_template_there_can_use(data_copy):
    old = "{{ ep.metrics }}"
    line, problems = load_fails(data_copy, S + "auth-failure-spike.yaml", old, "{{ ep.metrics | nofilter }}")
    (p,) = [p for p in problems if p.line == line]
    assert (p.rule, "template error") == ("LOAD005", p.message.split(":")[0]), p.format()
    names = p.hint.removeprefix("a template here can use: ").split(", ")
    assert {"ep", "limits", "condition", "cadence"} <= set(names), p.hint

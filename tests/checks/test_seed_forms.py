"""DEC008-DEC011, DEC014 and DEST032: a seed form a decision settled, brought back by one edit (a log query piped into
head: DEST032's, the
flag set in a shell, the database's files moved, jq reading nothing, an elided command, an undefined chat command),
is an error at the edited line; the forms the decisions chose, and near misses, pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.early_readers import early_readers
from playbook.checks.seed_forms import moved, unfed_jqs
from playbook.data.load import load_catalog
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"
AI = "scenarios/ai-service-down.yaml"
LOGS = "procedures/log-access.yaml"
DISABLE = "procedures/disable-ai.yaml"
ROLLBACK = "procedures/rollback.yaml"
WRITES = "scenarios/write-operations-failing.yaml"
IPS = """jq -r 'select(.message | contains("Auth failed")) | .context.ip' "$LOG_FILE" | sort | uniq -c | sort -rn"""
LIMITED = """jq -cn 'limit(20; inputs | select(.message | contains("Auth failed")))' "$LOG_FILE\""""
SET_FLAG = "printf 'false' | vercel env add {{ flag.name }} production"
KEEP = 'if [[ -e "$f" ]]; then cp -p -- "$f" "$keep/"; fi'
UNDO = "then copy every file of the newest `$DB_PATH.corrupt-*` folder back beside it (cp -p; the side files with it)."
REFUSED = "-d '{\"sessionId\":\"123\"}' | jq '.refused'"
CHAT = '/incident update "Write operations failing due to [reason]. Investigating fix."'

# (rule, file, old, new, the text of the line the finding must be on)
FAULTS = [
    # D-log-query-edges: the top IPs cut by head after the count (set 19 M38 piped the first matches)
    ("DEST032", AUTH, IPS, IPS + " | head -n 10", "sort -rn | head -n 10"),
    # a grep of the log into head, in a runbook's query
    ("DEST032", AUTH, LIMITED, """grep "Auth failed" "$LOG_FILE" | head -20""", '"$LOG_FILE" | head -20'),
    # D-env-flag: the flag given as an environment prefix of the redeploy (set 19 M39 exported it)
    ("DEC008", DISABLE, SET_FLAG, "{{ flag.name }}=false vercel deploy --prod", "{{ flag.name }}=false vercel"),
    # ... or declared exported
    ("DEC008", DISABLE, SET_FLAG, "declare -x {{ flag.name }}=false", "declare -x {{ flag.name }}=false"),
    # D-restore-writes: the corrupt file and its side files moved into the kept folder (a loop variable)
    ("DEC009", ROLLBACK, KEEP, KEEP.replace("cp -p", "mv"), 'then mv -- "$f" "$keep/"'),
    # ... the undo renaming the kept files back (set 19 M28 said "move ... (mv, ...)")
    ("DEC009", ROLLBACK, UNDO, "then rename the files of the newest `$DB_PATH.corrupt-*` folder back.", "then rename"),
    # D-jq-stdin: the curl's output no longer piped into jq
    ("DEC010", AI, REFUSED, REFUSED.replace(" | jq", "\n          jq -r"), "jq -r '.refused'"),
    # D-reenable-curl: a command cut short with an ellipsis
    (
        "DEC011",
        DISABLE,
        "vercel deploy --prod\n      - kind: shell",
        "vercel deploy …\n      - kind: shell",
        "deploy …",
    ),
    # D-incident-update: a runbook's chat command the catalog does not have
    ("DEC014", WRITES, CHAT, CHAT.replace("update", "status"), "/incident status"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[0] + "-" + f[4] for f in FAULTS])
def test_a_seed_form_is_found_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    assert [(p.rule, p.file, p.line) for p in found] == [(rule, f"data/{file}", line_of(data_copy / file, marker))]


NEAR_MISSES = [
    # the first matches taken by grep itself, or head on a command that is no log query
    ("DEST032", AUTH, LIMITED, """grep -m 20 "Auth failed" "$LOG_FILE\""""),
    # another variable of the shell, and the flag read, not set
    ("DEC008", DISABLE, SET_FLAG, 'previous=false; echo "$previous"'),
    ("DEC008", DISABLE, SET_FLAG, "vercel env ls production | grep {{ flag.name }}"),
    # a file the restore made moved onto the database, the backup moved nowhere near it; undo: saying copy
    ("DEC009", ROLLBACK, KEEP, KEEP + '\n            mv -- /tmp/restore.log "$keep/"'),
    ("DEC009", ROLLBACK, UNDO, "then copy (never move) every kept file back beside it."),
    # jq given a file, a here-string, a redirection, or -n
    ("DEC010", AI, REFUSED, REFUSED.replace(" | jq '.refused'", " > out.json\n          jq '.refused' out.json")),
    ("DEC010", AI, REFUSED, REFUSED.replace(" | jq '.refused'", " > out.json\n          jq '.refused' < out.json")),
    ("DEC010", AI, REFUSED, REFUSED + "\n          jq -n --arg x \"$BASE_URL\" '$x'"),
    # dots that are a path, or part of a word
    ("DEC011", DISABLE, "vercel deploy --prod\n      - kind: shell", "vercel deploy --prod ..\n      - kind: shell"),
    (
        "DEC011",
        DISABLE,
        "vercel deploy --prod\n      - kind: shell",
        "vercel deploy --prod 'v1...'\n      - kind: shell",
    ),
    ("DEC014", WRITES, CHAT, CHAT.replace("update", "resolve").replace("failing due to", "restored after")),
]


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES, ids=[f[0] for f in NEAR_MISSES])
def test_the_decided_forms_and_near_misses_pass(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), [rule])] == []


def test_the_real_data_passes(catalog):
    rules = ["DEST032", "DEC008", "DEC009", "DEC010", "DEC011", "DEC014"]
    assert [p.format() for p in check(catalog, rules)] == []


def test_the_parsers():
    headed = "jq . f | head\ngrep x f | sort | head -1\ngrep -c x f | head -1"
    assert [n.start_point[0] for n, _ in early_readers(headed)] == [0, 1]
    db = {"DB_PATH"}
    assert [s for _, s in moved('mv "$DB_PATH" /tmp/x\nmv -t /tmp "$DB_PATH-wal"', db)] == [
        '"$DB_PATH"',
        '"$DB_PATH-wal"',
    ]
    assert list(moved('r="$DB_PATH.restoring"\nmv -f -- "$r" "$DB_PATH"', db)) == []
    assert list(moved('k="$DB_PATH.corrupt-1"\nmv "$k" /tmp/', db)) != []
    fed = 'curl -s u | jq .\njq . <<< "$x"\njq -cn 1\njq --arg a b . f\nx=$(jq . f)\njq -f prog.jq f'
    assert list(unfed_jqs(fed)) == []
    assert [n.text.decode() for n in unfed_jqs("jq .\njq --arg a b '.x'\necho \"$(jq -r .id)\"")] == [
        "jq .",
        "jq --arg a b '.x'",
        "jq -r .id",
    ]

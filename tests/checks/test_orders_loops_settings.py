"""DEST014: a destructive block destroys after its last stop; DEST015: an add of a name comes after its remove;
DEST016: a while/until loop has a bound; DEST017: a setting SQL changes lastingly is in changes:; DEST018: an
illustration runs nothing not proven read-only. Each guided by an entry of the spent editor set 16."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI, DB, ROLLBACK = "procedures/disable-ai.yaml", "scenarios/database-down.yaml", "procedures/rollback.yaml"
AUTH, AI_DOWN = "scenarios/auth-failure-spike.yaml", "scenarios/ai-service-down.yaml"
RULES = ["DEST014", "DEST015", "DEST016", "DEST017", "DEST018"]
RM = 'rm -f -- "$DB_PATH-wal" "$DB_PATH-shm" "$DB_PATH-journal"'
RESTORE = 'sqlite3 "$restoring" ".restore \'$DB_BACKUP\'"'
CHECKED = 'if [[ "$check" != ok ]]; then echo "the restored copy failed its check: $check" >&2; exit 1; fi'
MV = 'mv -f -- "$restoring" "$DB_PATH"'
ADD = "printf 'false' | vercel env add {{ flag.name }} production"
REMOVE = "vercel env rm {{ flag.name }} production --yes"
SIGNIN = (
    'code=$(curl -s -o /dev/null -w "%{http_code}" -X POST "$BASE_URL{{ ep.signin }}" \\\n'
    "              -H \"Content-Type: application/json\" -d '{}')"
)
LOOP = "for i in {1..{{ limits.AUTH.requests * 2 }}}; do"
RESTART = "sudo systemctl restart postgresql"
SHOWN = "# Update status page\n"


def test_real_data_passes(catalog):
    assert check(catalog, RULES) == []


def _found(data_copy, file, needle, rule):
    found = check(load_catalog(data_copy), RULES)
    n = line_of(data_copy / file, needle)
    line = (data_copy / file).read_text(encoding="utf-8").splitlines()[n - 1]
    col = len(line) - len(line.lstrip()) + 1
    assert [(p.rule, p.file, p.line, p.col) for p in found] == [(rule, f"data/{file}", n, col)], [
        p.format() for p in found
    ]
    return found[0]


def _passes(data_copy):
    assert check(load_catalog(data_copy), RULES) == [], [p.format() for p in check(load_catalog(data_copy), RULES)]


# M30: the side files' rm moved above the restore and its check; the sibling: the swap itself above the check.
@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        (f"{RESTORE}\n", f"{RM}\n          {RESTORE}\n", RM),
        (f"{CHECKED}\n", f"{MV}\n          {CHECKED}\n", MV),
    ],
    ids=["rm", "mv"],
)
def test_dest014_destroys_before_its_check(data_copy, old, new, needle):
    if needle == RM:
        edit(data_copy / ROLLBACK, f"          {RM}\n", "")
    else:
        edit(data_copy / ROLLBACK, f"\n          {MV}", "")
    edit(data_copy / ROLLBACK, old, new)
    p = _found(data_copy, ROLLBACK, needle, "DEST014")
    assert "on_failure" in p.message


def test_dest014_near_miss_destroys_after_every_check(data_copy):
    """The rm moved below the mv (still after the last check), and an `exit 0` after it: no failure stop."""
    edit(data_copy / ROLLBACK, f"          {RM}\n          {MV}", f"          {MV}\n          {RM}\n          exit 0")
    _passes(data_copy)


# M31: add and rm swapped in Disable AI; the sibling in Re-enable AI.
@pytest.mark.parametrize(("value", "indent"), [("false", 14), ("true", 10)])
def test_dest015_add_before_remove(data_copy, value, indent):
    add, pad = ADD.replace("false", value), " " * indent
    edit(data_copy / AI, f"{REMOVE}\n{pad}{add}\n", f"{add}\n{pad}{REMOVE}\n")
    found = check(load_catalog(data_copy), RULES)
    line = (data_copy / AI).read_text(encoding="utf-8").splitlines()[line_of(data_copy / AI, add) - 1]
    want = [("DEST015", f"data/{AI}", line_of(data_copy / AI, add), line.index("vercel env add") + 1)]
    assert [(p.rule, p.file, p.line, p.col) for p in found] == want, [p.format() for p in found]
    assert "left removed" in found[0].message


def test_dest015_near_miss_other_name(data_copy):
    """An add, then a remove of another name: nothing the add set is taken away."""
    edit(data_copy / AI, ADD, f"{ADD}\n              vercel env rm OLD_FLAG production --yes")
    _passes(data_copy)


# M33: a loop that ends when the limiter answers 429; the sibling: a wait for a health check with no bound.
@pytest.mark.parametrize(
    ("new", "needle"),
    [
        (f'i=0\n          until [[ "$code" == 429 ]]; do\n            i=$((i + 1))\n            {SIGNIN}', "until [["),
        (f'while ! curl -sf "$BASE_URL{{{{ ep.signin }}}}"; do\n            sleep 1\n            {SIGNIN}', "while !"),
    ],
    ids=["until", "while"],
)
def test_dest016_unbounded_loop(data_copy, new, needle):
    text = (data_copy / AUTH).read_text(encoding="utf-8")
    k = text.index(LOOP)
    end = text.index("          done", k)
    (data_copy / AUTH).write_text(text[:k] + new + "\n" + text[end:], "utf-8")
    _found(data_copy, AUTH, needle, "DEST016")


def test_dest016_near_miss_counted(data_copy):
    """The same loop, bounded by its counter in the condition."""
    text = (data_copy / AUTH).read_text(encoding="utf-8")
    k = text.index(LOOP)
    end = text.index("          done", k)
    new = 'i=0\n          until [[ "$code" == 429 ]] || (( i >= 20 )); do\n'
    new += f"            i=$((i + 1))\n            {SIGNIN}"
    (data_copy / AUTH).write_text(text[:k] + new + "\n" + text[end:], "utf-8")
    _passes(data_copy)


# M34: ALTER SYSTEM slipped into the restart block; the sibling: MySQL's SET PERSIST.
@pytest.mark.parametrize(
    "new",
    [
        'sudo -u postgres psql -c "ALTER SYSTEM SET max_connections = 500;"',
        "mysql -e 'SET PERSIST max_connections = 500'",
    ],
)
def test_dest017_setting_not_said(data_copy, new):
    edit(data_copy / DB, RESTART, f"{new}\n          {RESTART}")
    p = _found(data_copy, DB, new, "DEST017")
    assert "max_connections" in p.message


def test_dest017_near_miss_said(data_copy):
    """The setting named in changes: (in words), and a session-only SET."""
    edit(data_copy / DB, RESTART, f'sudo -u postgres psql -c "ALTER SYSTEM SET max_connections = 500; SET x = 1"\n'
         f"          {RESTART}")  # fmt: skip
    edit(
        data_copy / DB, 'changes: "Every open', 'changes: "Max connections is set to 500 (a lasting change). Every open'
    )
    _passes(data_copy)


# M36: a real POST to the status page API in an illustration; the sibling: a vercel deploy.
@pytest.mark.parametrize(
    "new",
    ['curl -s -X POST "https://api.statuspage.io/v1/pages/dramal/incidents" -d "x=1"', "vercel deploy --prod"],
)
def test_dest018_illustration_runs(data_copy, new):
    edit(data_copy / AI_DOWN, SHOWN, f"{SHOWN}          {new}\n")
    _found(data_copy, AI_DOWN, new, "DEST018")


def test_dest018_near_miss_read_only(data_copy):
    """A read-only request in an illustration, and prose that reads as a command no runbook runs."""
    edit(
        data_copy / AI_DOWN,
        SHOWN,
        f'{SHOWN}          curl -s "https://status.example.com/api"\n          Status: down\n',
    )
    _passes(data_copy)


# set 19 M34's kind: a destructive block relabelled an illustration (its danger box gone): reported at its kind
def test_dest018_destructive_illustration_at_its_kind(data_copy):
    file = "procedures/disable-ai.yaml"
    edit(data_copy / file, "          - kind: shell\n            destructive: true\n",
         "          - kind: illustration\n            destructive: true\n")  # fmt: skip
    found = check(load_catalog(data_copy), RULES)
    n = line_of(data_copy / file, "- kind: illustration")
    assert [(p.rule, p.file, p.line) for p in found] == [("DEST018", f"data/{file}", n)], [p.format() for p in found]

"""DEST001: a command that deletes, overwrites, restarts, deploys, rolls back or writes SQL is marked destructive."""

from __future__ import annotations

import pytest

from conftest import DATA_DIR, edit
from playbook.checks.engine import fast_rules
from playbook.data.load import load_catalog
from playbook.runbooks.destructive import dangers
from playbook.site.checking import check

FILE = "scenarios/database-down.yaml"
# (command line injected into a block not marked destructive, the text where the finding points)
DANGEROUS = [
    ('rm -f "$DB_PATH"', None),
    ('cp /tmp/restored.db "$DB_PATH"', None),
    ('mv "$DB_BACKUP" "$DB_PATH"', None),
    ('mv "$DB_PATH" /tmp/old.db', None),
    ('dd if=/dev/zero of="$DB_PATH" bs=1k count=1', None),
    ('truncate -s 0 "$LOG_FILE"', None),
    ("echo '' > \"$DB_PATH\"", '> "$DB_PATH"'),
    ("sudo systemctl restart clinical-os", None),
    ("sudo -u root env LANG=C systemctl stop clinical-os", None),
    ("vercel deploy --prod", None),
    ("vercel rollback --yes", None),
    ("vercel env rm FEATURE_AI_ENABLED production --yes", None),
    ("git push origin main", None),
    ('sqlite3 "$DB_PATH" "DROP TABLE ClinicalNote;"', None),
    ('sqlite3 "$DB_PATH" "DELETE FROM ClinicalNote WHERE status = \'draft\';"', None),
    ('sqlite3 "$DB_PATH" "UPDATE ClinicalNote SET status = \'draft\';"', None),
    ("sqlite3 \"$DB_PATH\" \"INSERT INTO User (id, email, role) VALUES ('u', 'e', 'r');\"", None),
    ('echo "$(rm -f "$DB_PATH")"', 'rm -f "$DB_PATH")'),  # inside a command substitution
    ('curl -s "$BASE_URL/api/metrics" | xargs rm -f', "xargs rm -f"),  # in a pipeline, behind xargs
    ('watch -n 5 "rm -f $DB_PATH"', 'rm -f $DB_PATH"'),  # a command string watch runs
    ('for i in $(seq 1 $((2 + 1))); do rm -f "/tmp/x$i"; done', 'rm -f "/tmp/x$i"'),  # after arithmetic
]
# Read-only or new-file commands that must pass (the judgement in DEST001's reason).
SAFE = [
    'sqlite3 -readonly "$DB_PATH" "SELECT 1;"',
    'sqlite3 "$DB_PATH" "PRAGMA integrity_check;"',
    'cp "$DB_PATH" /tmp/clinical-os.db',
    'cp "$DB_PATH" "$DB_PATH.$(date +%Y%m%d%H%M%S)"',
    'ls -la "$DB_PATH" > /dev/null',
    "git log --oneline -10",
    'vercel logs "$VERCEL_PROJECT" --prod',
    "systemctl status clinical-os",
    "cat <<'EOF'\n          rm -f not-a-command\n          EOF",  # a quoted heredoc is text
]


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """One copy of the data: every dangerous line, then every safe one, in a block not marked destructive."""
    data = tmp_path_factory.mktemp("dest") / "data"
    import shutil

    shutil.copytree(DATA_DIR, data)
    lines = [cmd for cmd, _ in DANGEROUS] + SAFE
    body = "".join(f"          {x}\n" for x in lines)
    edit(data / FILE, "        code: df -h\n", f"        code: |-\n          df -h\n{body}")
    edit(
        data / "procedures/log-access.yaml",
        "queries:\n",
        'queries:\n  - title: Wipe\n    code: jq -n 1 > "$LOG_FILE"\n',
    )
    cat = load_catalog(data)
    rules = fast_rules()
    return data, [p for p in check(cat, rules) if p.level == "error"]


def _at(data, file: str, line_text: str, marker: str | None) -> tuple[int, int]:
    """Line and column of an injected line (they follow the `df -h` line), read from the file itself."""
    text = (data / file).read_text(encoding="utf-8").splitlines()
    start = text.index("          df -h")
    n = next(i for i, line in enumerate(text, 1) if i > start and line == f"          {line_text}")
    return n, text[n - 1].index(marker or line_text) + 1


@pytest.mark.parametrize(("cmd", "marker"), DANGEROUS, ids=[c for c, _ in DANGEROUS])
def test_unmarked_destructive_command_is_an_error_at_its_line(injected, cmd, marker):
    data, found = injected
    line, col = _at(data, FILE, cmd, marker)
    here = [p for p in found if p.file == f"data/{FILE}" and p.line == line]
    assert [(p.rule, p.col) for p in here] == [("DEST001", col)], [p.format() for p in here]
    assert "`" in here[0].message  # names the command and its reason


def test_read_only_commands_pass(injected):
    data, found = injected
    first_safe = _at(data, FILE, SAFE[0], None)[0]
    assert [p.format() for p in found if p.file == f"data/{FILE}" and p.line >= first_safe] == []


def test_a_redirect_in_a_jq_query_onto_a_data_file(injected):
    data, found = injected
    text = (data / "procedures/log-access.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "jq -n 1 >" in t)
    got = [(p.rule, p.line, p.col) for p in found if p.file == "data/procedures/log-access.yaml"]
    assert got == [("DEST001", line, text[line - 1].index("> ") + 1)]


def test_a_sql_block_that_writes(data_copy):
    edit(
        data_copy / FILE,
        "      - kind: shell\n        code: df -h\n",
        "      - kind: sql\n        code: DELETE FROM ClinicalNote;\n",
    )
    found = [p for p in check(load_catalog(data_copy), ["DEST001", "TOOL004"]) if p.level == "error"]
    text = (data_copy / FILE).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "code: DELETE" in t)
    assert [(p.rule, p.line, p.col) for p in found] == [("DEST001", line, text[line - 1].index("DELETE") + 1)]
    assert "delete" in found[0].message


def test_marked_blocks_pass_and_the_real_data_has_no_false_positive(catalog):
    assert [p.format() for p in check(catalog, ["DEST001", "DEST002"])] == []


def test_dest002_names_a_construct_the_parser_cannot_read(data_copy):
    # Two here-documents on one command: bash accepts it, tree-sitter-bash 0.25 does not.
    code = "cat <<EOF1 <<EOF2\n          a\n          EOF1\n          b\n          EOF2"
    edit(data_copy / FILE, "        code: df -h\n", f"        code: |-\n          {code}\n")
    found = [p for p in check(load_catalog(data_copy), ["DEST002", "TOOL001"])]
    text = (data_copy / FILE).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "cat <<EOF1" in t)
    assert [(p.rule, p.level, p.line) for p in found] == [("DEST002", "warning", line)]


def test_sql_the_schema_lacks_is_judged_by_its_first_keyword():
    import sqlite3

    from playbook.runbooks.blockcheck import sql_explain
    from playbook.runbooks.destructive import sql_writes_with

    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (a)")
    writes = sql_writes_with(con, sql_explain)
    assert writes("DELETE FROM t; SELECT 1;") == ["delete"]
    assert "drop table" in writes("DROP TABLE t;")
    assert writes("DELETE FROM missing;") == ["delete"]  # does not compile: the tokenizer's first keyword
    assert writes("SELECT a FROM t; PRAGMA integrity_check;") == []


def test_dangers_reads_a_heredoc_sql_script():
    def writes(sql: str) -> list[str]:
        return ["delete"] if "DELETE" in sql else []

    code = "sqlite3 \"$DB_PATH\" <<'SQL'\nDELETE FROM ClinicalNote;\nSQL"
    assert [(d.line, d.col, d.reason) for d in dangers(code, {"DB_PATH"}, writes)] == [
        (1, 1, "`sqlite3` runs SQL that writes (delete)")
    ]

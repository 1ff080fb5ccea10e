"""DEST001: a runnable block is read-only as its parse proves, or is marked destructive: true or safe:; DEST003: a safe:
covers exactly the commands of its block the parse does not prove read-only."""

from __future__ import annotations

import shutil

import pytest

from conftest import DATA_DIR, edit, load_fails
from playbook.checks.engine import fast_rules
from playbook.data.load import load_catalog
from playbook.runbooks import sqlkind
from playbook.runbooks.destructive import unproven
from playbook.site.checking import check

FILE = "scenarios/database-down.yaml"
# (command line injected into a block not marked destructive, the text where the finding points)
NOT_READ_ONLY = [
    ('rm -f "$DB_PATH"', None),
    ('cp /tmp/restored.db "$DB_PATH"', None),
    ('cp "$DB_PATH" "$DB_PATH.copy"', None),  # a copy writes a file: read-only it is not (into /tmp: DEST019 too)
    ('mv "$DB_BACKUP" "$DB_PATH"', None),
    ('dd if=/dev/zero of="$DB_PATH" bs=1k count=1', None),
    ('truncate -s 0 "$LOG_FILE"', None),
    ("echo '' > \"$DB_PATH\"", '> "$DB_PATH"'),
    ('curl -s "$BASE_URL/api/metrics" > /tmp/metrics.json', "> /tmp/metrics.json"),
    ('curl -s "$BASE_URL/api/metrics" | tee /tmp/metrics.json', "tee /tmp"),
    ("sudo systemctl restart clinical-os", None),
    ("sudo -u root env LANG=C systemctl stop clinical-os", None),
    # spent set 21 M25's kind: a read run as root, whose side files (SQLite's -shm, -wal) then belong to root
    ('sudo sqlite3 -readonly "$DB_PATH" "PRAGMA integrity_check;"', None),
    ('doas -u root cat "$LOG_FILE"', None),
    ("vercel deploy --prod", None),
    ("vercel rollback --yes", None),
    ("vercel env rm FEATURE_AI_ENABLED production --yes", None),
    ("git push origin main", None),
    ("npx prisma migrate reset --force", None),  # a database reset: on no list of read-only forms
    ('curl -X DELETE "$BASE_URL/api/notes/note_1"', None),  # an HTTP write to the product
    ('curl -s --request PATCH "$BASE_URL/api/notes/note_1"', None),
    ('curl -sX PUT "$BASE_URL/api/notes/note_1"', None),
    ("curl -s \"$BASE_URL/api/notes\" -H 'Content-Type: application/json' --data '{}'", None),
    ("curl -s \"$BASE_URL/api/notes\" --json '{}'", None),
    ('curl -s -F "file=@x.pdf" "$BASE_URL/api/upload"', None),
    ('curl -s -T x.pdf "$BASE_URL/api/upload"', None),
    ('curl -s -o notes.json "$BASE_URL/api/notes"', None),
    ('sqlite3 "$DB_PATH" "DROP TABLE ClinicalNote;"', None),
    ('sqlite3 "$DB_PATH" "DROP TABLE IF EXISTS AuditArchive;"', None),  # a table the stand-in schema lacks
    ('sqlite3 "$DB_PATH" "DELETE FROM ClinicalNote WHERE status = \'draft\';"', None),
    ('sqlite3 "$DB_PATH" "UPDATE ClinicalNote SET status = \'draft\';"', None),
    ("sqlite3 \"$DB_PATH\" \"INSERT INTO User (id, email, role) VALUES ('u', 'e', 'r');\"", None),
    ('sqlite3 "$DB_PATH" <<< "DELETE FROM ClinicalNote WHERE id = \'n\'"', None),  # a here-string
    ('echo "DELETE FROM ClinicalNote;" | sqlite3 "$DB_PATH"', 'sqlite3 "$DB_PATH"'),  # a pipe
    ('sqlite3 -cmd "DELETE FROM ClinicalNote;" "$DB_PATH" "SELECT 1;"', None),
    ('sqlite3 "$DB_PATH" ".read /tmp/fix.sql"', None),
    ('sqlite3 "$DB_PATH" < /tmp/fix.sql', None),
    ('sqlite3 -readonly "$DB_PATH" ".backup /tmp/copy.db"', None),
    ('sqlite3 "$DB_PATH" "PRAGMA journal_mode = DELETE;"', None),
    # reads only, but opened read-write: a missing file is created (an empty database the next step finds)
    ('sqlite3 "$DB_PATH" "SELECT 1;"', None),
    ('sqlite3 "file:$DB_PATH?cache=shared" "PRAGMA integrity_check;"', None),
    ('echo "$(rm -f "$DB_PATH")"', 'rm -f "$DB_PATH")'),  # inside a command substitution
    ('curl -s "$BASE_URL/api/metrics" | xargs rm -f', "xargs rm -f"),  # in a pipeline, behind xargs
    ('watch -n 5 "rm -f $DB_PATH"', 'rm -f $DB_PATH"'),  # a command string watch runs
    ("bash -c 'kill 1'", "kill 1'"),
    ('for i in $(seq 1 $((2 + 1))); do rm -f "/tmp/x$i"; done', 'rm -f "/tmp/x$i"'),  # after arithmetic
    ('"$DB_PATH" --version', None),  # the name is an expansion: nothing tells what runs
]
# Read-only forms that must pass: the allow-list, and SQL whose statements all read.
READ_ONLY = [
    'sqlite3 -readonly "$DB_PATH" "SELECT 1;"',
    'sqlite3 -readonly "$DB_PATH" "PRAGMA integrity_check;"',
    'sqlite3 "$DB_PATH" -readonly "SELECT COUNT(*) FROM Prescription;"',  # sqlite3 reads options anywhere
    'sqlite3 -readonly "$DB_PATH" <<< "SELECT COUNT(*) FROM Prescription"',
    'echo "SELECT 1;" | sqlite3 -readonly -cmd ".headers on" "$DB_PATH"',
    'sqlite3 -readonly "$DB_PATH" "WITH f AS (SELECT id FROM ClinicalNote) SELECT COUNT(*) FROM f;"',
    'sqlite3 "file:$DB_PATH?mode=ro" "SELECT 1;"',  # a URI that opens the file read-only
    'sqlite3 :memory: "SELECT 1;"',  # no file at all
    'ls -la "$DB_PATH" > /dev/null 2>&1',
    "df -h >&2",
    'cat "$LOG_FILE" | grep -c error | head -1',
    'tail -n 20 "$LOG_FILE"',
    "printf '%s\\n' checked",
    'curl -s "$BASE_URL/api/metrics" | jq .',
    'curl -sI "$BASE_URL/api/health/ready"',
    'curl -s -X GET -o /dev/null -w "%{http_code}" "$BASE_URL/api/health/ready"',
    'curl -s -G --data-urlencode "q=x" "$BASE_URL/api/metrics"',
    "git log --oneline -10",
    'vercel logs "$VERCEL_PROJECT" --prod',
    "systemctl status clinical-os",
    "kubectl -n prod get pods",
    "kubectl logs deploy/clinical-os --tail 20",
    'date -u -r "$DB_PATH" +%F',
    "watch -n 5 \"curl -s $BASE_URL/api/metrics | jq '.metrics'\"",
    "cat <<'EOF'\n          rm -f not-a-command\n          EOF",  # a quoted heredoc is text
]


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """One copy of the data: every line that is not read-only, then every read-only one, in an unmarked block."""
    data = tmp_path_factory.mktemp("dest") / "data"
    shutil.copytree(DATA_DIR, data)
    lines = [cmd for cmd, _ in NOT_READ_ONLY] + READ_ONLY
    body = "".join(f"          {x}\n" for x in lines)
    edit(data / FILE, "        code: df -h\n", f"        code: |-\n          df -h\n{body}")
    edit(
        data / "procedures/log-access.yaml",
        "queries:\n",
        'queries:\n  - title: Wipe\n    code: jq -n 1 > "$LOG_FILE"\n',
    )
    # the app's own unit, which the injected systemctl lines name: declared, so DEST001 alone speaks (not TOOL008)
    edit(data / "catalog.yaml", "units:\n", "units:\n  - {name: clinical-os, help: The app}\n")
    cat = load_catalog(data)
    # REF030 speaks for the scratch files and tables these lines name once (test_known_names.py)
    return data, [p for p in check(cat, [r for r in fast_rules() if r != "REF030"]) if p.level == "error"]


def _at(data, file: str, line_text: str, marker: str | None) -> tuple[int, int]:
    """Line and column of an injected line (they follow the `df -h` line), read from the file itself."""
    text = (data / file).read_text(encoding="utf-8").splitlines()
    start = text.index("          df -h")
    n = next(i for i, line in enumerate(text, 1) if i > start and line == f"          {line_text}")
    return n, text[n - 1].index(marker or line_text) + 1


@pytest.mark.parametrize(("cmd", "marker"), NOT_READ_ONLY, ids=[c for c, _ in NOT_READ_ONLY])
def test_an_unmarked_command_not_proven_read_only_is_an_error_at_its_line(injected, cmd, marker):
    data, found = injected
    line, col = _at(data, FILE, cmd, marker)
    here = [p for p in found if p.file == f"data/{FILE}" and p.line == line]
    assert [(p.rule, p.col) for p in here] == [("DEST001", col)], [p.format() for p in here]
    assert "is not proven read-only: " in here[0].message  # names the command and why


def test_read_only_forms_pass(injected):
    data, found = injected
    first = _at(data, FILE, READ_ONLY[0], None)[0]
    assert [p.format() for p in found if p.file == f"data/{FILE}" and p.line >= first] == []


def test_a_redirect_in_a_jq_query_onto_a_data_file(injected):
    data, found = injected
    text = (data / "procedures/log-access.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "jq -n 1 >" in t)
    got = [(p.rule, p.line, p.col) for p in found if p.file == "data/procedures/log-access.yaml"]
    assert got == [("DEST001", line, text[line - 1].index("> ") + 1)]


def test_a_sql_block_that_writes_is_reported_at_the_statement(data_copy):
    edit(
        data_copy / FILE,
        "      - kind: shell\n        code: df -h\n",
        "      - kind: sql\n        code: |-\n          SELECT 1;\n          DROP TABLE IF EXISTS AuditArchive;\n",
    )
    found = [p for p in check(load_catalog(data_copy), ["DEST001", "TOOL004"]) if p.level == "error"]
    text = (data_copy / FILE).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "DROP TABLE" in t)
    assert [(p.rule, p.line, p.col) for p in found] == [("DEST001", line, text[line - 1].index("DROP") + 1)]
    assert "DROP TABLE" in found[0].message


def test_safe_with_its_reason_lets_a_block_that_writes_pass_and_the_page_shows_why(data_copy):
    from playbook.site.runbook import render_scenario

    why = "Copies the database into /tmp; nothing existing changes."
    block = '      - kind: shell\n        safe: {{covers: [cp], why: "{}"}}\n        code: cp "$DB_PATH" /tmp/x.db\n'
    edit(data_copy / FILE, "      - kind: shell\n        code: df -h\n", block.format(why))
    cat = load_catalog(data_copy)
    assert [p.format() for p in check(cat, ["DEST001", "DEST003"])] == []
    assert f"**Why it is safe:** {why}" in render_scenario(cat, "database-down")
    # without it, the same block is an error
    edit(data_copy / FILE, f'        safe: {{covers: [cp], why: "{why}"}}\n', "")
    assert [p.rule for p in check(load_catalog(data_copy), ["DEST001"])] == ["DEST001"]


def test_a_safe_reason_written_as_free_text_is_refused_with_the_form_it_takes(data_copy):
    """The form before issue 24's binding: a reason that names nothing it covers."""
    why = "Copies into a new timestamped folder (mkdir refuses one that exists): no existing file is changed."
    old = f'        safe:\n          covers: [mkdir, cp]\n          why: "{why}"\n'
    old += '          confirmed: ["92efdc", "938c61"]'
    line, problems = load_fails(data_copy, "procedures/rollback.yaml", old, f'        safe: "{why}"')
    assert [(p.rule, p.line) for p in problems] == [("LOAD003", line)]
    assert "safe: is {covers: [the writing commands it excuses], why: the reason}" in problems[0].message


def test_a_misspelt_key_of_safe_is_said_once_at_its_line(data_copy):
    """`safe:` is a mapping or a shared reason's id: a mapping with a typo is worded as the mapping's, not also as
    "a mapping is not text" from the id it is not."""
    old, new = "          covers: [mkdir, cp]", "          cover: [mkdir, cp]"
    line, problems = load_fails(data_copy, "procedures/rollback.yaml", old, new)
    assert [(p.rule, p.line) for p in problems] == [("LOAD003", line)], [p.format() for p in problems]
    assert "unknown key 'cover'; did you mean covers?" in problems[0].message


def _dest003(data, file: str, old: str, new: str, marker: str, where: str = "") -> list[tuple[str, int, int]]:
    """DEST003's findings after replacing `old` by `new` in `file`, and where `marker` is (in `where`, if given)."""
    edit(data / file, old, new)
    found = check(load_catalog(data), ["DEST001", "DEST003"])
    text = (data / (where or file)).read_text(encoding="utf-8").splitlines()
    n = next(i for i, t in enumerate(text, 1) if marker in t)
    assert [(p.rule, p.file, p.line) for p in found] == [("DEST003", f"data/{where or file}", n)], [
        p.format() for p in found
    ]
    return found


# A command added to a safe: block that its reason does not cover (set 7's M30: `mv` where part 2 copies), in an
# inline reason and in a shared one: found at the command's own line.
def test_dest003_a_command_its_safe_does_not_cover_is_an_error_at_that_command(data_copy):
    file = data_copy / "procedures/rollback.yaml"
    edit(file, 'then cp -p -- "$f"', 'then mv -- "$f"')
    found = check(load_catalog(data_copy), ["DEST001", "DEST003"])
    text = file.read_text(encoding="utf-8").splitlines()
    mv = next(i for i, t in enumerate(text, 1) if "then mv --" in t)
    covers = text.index("          covers: [mkdir, cp]") + 1
    assert [(p.rule, p.line, p.col) for p in found] == [
        ("DEST003", covers, text[covers - 1].index("cp]") + 1),  # cp, which it no longer runs: stale
        ("DEST003", mv, text[mv - 1].index("mv --") + 1),
    ]
    assert "'mv -- $f $keep/' is not proven read-only" in found[1].message
    assert found[1].message.endswith("does not cover mv") and "'cp', which the block does not run" in found[0].message


def test_dest003_a_shared_reason_does_not_cover_a_command_its_block_gains(data_copy):
    old = "          # Verify AI is working (expect a suggestion"
    _dest003(data_copy, "procedures/disable-ai.yaml", old, '          rm -f "$LOG_FILE"\n' + old, 'rm -f "$LOG_FILE"')


def test_dest003_a_safe_on_a_read_only_block_is_a_stale_excuse(data_copy):
    new = "      - kind: shell\n        safe: {covers: [rm], why: deletes nothing now}\n        code: df -h\n"
    (p,) = _dest003(data_copy, FILE, "      - kind: shell\n        code: df -h\n", new, "safe: {covers: [rm]")
    assert "stale" in p.message


def test_dest003_a_name_its_block_no_longer_needs_is_stale_where_it_is_written(data_copy):
    old = "          covers: [mkdir, cp]\n"
    (p,) = _dest003(data_copy, "procedures/rollback.yaml", old, "          covers: [mkdir, cp, rm]\n", "cp, rm]")
    assert "'rm'" in p.message


def test_dest003_a_name_no_block_of_a_shared_reason_needs_is_stale_where_it_is_written(data_copy):
    (p,) = _dest003(data_copy, "catalog.yaml", "    covers: [POST]\n", "    covers: [POST, DELETE]\n", "POST, DELETE")
    assert "'DELETE', which none of its blocks runs" in p.message


def test_dest003_a_shared_reason_no_block_uses_is_stale(data_copy):
    for name in ("scenarios/ai-service-down.yaml", "procedures/disable-ai.yaml"):
        edit(data_copy / name, "safe: ai-draft-request", "safe: {covers: [POST], why: one test request}", count=2)
    found = check(load_catalog(data_copy), ["DEST003"])
    text = (data_copy / "catalog.yaml").read_text(encoding="utf-8").splitlines()
    assert [(p.file, p.line) for p in found] == [("data/catalog.yaml", 1 + text.index("  - id: ai-draft-request"))]


# What a safe: names to cover each kind of command (written by hand, from what each command does).
NAMES = [
    ('mkdir -- "$keep"', ("mkdir",)),
    ('mv -- "$f" "$keep/"', ("mv",)),
    ('curl -X DELETE "$BASE_URL/api/notes/note_1"', ("DELETE", "DELETE $BASE_URL/api/notes/note_1")),
    ("curl -s \"$BASE_URL/api/notes\" --data '{}'", ("POST", "POST $BASE_URL/api/notes")),
    ('curl -s -T x.pdf "$BASE_URL/api/upload"', ("PUT", "PUT $BASE_URL/api/upload")),
    ('curl -s -o notes.json "$BASE_URL/api/notes"', ("curl",)),
    ('curl -s -X POST -o out.json "$BASE_URL/api/notes"', ("POST", "POST $BASE_URL/api/notes", "curl")),
    ('sqlite3 "$DB_PATH" "DROP TABLE IF EXISTS AuditArchive;"', ("DROP TABLE",)),
    ('sqlite3 "$DB_PATH" <<< "DELETE FROM ClinicalNote"', ("DELETE",)),
    ('sqlite3 "$DB_PATH" "PRAGMA journal_mode = DELETE;" ".restore /tmp/b.db"', ("PRAGMA journal_mode", ".restore")),
    ('sqlite3 "$DB_PATH" < /tmp/fix.sql', ("SQL",)),  # SQL nobody reviewed, into a database that exists
    ('salvaged="$keep/salvaged.db"\nsqlite3 "$salvaged" < /tmp/fix.sql', ("sqlite3",)),  # into a file of its own
    ('sqlite3 -readonly "$DB_PATH" < /tmp/fix.sql', ("sqlite3",)),  # it cannot write the database
    ('sqlite3 "$DB_PATH" "SELECT 1;"', ("sqlite3",)),
    ('echo "" > "$DB_PATH"', (">",)),
    ('echo "" >> "$LOG_FILE"', (">>",)),
    ("vercel deploy --prod", ("vercel",)),
    ('"$DB_PATH" --version', ("$DB_PATH",)),
]


@pytest.mark.parametrize(("code", "names"), NAMES, ids=[c for c, _ in NAMES])
def test_each_command_not_proven_read_only_has_the_names_a_safe_covers_it_by(code, names):
    (d,) = unproven(code)
    assert d.names == names


def test_every_command_of_the_deny_list_has_a_name_to_cover_it():
    """No command DEST001 refuses is one a safe: could never cover."""
    for cmd, _ in NOT_READ_ONLY:
        assert all(d.names and all(d.names) for d in unproven(cmd)), cmd


def test_safe_and_destructive_on_one_block_is_refused_where_it_is_written(data_copy):
    old = '        destructive: true\n        manual: true\n        changes: "Every open connection'
    line, problems = load_fails(data_copy, FILE, old, "        safe: {covers: [systemctl], why: it is fine}\n" + old)
    assert [(p.file, p.line) for p in problems] == [(f"data/{FILE}", line)]
    assert "safe: says why a block that is not destructive may run" in problems[0].message


def test_marked_blocks_pass_and_the_real_data_has_no_false_positive(catalog):
    assert [p.format() for p in check(catalog, ["DEST001", "DEST002", "DEST003"])] == []


def test_dest002_an_unmarked_block_the_parser_cannot_read_is_not_proven_read_only(data_copy):
    # Two here-documents on one command: bash accepts it, tree-sitter-bash 0.25 does not.
    code = "cat <<EOF1 <<EOF2\n          a\n          EOF1\n          b\n          EOF2"
    edit(data_copy / FILE, "        code: df -h\n", f"        code: |-\n          {code}\n")
    found = [p for p in check(load_catalog(data_copy), ["DEST002", "TOOL001"])]
    text = (data_copy / FILE).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "cat <<EOF1" in t)
    assert [(p.rule, p.level, p.line) for p in found] == [("DEST002", "error", line)]
    # a safe: does not excuse what the parse cannot read (it covers the commands the parse finds: DEST003)
    edit(
        data_copy / FILE,
        "        code: |-\n          cat <<EOF1",
        "        safe: {covers: [cat], why: prints}\n        code: |-\n          cat <<EOF1",
    )
    assert [p.rule for p in check(load_catalog(data_copy), ["DEST002"])] == ["DEST002"]
    edit(data_copy / FILE, "        safe: {covers: [cat], why: prints}\n", "        destructive: true\n")
    assert check(load_catalog(data_copy), ["DEST002"]) == []


@pytest.mark.parametrize(
    ("sql", "what"),
    [
        ("SELECT a FROM t; PRAGMA integrity_check;", []),
        ("-- a comment; DELETE\nSELECT ';DELETE' FROM t /* ; DROP */;", []),
        ("EXPLAIN QUERY PLAN DELETE FROM t;", []),  # EXPLAIN compiles, runs nothing
        ("WITH d AS (SELECT 1) DELETE FROM t;", ["DELETE"]),
        ("DELETE FROM missing;", ["DELETE"]),  # no schema consulted: the statement's kind decides
        ("DROP TABLE IF EXISTS missing;", ["DROP TABLE"]),
        ("CREATE INDEX i ON t(a); REINDEX; VACUUM;", ["CREATE INDEX", "REINDEX", "VACUUM"]),
        ("PRAGMA table_info(t); PRAGMA user_version; PRAGMA foreign_keys = ON;", []),
        ("PRAGMA user_version = 3; PRAGMA optimize;", ["PRAGMA user_version =", "PRAGMA optimize"]),
        ("SELECT writefile('/tmp/x', 1);", ["writefile()"]),
        ("ATTACH 'x.db' AS x;", ["ATTACH"]),
        (".mode csv\n.headers on\nSELECT 1;\n.output /tmp/x\n.dump\n", [".output"]),
        (".shell rm -f x\n", [".shell"]),
        ("GRANT ALL;", ["GRANT"]),  # not a statement SQLite reads only
    ],
)
def test_sql_is_judged_by_statement_kind(sql, what):
    assert [w.what for w in sqlkind.writes(sql)] == what


def test_attach_reads_only_when_sqlite3_opens_read_only():
    assert sqlkind.writes("ATTACH 'x.db' AS x;", readonly=True) == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ('sqlite3 "$DB" <<< "DELETE FROM t WHERE id = 1"', "(DELETE)"),  # a here-string
        ("sqlite3 \"$DB\" <<'SQL'\nSELECT 1;\nDELETE FROM t;\nSQL", "(DELETE)"),  # a heredoc
        ('echo "DROP TABLE IF EXISTS t;" | sqlite3 "$DB"', "(DROP TABLE)"),  # echo into a pipe
        ('sqlite3 -cmd "DELETE FROM t;" "$DB" "SELECT 1;"', "(DELETE)"),
        ('sqlite3 "$DB" ".read /tmp/fix.sql"', "(.read)"),
        ('sqlite3 "$DB" < /tmp/fix.sql', "from the file /tmp/fix.sql"),
        ("cat <<'SQL' | sqlite3 \"$DB\"\nDROP TABLE t;\nSQL", "(DROP TABLE)"),  # cat of a heredoc, piped
        ("printf '%s\\n' 'UPDATE t SET a = 1;' | sqlite3 \"$DB\"", "(UPDATE)"),
        ('sqlite3 "$DB" "SELECT 1;" ".restore /tmp/b.db"', "(.restore)"),
        ('sqlite3 "$DB" "SELECT 1;"', "without -readonly opens $DB for writing"),
        ('sqlite3 -init /tmp/x.sql "$DB" "SELECT 1;"', "-init FILE"),
        ('some-tool | sqlite3 "$DB"', "from the output of `some-tool`"),
        ('sqlite3 "$DB"', "from the terminal"),
    ],
)
def test_sqlite3_sql_is_read_wherever_it_comes_from(code, reason):
    (d,) = [d for d in unproven(code) if d.command.startswith("sqlite3")]
    assert reason in d.reason and d.reason.startswith("`sqlite3"), d.reason


@pytest.mark.parametrize(
    "code",
    [
        "sqlite3 -readonly \"$DB\" <<'SQL'\n.headers on\nSELECT 1;\nSQL",
        'echo "SELECT count(*) FROM t;" | sqlite3 -readonly "$DB"',
        'n=$(sqlite3 -readonly -cmd "ATTACH \'$X\' AS x" "$DB" "SELECT 1;" </dev/null)',
    ],
)
def test_sqlite3_read_only_sql_passes_wherever_it_comes_from(code):
    assert unproven(code) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "marker"),
    [
        # the production rollback relabelled safe, with an excuse that covers it: at the covers line
        (
            "scenarios/write-operations-failing.yaml",
            '        destructive: true\n        manual: true\n        changes: "Production serves',
            '        safe: {covers: [vercel], why: "A rollback is always reversible."}\n'
            '        manual: true\n        changes: "Production serves',
            "covers: [vercel]",
        ),
        # a SQL DELETE (named as curl's HTTP DELETE is) excused by a reason in block form: at the name in covers
        (
            "scenarios/write-operations-failing.yaml",
            "          # Check for invalid states\n",
            '          sqlite3 -readonly "$DB_PATH" "SELECT 1;"\n'
            '          sqlite3 "$DB_PATH" "DELETE FROM ClinicalNote WHERE id = \'x\';"\n'
            "          # Check for invalid states\n",
            "            - DELETE",
        ),
        # a shared reason that excuses a restart: at its covers entry in catalog.yaml
        (
            "catalog.yaml",
            "    covers: [POST]\n",
            "    covers: [POST, systemctl]\n",
            "covers: [POST, systemctl]",
        ),
    ],
    ids=["vercel-rollback", "sql-delete", "shared-systemctl"],
)
def test_dest004_a_safe_never_excuses_what_changes_what_exists(data_copy, catalog, file, old, new, marker):
    assert check(catalog, ["DEST004"]) == []
    edit(data_copy / file, old, new)
    if "DELETE FROM" in new:  # the block gains a safe: naming the write (DEST003 is then content)
        edit(
            data_copy / file,
            "      - kind: shell\n        code: |-\n          # Check database state",
            "      - kind: shell\n        safe:\n          covers:\n            - DELETE\n"
            "          why: one test note\n        code: |-\n          # Check database state",
        )
    found = check(load_catalog(data_copy), ["DEST004"])
    text = (data_copy / file).read_text(encoding="utf-8").splitlines()
    lines = {n for n, t in enumerate(text, 1) if marker in t}
    assert len(lines) == 1 and [(p.file, p.line) for p in found] == [(f"data/{file}", *lines)], [
        p.format() for p in found
    ]


@pytest.mark.parametrize("name", ["mkdir", "cp", "tee", ">", ">>", "2>", "curl", "sqlite3", "POST", ".output",
                                  "POST $BASE_URL/api/notes"])  # fmt: skip
def test_dest004_writes_that_only_add_may_be_excused(name):
    from playbook.checks.destructive import excusable

    assert excusable(name)


@pytest.mark.parametrize("name", ["vercel", "systemctl", "kubectl", "npx", "rm", "mv", "kill", "dd", "at", "git",
                                  "UPDATE", "DROP TABLE", "PRAGMA journal_mode", ".restore", ".read", "SQL", "psql",
                                  "mysql", ""])  # fmt: skip
def test_dest004_everything_else_is_refused(name):
    from playbook.checks.destructive import excusable

    assert not excusable(name)


# A shared reason is written for one request: one of its blocks sending the same method to another declared endpoint
# (set 11's M31: the AI draft POST moved to the notes endpoint, which saves clinical notes) is not excused by it.
def test_dest003_a_block_of_a_shared_reason_that_sends_another_request_is_an_error_at_it(data_copy):
    old = 'curl -s -X POST "$BASE_URL{{ ep[\'generate-note\'] }}" \\\n            -H "Authorization: Bearer $TOKEN"'
    new = old.replace("{{ ep['generate-note'] }}", "{{ ep.notes }}")
    (p,) = _dest003(data_copy, "scenarios/ai-service-down.yaml", old, new, '"$BASE_URL{{ ep.notes }}"')
    assert "ai-draft-request" in p.message and "/api/ai/generate-note" in p.message


def test_dest003_blocks_of_a_shared_reason_sending_the_same_request_pass(catalog):
    assert [p.format() for p in check(catalog, ["DEST003"])] == []


# SQL that sqlite3 (or another database client) reads from where the block does not show it, into a database the
# block did not create: statements nobody reviewed, so a SQL write a `safe:` covering `sqlite3` does not excuse (set
# 12's M28: the salvage dump replayed into the live $DB_PATH, in the part marked safe as writing new files only).
# Into the block's own new file (`sqlite3 "$salvaged" < …`, the real part 6) it stays the add it was.
UNSEEN = [
    ('sqlite3 "$DB_PATH" < "${keep}salvaged.sql"', None),
    ('cat "${keep}salvaged.sql" | sqlite3 "$DB_BACKUP"', 'sqlite3 "$DB_BACKUP"'),
    ('sqlite3 -init "${keep}salvaged.sql" "$DB_PATH" "SELECT 1;"', None),
    ('db="$DB_PATH"; sqlite3 "$db" < "${keep}salvaged.sql"', 'sqlite3 "$db"'),  # a copy of a placeholder
    ('sqlite3 prisma/dev.db < "${keep}salvaged.sql"', None),  # a literal path: a database that exists
    ('sqlite3 "$DB_PATH"', None),  # an interactive session on the live database
    ('psql "$DATABASE_URL" -f "${keep}salvaged.sql"', None),
    ('mysql clinical < "${keep}salvaged.sql"', None),
    (
        "sqlite3 \"$salvaged\" <<'SQL'\n          .read fix.sql\n          SQL",
        ".read fix.sql",
    ),  # .read, even into its own
]


def test_dest003_sql_the_block_does_not_show_into_a_database_it_did_not_create_is_a_sql_write(data_copy):
    file = data_copy / "procedures/rollback.yaml"
    anchor = '          sqlite3 "$salvaged" < "${keep}salvaged.sql"\n'
    edit(file, anchor, anchor + "".join(f"          {cmd}\n" for cmd, _ in UNSEEN))
    found = check(load_catalog(data_copy), ["DEST001", "DEST003"])
    text = file.read_text(encoding="utf-8").splitlines()
    start = text.index(anchor.rstrip("\n"))
    expected = []
    for cmd, marker in UNSEEN:
        first = next(i for i, t in enumerate(text, 1) if i > start + 1 and t.strip() == cmd.split("\n")[0])
        n = next(i for i in range(first, len(text) + 1) if (marker or cmd) in text[i - 1])
        expected.append(("DEST003", n, text[n - 1].index(marker or cmd) + 1))
    assert sorted((p.rule, p.line, p.col) for p in found) == sorted(expected), [p.format() for p in found]
    sql = [p for p in found if "nobody reviewed" in p.message]
    assert len(sql) == 6 and all(p.message.endswith("does not cover SQL") for p in sql)


def test_sql_from_a_file_into_a_file_of_the_blocks_own_stays_an_add():
    code = 'salvaged="${keep}salvaged.db"\nsqlite3 "$salvaged" < "${keep}salvaged.sql"'
    assert [d.names for d in unproven(code)] == [("sqlite3",)]
    alias = 'own="${keep}own.db"\nsalvaged="$own"\nsqlite3 "$salvaged" < x.sql'  # a copy of a variable it sets
    assert [d.names for d in unproven(alias)] == [("sqlite3",)]


def test_dest004_a_safe_cannot_excuse_unseen_sql(data_copy):
    file = data_copy / "procedures/rollback.yaml"
    edit(file, 'sqlite3 "$salvaged" < "${keep}salvaged.sql"', 'sqlite3 "$DB_PATH" < "${keep}salvaged.sql"')
    edit(file, '          covers: [">", sqlite3]\n', '          covers: [">", sqlite3, SQL]\n')
    found = check(load_catalog(data_copy), ["DEST003", "DEST004"])
    text = file.read_text(encoding="utf-8").splitlines()
    n = 1 + text.index('          covers: [">", sqlite3, SQL]')
    assert [(p.rule, p.line, p.col) for p in found] == [("DEST004", n, text[n - 1].index("SQL]") + 1)], [
        p.format() for p in found
    ]


# `destructive: false` written on a block the parse does not prove read-only (set 12's M32: Re-enable AI, which
# deletes a production variable and redeploys, relabelled): the finding is at that line, the one to change.
def test_dest001_destructive_false_on_a_block_that_writes_is_an_error_at_that_line(data_copy):
    file = data_copy / "procedures/disable-ai.yaml"
    old = "        destructive: true\n        manual: true\n        changes: "
    old += '"Production is redeployed with {{ flag.name }}=true'
    edit(file, old, old.replace("destructive: true", "destructive: false"))
    found = check(load_catalog(data_copy), ["DEST001"])
    text = file.read_text(encoding="utf-8").splitlines()
    n = 1 + text.index("        destructive: false")
    assert [(p.rule, p.line, p.col) for p in found] == [("DEST001", n, 9)], [p.format() for p in found]
    assert "'vercel env rm FEATURE_AI_ENABLED production --yes' (and 2 more)" in found[0].message


# A block that runs a tool reaching production is `manual: true`, or a drill runs it for real: `manual:` dropped from
# Re-enable AI (vercel env rm, vercel deploy --prod), written false, or a cluster restart added to a part drills run.
@pytest.mark.parametrize(
    ("file", "old", "new", "marker"),
    [
        (
            "procedures/disable-ai.yaml",
            '        destructive: true\n        manual: true\n        changes: "Production is redeployed with',
            '        destructive: true\n        changes: "Production is redeployed with',
            "          vercel env rm {{ flag.name }} production --yes",
        ),
        (
            "scenarios/database-down.yaml",
            "        destructive: true\n        manual: true\n",
            "        destructive: true\n        manual: false\n",
            "        manual: false",
        ),
        (
            "procedures/rollback.yaml",
            '          mv -f -- "$restoring" "$DB_PATH"\n',
            '          mv -f -- "$restoring" "$DB_PATH"\n          sudo kubectl rollout restart deploy/clinical-os\n',
            "sudo kubectl rollout restart",
        ),
    ],
    ids=["manual-dropped", "manual-false", "kubectl-in-a-drilled-part"],
)
def test_dest008_a_block_reaching_production_is_manual(data_copy, catalog, file, old, new, marker):
    assert check(catalog, ["DEST008"]) == []
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["DEST008"])
    text = (data_copy / file).read_text(encoding="utf-8").splitlines()
    n = [i for i, t in enumerate(text, 1) if marker in t][-1]  # Re-enable AI's vercel line is the file's last
    col = len(text[n - 1]) - len(text[n - 1].lstrip()) + 1
    wanted = [(f"data/{file}", n, col)]
    if marker != "        manual: false":  # a destructive block's flags, where `manual: true` goes, too
        flags = max(i for i, t in enumerate(text[:n], 1) if t.strip() == "destructive: true")
        wanted = sorted([*wanted, (f"data/{file}", flags, 9)])
    assert [(p.file, p.line, p.col) for p in found] == wanted, [p.format() for p in found]
    assert all("production" in p.message for p in found)

"""`playbook check` runs the real tools on every block and reports each finding at the YAML line and column."""

from __future__ import annotations

import shutil

import pytest

from conftest import edit
from playbook.checks.engine import load_rules
from playbook.data.load import load_catalog
from playbook.project import Project
from playbook.runbooks import blockcheck
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"


def errors(data):
    # REF030 fires beside a fault that types a name nothing else writes (a table, a variable): test_known_names.py
    return [p for p in check(load_catalog(data)) if p.level == "error" and p.rule != "REF030"]


def where(data, file: str, marker: str, nth: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the `nth` line holding `marker` in a data file, read from the file itself."""
    hits = [
        (n, line.index(marker) + 1)
        for n, line in enumerate((data / file).read_text(encoding="utf-8").splitlines(), 1)
        if marker in line
    ]
    assert len(hits) >= nth, f"{marker!r} not in {file}"
    return hits[nth - 1]


# (rule, data file, old text, new text, marker: the finding sits at this text's line and column)
FAULTS = [
    (  # a bash syntax error in the middle of a |- block: bash -n names the line, the column is the command's
        "TOOL001",
        S + "database-down.yaml",
        '          sqlite3 -readonly "$DB_PATH" "SELECT 1;"\n',
        '          sqlite3 -readonly "$DB_PATH" "SELECT 1;"\n          done\n',
        "          done",
    ),
    (
        "TOOL002",
        C + "rollback.yaml",
        "          git log --oneline -10\n",
        '          git log --oneline -10\n          for f in $(ls "$DB_PATH"); do echo "$f"; done\n',
        '$(ls "$DB_PATH")',
    ),
    (  # a single-line plain scalar: the column of the filter after `code: jq -c '`
        "TOOL003",
        C + "log-access.yaml",
        "jq -c 'select(.context.duration > {{",
        "jq -c 'select(.context.duration >> {{",
        "select(.context.duration >>",
    ),
    (
        "TOOL004",
        S + "write-operations-failing.yaml",
        "COUNT(*) FROM ClinicalNote GROUP",
        "COUNT(*) FROM ClinicalNotes GROUP",
        "SELECT status, COUNT(*) FROM ClinicalNotes",
    ),
    (  # a TypeScript snippet (wrapped in a method body for tsc) whose other lines hold templates
        "TOOL005",
        C + "disable-ai.yaml",
        "              if (true) { // Emergency disable\n",
        "              const n: number = 'x';\n              if (true) { // Emergency disable\n",
        "n: number",
    ),
    (  # REF009 is ShellCheck's SC2154, with the placeholders of data/meta.yaml assigned before the block
        "REF009",
        S + "database-down.yaml",
        'code: ls -la "$DB_PATH"',
        'code: ls -la "$DB_PATH" "$DATABASE"',
        "$DATABASE",
    ),
    (  # arithmetic: the hand-written scan never saw $((COUNT+1))
        "REF009",
        S + "database-down.yaml",
        "        code: df -h\n",
        "        code: |-\n          df -h\n          echo $((COUNT + 1))\n",
        "COUNT + 1",
    ),
    (  # after a {{ template }} on the same line: the column counts from the line's end, as written
        "REF009",
        C + "log-access.yaml",
        'grep "endpoint\\":\\"{{ ep.signin }}\\"" "$LOG_FILE"',
        'grep "endpoint\\":\\"{{ ep.signin }}\\"" "$LOG_FILE" "$UNKNOWN"',
        "$UNKNOWN",
    ),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f"{f[0]}-{f[1]}" for f in FAULTS])
def test_tool_finding_at_the_yaml_line_and_column(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    line, col = where(data_copy, file, marker)
    if marker.startswith(" "):
        col += len(marker) - len(marker.lstrip())
    found = [(p.rule, p.file, p.line, p.col) for p in errors(data_copy)]
    assert found == [(rule, f"data/{file}", line, col)], [p.format() for p in errors(data_copy)]


def test_real_data_passes_every_tool(catalog):
    tools = {"TOOL001", "TOOL002", "TOOL003", "TOOL004", "TOOL005", "REF009"}
    assert [p.format() for p in check(catalog, sorted(tools))] == []


@pytest.mark.parametrize(
    "code",
    [
        'while read -r line; do echo "$line"; done < "$LOG_FILE"',  # a variable the loop reads in
        "cat <<'EOF'\n          $NOT_EXPANDED\n          EOF",  # a quoted heredoc: no expansion
    ],
)
def test_ref009_is_quiet_on_what_bash_does_not_leave_unset(data_copy, code):
    edit(data_copy / S / "database-down.yaml", "        code: df -h\n", f"        code: |-\n          {code}\n")
    assert [p.format() for p in errors(data_copy)] == []


@pytest.mark.parametrize(("required", "level"), [(True, "error"), (False, "warning")])
def test_a_missing_tool_is_one_finding_naming_it_and_the_setup(data_copy, monkeypatch, required, level):
    """Where every tool must be there (CI, --strict) it is an error; where an editor works, a warning."""
    real = shutil.which
    monkeypatch.setattr(blockcheck.shutil, "which", lambda name: None if name == "jq" else real(name))
    monkeypatch.setattr(Project, "tsc", property(lambda self: self.root / "no-node-modules" / "tsc"))
    found = [p for p in check(load_catalog(data_copy), tools_required=required) if "not installed" in p.message]
    assert sorted(p.rule for p in found) == ["TOOL003", "TOOL005"]  # one per tool, not one per block
    by_rule = {p.rule: p for p in found}
    assert by_rule["TOOL003"].message == "jq is not installed"
    assert by_rule["TOOL005"].message == "tsc is not installed"
    assert {p.level for p in found} == {level}
    assert "bash scripts/setup --test" in by_rule["TOOL005"].format()
    assert by_rule["TOOL005"].file == "data/procedures/disable-ai.yaml"  # the first block that needs it
    assert not [p for p in check(load_catalog(data_copy), tools_required=required) if p.rule == "REF009"]


def test_check_fast_skips_tsc_only(data_copy, capsys):
    from playbook.cli.main import main

    edit(
        data_copy / C / "disable-ai.yaml",
        "              if (true) { // Emergency disable\n",
        "              const n: number = 'x';\n              if (true) { // Emergency disable\n",
    )
    assert main(["--data", str(data_copy), "check"]) == 1
    assert "TOOL005" in capsys.readouterr().out
    assert main(["--data", str(data_copy), "check", "--fast"]) == 0
    assert "TOOL005" not in capsys.readouterr().out
    assert [r.id for r in load_rules().values() if r.slow] == ["TOOL005"]


def test_a_placeholder_renamed_where_declared_is_named_at_its_declaration_and_at_each_use(data_copy):
    """The declaration is the one line changed: REF010 there; each command still reading the old name is REF009,
    whose hint names the declaration's new name."""
    edit(data_copy / "meta.yaml", "  - name: DB_PATH\n", "  - name: DBPATH\n")
    found = [p for p in check(load_catalog(data_copy), ["REF009", "REF010"]) if p.level == "error"]
    meta = (data_copy / "meta.yaml").read_text(encoding="utf-8").splitlines()
    declared = meta.index("  - name: DBPATH") + 1
    assert [(p.file, p.line) for p in found if p.rule == "REF010"] == [("data/meta.yaml", declared)]
    uses = [p for p in found if p.rule == "REF009"]
    assert uses and all("did you mean $DBPATH" in p.hint for p in uses), [p.format() for p in uses]

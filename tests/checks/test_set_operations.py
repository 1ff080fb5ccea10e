"""RUN014: the SQL set operation a block runs is the one its comments and printed text say it counts (EXCEPT: the
rows one table lacks; INTERSECT: the rows both hold). Another operation is an error at its line; a block that says
nothing of what it counts passes."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.checks.set_operations import said, set_operations
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"
OP = "EXCEPT SELECT * FROM main"


def test_an_operation_the_words_do_not_say_is_found_at_its_line(data_copy):
    new = "UNION ALL SELECT * FROM main"  # every row of both: not those the restored database lacks
    edit(data_copy / ROLLBACK, OP, new)
    found = check(load_catalog(data_copy), ["RUN014"])
    assert [(p.file, p.line) for p in found] == [(f"data/{ROLLBACK}", line_of(data_copy / ROLLBACK, new))], found
    assert found[0].message.startswith("UNION keeps the rows of either query") and "write EXCEPT" in found[0].hint


def test_a_block_that_says_nothing_of_what_it_counts_passes(data_copy):
    path = data_copy / ROLLBACK
    edit(path, "that the restored database lacks: written after the backup", "compared with the restored database")
    edit(path, 'echo "salvaged into $salvaged; rows not in the restored database:"', 'echo "salvaged into $salvaged"')
    edit(path, OP, "INTERSECT SELECT * FROM main")
    assert [p.format() for p in check(load_catalog(data_copy), ["RUN014"])] == []


def test_what_a_block_says_and_runs():
    code = '# rows both hold\nsqlite3 -readonly a.db "SELECT x FROM t\n  intersect SELECT x FROM u;"\necho "in common:"'
    assert said(code) == {"common"} and set_operations(code, "shell") == [(3, 3, "INTERSECT")]
    assert said('echo "orders missing from the copy"') == {"difference"}
    assert said("# the union of both") == set()


def test_the_real_data_passes(catalog):
    assert check(catalog, ["RUN014"]) == []

"""A line and column of an expanded block map back to the YAML line and column the editor wrote."""

from __future__ import annotations

from playbook.data.sourcemap import CodeMap, written

YAML = """\
steps:
  - blocks:
      - kind: shell
        code: |-
          echo one
          curl "$BASE_URL{{ ep.health }}" -o out
            indented
          {{ many_lines }}
          last
      - code: jq -c '.a' "$LOG_FILE"  # a comment
      - code: "echo 'quoted'"
"""
LINES = YAML.split("\n")


def test_a_literal_block_maps_line_by_line():
    src = written(LINES, 4, 9)
    assert src.lines == [
        "echo one",
        'curl "$BASE_URL{{ ep.health }}" -o out',
        "  indented",
        "{{ many_lines }}",
        "last",
    ]
    assert src.starts == [(5, 11), (6, 11), (7, 11), (8, 11), (9, 11)]


def test_columns_before_and_after_a_template_are_exact_inside_it_point_at_it():
    expanded = 'echo one\ncurl "$BASE_URL/api/health" -o out\n  indented\na\nb\nc\nlast'
    m = CodeMap(written(LINES, 4, 9), (4, 9), expanded)
    assert m.at(1, 6) == (5, 16)  # "one"
    assert m.at(2, 7) == (6, 17)  # "$BASE_URL", before the template
    line2 = expanded.split("\n")[1]
    assert m.at(2, line2.index("-o") + 1) == (6, LINES[5].index("-o") + 1)  # "-o", after it
    assert m.at(2, line2.index("/api") + 3) == (6, LINES[5].index("{{") + 1)  # inside its output: its {{
    assert m.at(3, 3) == (7, 13)
    assert [m.at(n)[0] for n in (4, 5, 6)] == [8, 8, 8]  # lines one template made
    assert m.at(7, 1) == (9, 11)


def test_single_line_scalars_start_after_the_key():
    plain = written(LINES, 10, 9)
    assert plain.lines == ["jq -c '.a' \"$LOG_FILE\""] and plain.starts == [(10, 15)]
    quoted = written(LINES, 11, 9)
    assert quoted.lines == ["echo 'quoted'"] and quoted.starts == [(11, 16)]
    assert CodeMap(quoted, (11, 9), "echo 'quoted'").at(1, 6) == (11, 21)


def test_no_text_found_falls_back_to_the_key():
    assert written(LINES, 99, 1) is None
    assert CodeMap(None, (4, 9), "x").at(1, 1) == (4, 9)

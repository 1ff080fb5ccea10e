"""The step headings of a rendered page (`.pb-step`), with their prose, as `playbook run` walks them."""

from __future__ import annotations

from playbook.runbooks.outline import PageStep, page_steps

PAGE = """# Rollback

## Why { data-search-exclude }

Not a step: no class.

## Restore { .pb-step }

**Who may run it:** On-Call (Primary)

Use only when the `database` is corrupted: see [the page](x.md#y), DB_PATH stays.

**1. Stop writes:**

``` { .bash data-kind="shell" }
fuser "$DB_PATH"
```

**If it fails, stop here:** a process has it open: [stop it](z.md) first.

!!! success "Verify"

    Prints `ok`.

### 1. Identify error pattern { .pb-step }

- Validation errors → Fix validation logic
- Database errors → Check database health

## Notes

Outside every step.
"""


def test_page_steps_reads_marked_headings_with_their_text_and_verify_box():
    lines = PAGE.split("\n")
    restore = lines.index("## Restore { .pb-step }") + 1
    pattern = lines.index("### 1. Identify error pattern { .pb-step }") + 1
    notes = lines.index("## Notes") + 1
    assert page_steps(PAGE) == [
        PageStep(
            "Restore",
            restore,
            pattern,  # a step ends at the next step heading, even one below its level
            [
                "Who may run it: On-Call (Primary)",
                "Use only when the database is corrupted: see the page, DB_PATH stays.",
                "Verify: Prints ok.",
            ],  # what a block's failure means is not the step's prose: the runner shows it when the block fails
            "restore",
            ("x.md#y",),  # the links of the step's own prose
        ),
        PageStep(
            "Identify error pattern",
            pattern,
            notes,
            ["- Validation errors → Fix validation logic\n- Database errors → Check database health"],
            "1-identify-error-pattern",  # the heading's anchor keeps its number
        ),
    ]


def test_the_site_marks_every_scenario_step(catalog):
    from playbook.site.runbook import render_scenario

    for sid, sc in catalog.scenarios.items():
        assert [s.title for s in page_steps(render_scenario(catalog, sid))] == [s.title for s in sc.steps], sid

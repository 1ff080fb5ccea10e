"""A title renamed takes its section's anchor with it: the rule that finds the anchor gone (SRCH001, SRCH002, ALR001,
REF006) also reports at the title making the nearest anchor, since either side may be the edit; with no title near,
only the name."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from fault_tests import errors

# (file of the title, old title, new title, the rule, the search.yaml line that names the anchor)
RENAMED = [
    ("scenarios/ai-service-down.yaml", "  - title: Check AI service health", "  - title: Check AI provider health",
     "SRCH001", "#2-check-ai-service-health"),
    ("dashboard.yaml", "  - title: Rate Limiting", "  - title: Rate Limit Hits", "SRCH001", "#7-rate-limiting"),
    # a step of declaring: its anchor's number comes after a word (`step-5-communicate`)
    ("incident.yaml", "    title: Communicate", "    title: Communicate updates", "SRCH001", "#step-5-communicate"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "rule", "named"), RENAMED, ids=[r[2][10:] for r in RENAMED])
def test_a_renamed_title_is_found_at_the_title_and_at_the_name(data_copy, file, old, new, rule, named):
    edit(data_copy / file, old, new)
    found = errors(data_copy, [rule])
    naming = [n for n, t in enumerate((data_copy / "search.yaml").read_text().splitlines(), 1) if named in t]
    assert {(p.file, p.line) for p in found} == {
        (f"data/{file}", line_of(data_copy / file, new.strip())),
        *(("data/search.yaml", n) for n in naming),  # every answer naming it; the title once
    }, [p.format() for p in found]
    (at_title,) = [p for p in found if p.file == f"data/{file}"]
    assert named in at_title.message and "if the title was changed" in at_title.message


def test_words_added_to_a_title_are_found_at_it_for_a_search_answer_and_a_link(data_copy):
    """Set 24's M05: "Re-enable AI" became "Re-enable AI (after an outage)"; its anchor grew words at its end, and
    another anchor shares more letters with the old one (#why-disable-ai): the grown one is the title's. The search
    answers (SRCH001) and the page link (REF006) that name the old anchor are each shown beside the title too."""
    grown = "  - title: Re-enable AI (after an outage)\n"
    edit(data_copy / "procedures/disable-ai.yaml", "  - title: Re-enable AI\n", grown)
    title = ("data/procedures/disable-ai.yaml", line_of(data_copy / "procedures/disable-ai.yaml", "(after an outage)"))
    for rule, named in (("SRCH001", "search.yaml"), ("REF006", "procedures/rollback.yaml")):
        found = errors(data_copy, [rule])
        assert title in {(p.file, p.line) for p in found}, [p.format() for p in found]
        assert {p.file for p in found} == {title[0], f"data/{named}"}, [p.format() for p in found]


def test_a_name_typed_wrong_is_shown_beside_the_title_it_is_near(data_copy):
    edit(data_copy / "search.yaml", "scenarios/ai-service-down.md#2-check-ai-service-health",
         "scenarios/ai-service-down.md#2-check-ai-services-health")  # fmt: skip
    found = errors(data_copy, ["SRCH001"])
    assert {(p.file, p.line) for p in found} == {
        ("data/search.yaml", line_of(data_copy / "search.yaml", "#2-check-ai-services-health")),
        ("data/scenarios/ai-service-down.yaml", line_of(data_copy / "scenarios/ai-service-down.yaml",
                                                        "title: Check AI service health")),
    }  # fmt: skip


def test_no_title_near_leaves_the_name_alone(data_copy):
    edit(data_copy / "search.yaml", "scenarios/ai-service-down.md#2-check-ai-service-health",
         "scenarios/ai-service-down.md#9-zzz")  # fmt: skip
    found = errors(data_copy, ["SRCH001"])
    assert [(p.file, p.line) for p in found] == [("data/search.yaml", line_of(data_copy / "search.yaml", "#9-zzz"))]


def test_an_alerts_anchor_left_behind_by_a_renamed_step_is_shown_at_the_step(data_copy):
    edit(data_copy / "alerts.yaml", "    scenario: ai-service-down\n",
         "    scenario: ai-service-down\n    anchor: 2-check-ai-service-health\n")  # fmt: skip
    assert errors(data_copy, ["ALR001"]) == []  # the alert links the step while its title makes the anchor
    edit(data_copy / "scenarios/ai-service-down.yaml", "  - title: Check AI service health",
         "  - title: Check AI provider health")  # fmt: skip
    found = errors(data_copy, ["ALR001"])
    assert {(p.file, p.line) for p in found} == {
        ("data/alerts.yaml", line_of(data_copy / "alerts.yaml", "anchor: 2-check-ai-service-health")),
        ("data/scenarios/ai-service-down.yaml", line_of(data_copy / "scenarios/ai-service-down.yaml",
                                                        "title: Check AI provider health")),
    }, [p.format() for p in found]  # fmt: skip


def test_a_step_moved_under_another_number_is_found_at_its_title(data_copy):
    """Set 24's M40: Investigate moved before the status-page step of declaring, whose anchor is now step 4; the
    search answer naming #step-3-update-status-page-if-public is shown beside the moved step's title."""
    text = (data_copy / "incident.yaml").read_text(encoding="utf-8")
    status = "  - {id: status-page, title: Update status page (if public), status_page: true}\n"
    start = text.index("  - id: investigate\n")
    end = text.index("\n  - ", start + 1) + 1
    moved = text.replace(status, "").replace(text[start:end], text[start:end] + status)
    assert moved != text and moved.index(status) > moved.index("  - id: investigate\n")
    (data_copy / "incident.yaml").write_text(moved, encoding="utf-8")
    found = errors(data_copy, ["SRCH001"])
    title = ("data/incident.yaml", line_of(data_copy / "incident.yaml", "title: Update status page (if public)"))
    assert title in {(p.file, p.line) for p in found}, [p.format() for p in found]

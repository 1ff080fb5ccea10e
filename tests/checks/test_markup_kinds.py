"""Markup and link mistakes refused by kind, at the line (issue 24): anything between angle brackets outside code
(TXT001), Markdown in any field not declared Markdown (TXT006: titles, names and headings are plain by default), a
link's anchor that the page it is shown on lacks (REF006), an e-mail address in a contact's name (SEC009)."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from conftest import edit
from playbook.data import files as registry
from playbook.data.kinds import MarkdownText, Term, _plain_fields, plain
from playbook.data.load import load_catalog
from playbook.data.model import Prose, Text
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"


def _line_of(path, needle: str) -> int:
    (n,) = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return n


def _found_at(data, file: str, rule: str, needle: str, says: str = "") -> None:
    """`rule` is an error at the one line of `file` that holds `needle` (and only there), saying `says`."""
    found = [p for p in check(load_catalog(data), [rule]) if p.level == "error"]
    want = (f"data/{file}", _line_of(data / file, needle))
    assert found and {(p.file, p.line) for p in found} == {want}, [p.format() for p in found]
    assert all(says in p.message for p in found), [p.format() for p in found]


# --- TXT001: tag-like text outside code, autolinks and addresses included ------------------------------------
ANGLED = [
    # an autolink to a status page, in a symptom (flow mapping)
    (
        S + "database-down.yaml",
        "{text: Read operations failing,",
        "{text: 'Read operations failing (vendor status <https://status.sqlite.example/outages>)',",
        "<https://status.sqlite",
    ),
    # a mail autolink, on the second line of a block scalar: found at its own line, not at the key's
    (
        S + "database-down.yaml",
        '          means: "No answer, or not `ok`',
        "          means: |-\n            Nothing answers.\n"
        "            Write to <dba-desk@dramal.com> first. No answer, or not `ok`",
        "Write to <dba-desk",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "needle"), ANGLED, ids=["autolink", "mail-in-block-scalar"])
def test_an_angle_bracket_form_is_txt001_at_its_line(data_copy, file, old, new, needle):
    edit(data_copy / file, old, new)
    _found_at(data_copy, file, "TXT001", needle)


def test_the_same_forms_in_code_spans_and_comparisons_pass(data_copy):
    """It loads (no LOAD006), and a component name, a JSON body and an address in code spans, an `&` that is no
    reference, a comparison and a real Markdown link are text, not markup."""
    new = (
        "{text: 'Read operations failing in `<NoteForm>` for Q&A and R&D (p95 <5 s, x >= 2, a <- b), "
        'body `{"sessionId":"123"}`, see `<https://status.sqlite.example>` or '
        "[the status page](https://status.sqlite.example/outages)',"
    )
    edit(data_copy / S / "database-down.yaml", "{text: Read operations failing,", new)
    assert check(load_catalog(data_copy), ["TXT001", "TXT006", "REF006"]) == []


# --- TXT006: plain by default ----------------------------------------------------------------------------------
# One fault in each kind of field that becomes a heading, a nav entry, a table's key, a step's name or a label.
PLAIN_FAULTS = [
    (
        C + "disable-ai.yaml",
        "  - title: Verify AI is Disabled",
        "  - title: Verify AI is Disabled ([how](#disable-ai))",
    ),
    (S + "database-down.yaml", "title: Database is Down", "title: Database is **Down**"),
    ("contacts.yaml", "name: Backend Team,", "name: '[Backend Team](contacts.md)',"),
    ("matrix.yaml", "name: Auth failures,", "name: Auth `failures`,"),
    ("incident.yaml", "title: Assess severity,", "title: '[Assess](severities.md) severity',"),
    ("dashboard.yaml", "  - title: Error Rate", "  - title: Error __Rate__"),
    (C + "disable-ai.yaml", '"Option 2: Code change (emergency)"', '"Option 2: [Code change](rollback.md)"'),
    # a label beside a name, a condition's wording (printed by `playbook classify`, the alerts): plain (set 11 M12)
    ("dashboard.yaml", "role: Visualization}", 'role: "[Visualization](https://grafana.com/docs/)"}'),
    ("severities.yaml", "wording: Data corruption detected}", "wording: Data **corruption** detected}"),
]


@pytest.mark.parametrize(
    ("file", "old", "new"), PLAIN_FAULTS, ids=[f"{f[0]}:{f[1].strip()[:14]}" for f in PLAIN_FAULTS]
)
def test_markdown_in_a_title_or_name_is_txt006_at_its_line(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    _found_at(data_copy, file, "TXT006", new.strip()[:20])


class _Example(BaseModel):
    heading: str  # a field nobody declared: plain
    label: Text
    words: list[Term]
    body: Prose
    note: MarkdownText | None = None
    tags: dict[str, list[Text]] = {}


def test_a_field_is_plain_unless_declared_markdown():
    """A new field of any model is plain unless its type says Markdown: `body` and `note` are the only ones left out."""
    model = _Example(heading="h", label="l", words=["w"], body="b", note="n", tags={"k": ["v"]})
    want = [(("heading",), "h"), (("label",), "l"), (("tags", "k"), "k"), (("tags", "k", 0), "v"), (("words", 0), "w")]
    assert sorted(plain(model)) == want


def _models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(t):
        if isinstance(t, type) and issubclass(t, BaseModel) and t not in seen:
            seen.append(t)
            for f in t.model_fields.values():
                visit(f.annotation)
        for a in typing.get_args(t):
            visit(a)

    for spec in registry.CATALOG_FILES:
        visit(spec.model)
    return seen


# Field names that, in every model, become a heading, an anchor, a nav entry, a table's key or header, or a label.
TITLE_LIKE = {"title", "name", "heading", "columns", "topic", "keywords", "synonyms", "words"}


def test_every_title_like_string_field_of_any_model_is_plain():
    """The audit, kept: each such field's strings are read by TXT006 (none is declared Markdown or code)."""
    audited = [(m, name) for m in _models() for name, f in m.model_fields.items() if name in TITLE_LIKE]
    plain_fields = {(m, name) for m in _models() for name, _, strings, _ in _plain_fields(m) if strings}
    assert len(audited) >= 20  # titles, names, headings of a dozen models: the walk saw them
    assert [f"{m.__name__}.{name}" for m, name in audited if (m, name) not in plain_fields] == []


# --- REF006: anchors --------------------------------------------------------------------------------------------
ANCHOR_FAULTS = [
    # an anchor of its own page that no heading of the On-Call page has (its section is #escalation-path)
    (
        "oncall.yaml",
        "  - text: Execute runbooks for known issues",
        "  - text: Execute runbooks (see [the ladder](#escalation-ladder))",
    ),
    # a page that exists, with an anchor it lacks, from a file whose links were not followed before (incident.yaml)
    ("incident.yaml", "index.md#scenarios-by-symptom", "index.md#scenarios-by-sign"),
    # a scenario linking to a step anchor of its own page that is not there
    (
        S + "database-down.yaml",
        "{text: Read operations failing,",
        "{text: 'Read operations failing ([step](#9-restore-everything))',",
    ),
]


@pytest.mark.parametrize(("file", "old", "new"), ANCHOR_FAULTS, ids=["own-page", "other-page", "scenario-step"])
def test_an_anchor_no_heading_has_is_ref006_at_the_link(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    needle = next(part for part in new.replace("(", " ").replace(")", " ").split() if "#" in part)
    _found_at(data_copy, file, "REF006", needle, says=f"has no anchor {needle[needle.index('#') :]}")


def test_anchors_the_pages_have_pass(data_copy):
    edit(
        data_copy / "oncall.yaml",
        "  - text: Execute runbooks for known issues",
        "  - text: 'Execute runbooks ([path](#escalation-path))'",
    )
    edit(data_copy / "incident.yaml", "index.md#scenarios-by-symptom", "severities.md#sev-2")
    assert check(load_catalog(data_copy), ["REF006"]) == []


# --- SEC009: an address in a contact's name -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("new", "rules"),
    [
        ("name: Backend Team <api-desk@dramal.com>,", {"TXT001", "SEC009"}),  # as a mail client writes it
        ("name: Backend Team api-desk@dramal.com,", {"SEC009"}),
    ],
)
def test_an_address_in_a_contact_name_is_an_error_at_its_line(data_copy, new, rules):
    edit(data_copy / "contacts.yaml", "name: Backend Team,", new)
    found = [p for p in check(load_catalog(data_copy), ["TXT001", "SEC009", "REF005"]) if p.level == "error"]
    line = _line_of(data_copy / "contacts.yaml", "api-desk@")
    assert {p.rule for p in found} == rules and {(p.file, p.line) for p in found} == {("data/contacts.yaml", line)}

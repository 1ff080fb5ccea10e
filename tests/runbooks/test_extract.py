"""Extraction: every block of the rendered pages is found, classified, counted like the HTML, and in runbooks/."""

from __future__ import annotations

import re

import markdown
import pytest

from playbook.runbooks.extract import KINDS, CodeBlock, cross_check, parse_page
from runbook_env import RUNBOOKS


def test_every_block_is_classified_and_the_html_has_as_many(extracted):
    blocks, counts = extracted
    assert blocks, "no code block was extracted"
    assert cross_check(blocks, counts) == []
    assert sum(counts.values()) == len(blocks)


def test_the_html_shows_each_block_with_its_kind(extraction, extracted):
    from playbook.runbooks.extract import html_kinds

    (blocks, site), (_, counts) = extraction, extracted
    kinds = html_kinds(site)  # every page, the binder included
    assert {p: len(k) for p, k in kinds.items() if p in counts} == counts
    assert set(kinds) - set(counts) == {"binder.md"}
    for page, page_kinds in kinds.items():
        assert page_kinds == [b.kind for b in blocks if b.page == page], page


def test_fences_inside_admonitions_and_tabs_are_found(extracted):
    blocks, _ = extracted
    ai = [b for b in blocks if b.page == "disable-ai.md"]
    tabbed = {b.label: b for b in ai if b.label and b.label.startswith("Option")}
    assert tabbed["Option 1: Environment variable (recommended)"].danger
    assert tabbed["Option 1: Environment variable (recommended)"].manual
    assert tabbed["Option 2: Code change (emergency)"].kind == "typescript"
    assert "RateLimits" in tabbed["Option 3: Rate limit to zero (immediate)"].code


def _data_blocks(catalog):
    for sid, sc in catalog.scenarios.items():
        yield (
            f"scenarios/{sid}.md",
            [b for st in sc.steps for b in [*st.blocks, *(x for o in st.options for x in o.blocks)]],
        )
    for pid, pr in catalog.procedures.items():
        page = {"log-access": "logs"}.get(pid, pid) + ".md"
        yield page, [b for st in pr.steps for b in [*st.blocks, *(x for o in st.options for x in o.blocks)]]


def test_destructive_and_manual_marks_in_the_data_show_on_the_page(extracted, catalog):
    blocks, _ = extracted
    for page, data_blocks in _data_blocks(catalog):
        on_page = [b for b in blocks if b.page == page and b.kind == "shell"]
        assert [b.danger for b in on_page] == [b.destructive for b in data_blocks if b.kind == "shell"], page
        assert [b.manual for b in on_page] == [b.manual for b in data_blocks if b.kind == "shell"], page


def test_an_unclassified_block_fails():
    text = '# P\n\n``` { .bash data-kind="shell" }\nls\n```\n\n```bash\ndf -h\n```\n\n'
    text += '``` { .text data-kind="poem" }\nx\n```\n'
    blocks = parse_page("p.md", text)
    problems = cross_check(blocks, {"p.md": 3})
    assert len(problems) == 2
    assert problems[0].startswith("p.md:7: block 'df -h' has kind None")
    assert problems[1].startswith("p.md:11: block 'x' has kind 'poem'")


def test_a_fence_superfences_drops_is_caught_by_the_html_count():
    text = '``` { .bash data-kind="shell" }\nls\n```\n\n``` { .bash data-kind="shell" linenums }\ndf -h\n```\n'
    html = markdown.markdown(text, extensions=["attr_list", "pymdownx.highlight", "pymdownx.superfences"])
    assert html.count('<div class="highlight"') == 1  # the fence with a bare option is not a code block
    problems = cross_check(parse_page("p.md", text), {"p.md": html.count('<div class="highlight"')})
    assert problems == [
        "p.md: 2 fenced block(s) in the rendered Markdown but 1 code block(s) in the HTML "
        "(SuperFences drops a fence it cannot parse)"
    ]


def test_every_block_lands_in_a_file_naming_its_page_and_line(extracted):
    blocks, _ = extracted
    for b in blocks:
        base = RUNBOOKS / b.page.removesuffix(".md")
        if b.kind == "json":
            assert base.with_suffix(".json").read_text(encoding="utf-8") == b.code
            continue
        ext = "sh" if b.kind in ("shell", "jq") else {"typescript": "ts"}.get(b.kind, "txt")
        text = base.with_suffix(f".{ext}").read_text(encoding="utf-8")
        assert f"({b.where}" in text or f"--- {b.where} (" in text, f"{b.where} not named in {base}.{ext}"
        assert b.code.strip().splitlines()[-1].strip() in text


def test_kinds_are_the_documented_ones(extracted):
    blocks, _ = extracted
    assert {b.kind for b in blocks} <= set(KINDS)
    assert isinstance(blocks[0], CodeBlock)


def test_rendered_markdown_is_saved_only_when_asked(tmp_path):
    from playbook.adapters.mkdocs.rendered import ENV_VAR, save_rendered

    assert save_rendered("scenarios/x.md", "# X\n", environ={}) is None
    path = save_rendered("scenarios/x.md", "# X\n", environ={ENV_VAR: str(tmp_path)})
    assert path == tmp_path / "scenarios" / "x.md" and path.read_text(encoding="utf-8") == "# X\n"


def test_binder_blocks_must_repeat_runbook_blocks_exactly():
    from playbook.runbooks.extract import Fence, compilation_problems

    original = {"logs.md": [Fence(3, "shell", "df -h\n")]}
    assert compilation_problems({**original, "binder.md": [Fence(9, "shell", "df -h\n")]}) == []
    drifted = compilation_problems({**original, "binder.md": [Fence(7, "shell", "df -H\n")]})
    assert drifted == ["binder.md:7: block is not a copy of any runbook page's block"]
    relabelled = compilation_problems({**original, "binder.md": [Fence(7, "jq", "df -h\n")]})
    assert relabelled == ["binder.md:7: block is not a copy of any runbook page's block"]


def test_the_build_checked_the_binder_and_extraction_leaves_it_out(site, built_markdown):
    from playbook.runbooks.extract import COMPILATIONS, compilation_problems, fences, parse_pages

    assert compilation_problems({p: fences(md) for p, md in built_markdown.items()}) == []
    assert fences(built_markdown["binder.md"]), "the binder shows the runbooks' blocks"
    blocks = parse_pages({p: md for p, md in built_markdown.items() if p not in COMPILATIONS})
    assert not any(b.page in COMPILATIONS for b in blocks)


def test_extraction_reads_exactly_the_markdown_the_build_converts(built_markdown):
    """`playbook extract` renders the pages without a build; they are the pages the strict build converted."""
    from playbook.adapters.mkdocs.rendered import render_pages

    pages, _ = render_pages()
    assert sorted(pages) == sorted(built_markdown)
    assert [p for p in pages if pages[p] != built_markdown[p]] == []


def test_the_build_stops_when_the_html_drops_a_fence_or_changes_its_kind():
    from playbook.runbooks.extract import fences, html_problems

    md = '``` { .bash data-kind="shell" }\nls\n```\n\n``` { .bash data-kind="shell" linenums }\ndf -h\n```\n'
    html = markdown.markdown(md, extensions=["attr_list", "pymdownx.highlight", "pymdownx.superfences"])
    assert html_problems("p.md", fences(md), html) == [
        "p.md: 2 fenced block(s) in the rendered Markdown but 1 code block(s) in the HTML "
        "(SuperFences drops a fence it cannot parse: check the fence's options)"
    ]
    one = '``` { .bash data-kind="shell" }\nls\n```\n'
    assert html_problems("p.md", fences(one), html) == []
    assert html_problems("p.md", fences(one.replace("shell", "jq")), html) == [
        "p.md:1: code block has data-kind 'shell' in the HTML but 'jq' here"
    ]
    assert html_problems("p.md", fences(one.replace("ls", "rm -rf /tmp/x")), html) == [
        "p.md:1: code block shows other text in the HTML than was extracted, at 'rm -rf /tmp/x'"
    ]


def test_every_built_page_shows_the_extracted_code_text_exactly(site, extraction):
    """The copy button copies the code element's text: it is the text of the block that was extracted."""
    from playbook.runbooks.extract import html_blocks

    blocks, _ = extraction
    for f in site.rglob("*.html"):
        page = f.relative_to(site).with_suffix(".md").as_posix()
        mine = [(b.kind, b.code) for b in blocks if b.page == page]
        assert html_blocks(f.read_text(encoding="utf-8")) == mine, page


def test_the_build_hooks_stop_on_a_dropped_fence_and_on_a_binder_that_drifted():
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from playbook.adapters.mkdocs import plugin

    def page(uri, md):
        return SimpleNamespace(file=SimpleNamespace(src_uri=uri), markdown=md)

    def html(md):
        return markdown.markdown(md, extensions=["attr_list", "pymdownx.highlight", "pymdownx.superfences"])

    ok = '``` { .bash data-kind="shell" }\nls\n```\n'
    hooks = plugin.PlaybookPlugin()
    hooks.on_pre_build({})
    assert hooks.on_page_content(html(ok), page("logs.md", ok), {}, None) == html(ok)
    dropped = ok + '\n``` { .bash data-kind="shell" linenums }\ndf -h\n```\n'
    with pytest.raises(PluginError, match="2 fenced block"):
        hooks.on_page_content(html(dropped), page("scenarios/x.md", dropped), {}, None)
    drifted = ok.replace("ls", "ls -la")
    hooks.on_page_content(html(drifted), page("binder.md", drifted), {}, None)
    with pytest.raises(PluginError, match="binder.md:1: block is not a copy"):
        hooks.on_env(None, {}, None)


def test_extract_writes_runbooks_only_from_data_that_passes_the_checks(data_copy, tmp_path, capsys):
    from conftest import edit
    from playbook.cli.main import main

    out = tmp_path / "runbooks"
    assert main(["--data", str(data_copy), "extract", "--out", str(out)]) == 0
    report = capsys.readouterr().out
    committed = [p for p in RUNBOOKS.rglob("*") if p.is_file()]  # the same data: the same files
    assert (out / "manifest.json").is_file() and f"{len(committed)} written, 0 removed" in report
    edit(
        data_copy / "severities.yaml",
        'op: ">", value: 5, upto: 20, wording: Elevated',
        'op: ">", value: 50, wording: Elevated',
    )
    broken = tmp_path / "broken"
    assert main(["--data", str(data_copy), "extract", "--out", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "data/severities.yaml:" in err and "SEV001" in err and err.endswith("; nothing written\n")
    assert not broken.exists()


def _reference_blocks(page: str, text: str) -> list[tuple]:
    """What markdown-it (CommonMark, code blocks and the rules that cannot hold a fence off) finds."""
    from markdown_it import MarkdownIt

    from playbook.runbooks.extract import _containers, _text

    lines = text.splitlines()
    md = MarkdownIt("commonmark").disable(
        ["code", "inline", "list", "table", "hr", "reference", "lheading", "blockquote"]
    )
    tokens = md.parse(text)
    out, heading, label = [], "", None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":  # without its attr_list (`{ .pb-step }`), as the attr_list extension reads it
            heading, label = _text(re.sub(r"\s*\{[^{}]*\}\s*$", "", tokens[i + 1].content)), None
        elif tok.type == "paragraph_open" and tokens[i + 1].content.startswith("**"):
            content = _text(tokens[i + 1].content)
            label = content.rstrip(":") if content.endswith(":") else label
        elif tok.type == "fence":
            tab = next((t for mark, _, t in reversed(_containers(lines, tok.map[0])) if mark == "==="), None)
            out.append((page, tok.map[0] + 1, tok.info.strip(), tok.content, heading, tab or label))
    return out


def _scanned(page: str, text: str) -> list[tuple]:
    from playbook.runbooks.extract import _tokens

    found = parse_page(page, text)
    infos = [t.info.strip() for t in _tokens(text) if t.type == "fence"]
    return [(b.page, b.line, info, b.code, b.heading, b.label) for b, info in zip(found, infos, strict=True)]


TRICKY = {
    "unclosed fence": "# T\n\n```bash\nls\n",
    "longer closer and tildes": "~~~~ { .sh }\na\n~~~\nb\n~~~~~\n\n```\n`x`\n```\n",
    "backtick in info is no fence": "``` a`b\nx\n```\n",
    "fence after a paragraph line": "Text\n```bash\nls\n```\n",
    "indented fence continues a paragraph": "Text\n    ```bash\n    ls\n    ```\n",
    "admonition": '!!! danger "Careful"\n\n    **Label:**\n\n    ``` { .bash }\n    rm x\n    ```\n',
    "html blocks": '<div class="x">\n```\nnot a fence\n```\n\n<a id="y"></a>\n\n<!-- c\n```\n-->\n\n```bash\nok\n```\n',
    "closing hashes": "## Step 2 ##\n\n```\na\n```\n### #\n",
}


def test_the_block_scanner_finds_what_markdown_it_finds(built_markdown):
    from playbook.adapters.mkdocs.rendered import render_pages
    from playbook_dev.synth import generate

    for name, text in TRICKY.items():
        assert _scanned(name, text) == _reference_blocks(name, text), name
    for page, text in built_markdown.items():
        assert _scanned(page, text) == _reference_blocks(page, text), page
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        pages, _ = render_pages(generate(Path(tmp) / "data", 40))
    for page, text in pages.items():
        assert _scanned(page, text) == _reference_blocks(page, text), page

"""Text shown otherwise than typed: a word's asterisks read as emphasis (TXT010), a trim gluing words (TXT011)."""

from __future__ import annotations

import re

import yaml

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data import expand
from playbook.data.markup import markdown_strings
from playbook.markdown import outside_code

# A run of emphasis delimiters, not after a backslash (an escaped one is text)
_RUN = re.compile(r"(?<!\\)(?:\*+|_+)")
# What may stand outside a delimiter that opens emphasis (a line's start, a space, an opening bracket or quote) and
# inside one that closes it (a word, a code span, a closing bracket or quote, a sentence's punctuation); the mirror
# of each on the other side. Emphasis an editor means is set on words, so its delimiters sit at a word's edge.
_OUTSIDE_OPEN = " \t\n([{\"'“‘"
_INSIDE_OPEN = "`([\"'“‘$"
_INSIDE_CLOSE = "`)]\"'”’.,;:!?%"
_OUTSIDE_CLOSE = " \t\n)]}\"'”’.,;:!?"
_EMPHASIS = re.compile(r"<(?:em|strong)>")


def _at_a_word_edge(text: str, start: int, end: int) -> bool:
    """Whether the delimiter run text[start:end] sits where emphasis an editor types does: opening before a word
    (after a space or an opening bracket) or closing after one (before a space or a punctuation mark)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    opens = before in _OUTSIDE_OPEN and (after.isalnum() or after in _INSIDE_OPEN)
    closes = (before.isalnum() or before in _INSIDE_CLOSE) and after in _OUTSIDE_CLOSE
    # … but a punctuation mark with a word glued after it is inside that word: `write.*.error` closes nothing
    glued = after in ".,;:!?" and end + 1 < len(text) and text[end + 1].isalnum()
    return opens or (closes and not glued)


def glued_emphasis(render, text: str) -> tuple[int, str] | None:
    """(offset, run) of the first delimiter run of `text` that sits inside a word (`corrupt-*/`, `2*3`, `*.log`) and
    that the site's Markdown reads as emphasis (escaping it changes what is emphasized); None when there is none."""
    if "*" not in text and "_" not in text:
        return None
    rest = outside_code(text)
    html = None
    for m in _RUN.finditer(rest):
        if _at_a_word_edge(text, m.start(), m.end()):  # a code span beside it is a word
            continue
        html = html if html is not None else render(text)
        escaped = text[: m.start()] + "".join("\\" + c for c in m.group(0)) + text[m.end() :]
        if len(_EMPHASIS.findall(render(escaped))) != len(_EMPHASIS.findall(html)):
            return m.start(), m.group(0)
    return None


@rule(
    "TXT010",
    "error",
    "no asterisk or underscore inside a word of the data's Markdown text that the site reads as emphasis",
    "A glob, a wildcard or a product typed as prose (`$DB_PATH.corrupt-*/`, `salvaged.*`, `2*3*4`) holds asterisks "
    "that Markdown pairs as emphasis: the page drops them and sets the text between them in italics, so the folder "
    "pattern or the number the reader must type loses its asterisks, while `playbook run` and the binder print them. "
    "Each delimiter run that sits inside a word, not at a word's edge where emphasis an editor means is typed, is "
    "rendered twice, as typed and escaped: when the emphasis changes, the site read the characters as markup.",
    "put the path, glob or formula in a code span (`$DB_PATH.corrupt-*/`), or escape the character with a backslash",
)
def emphasis_inside_words(ctx: CheckContext, report: Reporter):
    render = ctx.render
    if render is None:  # checks run without the site's Markdown: nothing to read it with
        return
    cat = ctx.catalog
    for file, path, text in markdown_strings(cat):
        if found := glued_emphasis(render, text):
            at, run = found
            shown = text[max(0, at - 16) : at + 16]
            message = f"{run!r} in {shown!r} is read as emphasis: the page drops it, sets what follows in italics"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)


# Jinja's whitespace control: a `-` inside a tag's delimiter strips the whitespace beside it
_TRIM_OPEN = re.compile(r"([{][{%#])-")
_TRIM_CLOSE = re.compile(r"-([}%#][}])")


def untrimmed(template: str) -> str:
    """`template` without whitespace control (`{{-` read as `{{`, `-}}` as `}}`, the same for `{%` and `{#`)."""
    return _TRIM_CLOSE.sub(r" \1", _TRIM_OPEN.sub(r"\1 ", template))


def glued_words(template: str, ctx: dict) -> int:
    """The offset of the first trim marker of `template` when its whitespace control joins words that the same
    template without it keeps apart (the rendered words differ), else -1 (no trim, a trim that only removes spare
    whitespace, or a template that does not render: LOAD005 says so)."""
    m = _TRIM_OPEN.search(template) or _TRIM_CLOSE.search(template)
    if not m:
        return -1
    try:
        trimmed, kept = expand.render_text(template, ctx), expand.render_text(untrimmed(template), ctx)
    except Exception:  # noqa: BLE001 - the loader reports a template that fails
        return -1
    return m.start() if _joined(trimmed, kept) else -1


def _starts(text: str) -> set[int]:
    """The offsets, in `text` with its whitespace taken out, where each of its words starts."""
    out, at = set(), 0
    for word in text.split():
        out.add(at)
        at += len(word)
    return out


def _joined(trimmed: str, kept: str) -> bool:
    """Whether `trimmed` (the same characters as `kept`, less whitespace) joins two of `kept`'s words: a space taken
    out between two words, not before a closing punctuation mark nor after an opening bracket (`x ,` → `x,`)."""
    chars = "".join(kept.split())
    if chars != "".join(trimmed.split()):
        return False
    return any(chars[i] not in _OUTSIDE_CLOSE and chars[i - 1] not in "([{" for i in _starts(kept) - _starts(trimmed))


def _raw(node, path: tuple):
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node


@rule(
    "TXT011",
    "error",
    "no template whitespace control (a dash just inside a tag's braces) that glues words together",
    "Jinja's whitespace control, a habit of Ansible and Helm templates, strips every space beside the tag: the "
    'link() tag written with its dashes between "Go to" and ", click" renders "Go to[Vercel Dashboard](…)", which '
    'the page, the runner and the binder show as "Go toVercel Dashboard". Each templated text with a trim is '
    "rendered twice, as typed and with its trims read as plain delimiters: when the words differ, the trim joined "
    "two of them. The data never needs a trim for its text: it is one line of prose.",
    "write the tag without the dashes inside its braces, with the spaces the sentence needs around it",
)
def trims_gluing_words(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    base = None
    params = {cat.source[k]: ("scenario_param", dict(v.params)) for k, v in cat.scenarios.items()}
    params |= {cat.source[k]: ("procedure_param", dict(v.params)) for k, v in cat.procedures.items()}
    for file, positions in cat.positions.items():
        paths = [p for p in getattr(positions, "templated", []) or []]
        if not paths:
            continue
        try:
            raw = yaml.safe_load((cat.base / file).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        for path in paths:
            text = _raw(raw, path)
            if not isinstance(text, str) or not (_TRIM_OPEN.search(text) or _TRIM_CLOSE.search(text)):
                continue
            base = base if base is not None else expand.context(cat)
            env = dict(base)
            if file in params:
                name, values = params[file]
                env[name] = lambda k, p=values: p[k]
            if (at := glued_words(text, env)) >= 0:
                message = f"{text[at : at + 24]!r}: the template's trim glues the words beside it together"
                yield _finding_at(cat, report, file, path, text, at, message, column=True)

"""Checker rule REF030, deny by default: every name the data writes (a path, address, channel, field) is one known."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections import Counter
from pathlib import PurePosixPath

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data import files as F
from playbook.data.markup import code_strings, own_strings
from playbook.data.seed import seed_text
from playbook.markdown import outside_code

# The shapes of a name the reader types or follows exactly, by kind (the group's name). Each is a name whatever the
# words around it say: an address, a mailbox, a file, a channel, a handle, a team, a variable, a dotted field, a
# snake_case identifier, a numbered section's anchor, a CamelCase product, a word in capitals.
NAME = re.compile(
    r"""(?P<address>https?://[^\s)"'`<>\]]*[^\s)"'`<>\].,;:!?])
    |(?P<mailbox>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    |(?P<file>(?<![\w$}{.])(?:~|\.\.?)?/[\w.@-]+(?:/[\w.@-]+)*
        |\b[\w.-]+(?:/[\w.-]+)*\.(?:ts|tsx|js|mjs|json|jsonl|db|sql|ya?ml|sh|log|md|html|txt|env|prisma|py|service
        |conf|toml)\b)
    |(?P<channel>(?<![\w&/#{])\#[a-z][\w-]+)
    |(?P<handle>(?<![\w.@])@[a-z][\w-]+)
    |(?P<team>\b(?:[A-Z][\w&-]*\s)+Team\b)
    |(?P<variable>\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b)
    |(?P<field>\b[a-z][a-z0-9_]+(?:\.[a-z][a-z0-9_]+)+\b)
    |(?P<anchor>(?<![\w./#-])\d+(?:-[a-z0-9]+){3,}(?![\w/.-]))
    |(?P<identifier>(?<![\w.$])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.]))
    |(?P<product>\b[A-Z]?[a-z]+(?:[A-Z][a-z0-9]+)+\b)
    |(?P<capitals>(?<![\w-])[A-Z]{4,}(?![\w-]))""",
    re.X,
)
# Names written in words, whose case the seed may write otherwise ("the typescript snippet", "the backend team", a
# level's name CRITICAL); a word in capitals is a name in prose (a level, a status), a keyword in code (SQL's LIKE)
_ANY_CASE = {"team", "product", "capitals"}
_PROSE_ONLY = {"capitals"}
_FAMILY = re.compile(r"[\w.-]*\*[\w.*-]*\.[\w.*-]*|[\w.-]+\.\*")


def _key_paths(value, prefix: str = "", out: set[str] | None = None) -> set[str]:
    """Every dotted path of keys of a parsed data file (`postmortem.public_holidays`), list items passed through."""
    out = set() if out is None else out
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.add(path)
            _key_paths(item, path, out)
    elif isinstance(value, list):
        for item in value:
            _key_paths(item, prefix, out)
    return out


def _data_fields(cat) -> set[str]:
    """The dotted key paths of every catalog part, and their tails (`fixes.value` of `decisions.fixes.value`)."""
    paths: set[str] = set()
    for spec in F.CATALOG_FILES:
        part = getattr(cat, spec.part)
        items = list(part.values()) if spec.folder else [part]
        for model in items:
            _key_paths(model.model_dump(mode="json", by_alias=True), "", paths)
    return paths | {".".join(p.split(".")[k:]) for p in paths for k in range(1, p.count(".") + 1)}


class Known:
    """Whether a name is known: the seed writes it, it names a file or page of the project (or a file `playbook
    generate` writes), a field of the data, an address under one of the data's links, or the data writes it more
    than once (a name's home and its use)."""

    def __init__(self, ctx: CheckContext, counts: Counter[str]):
        cat = ctx.catalog
        self.seed = seed_text(cat.project)
        self.seed_folded = self.seed.lower()
        # A family the seed names with a wildcard (`write.*.error`) knows each of its names (`write.note.error`)
        self.families = [re.compile(fnmatch.translate(g)) for g in _FAMILY.findall(self.seed)]
        self.root, self.data, self.docs = cat.project.root, cat.project.data, cat.project.docs
        self.pages = set(ctx.page_names())
        self.links = [link.url for link in cat.meta.links]
        self.generated = {cat.project.rel(path) for path in cat.project.generated}
        self.counts = counts
        self._fields: set[str] | None = None
        self.cat = cat

    def fields(self) -> set[str]:
        if self._fields is None:
            self._fields = _data_fields(self.cat)
        return self._fields

    def file(self, name: str, where: str) -> bool:
        """A file of the project, from its root, the data or the pages (a page link from the page it is on)."""
        bare = name.split("#")[0].removeprefix("~/").lstrip("/")
        if not bare:
            return True
        if bare.endswith(".html"):  # a page of the built site
            bare = bare.removesuffix(".html") + ".md"
        folder = F.SCENARIOS.name if PurePosixPath(where).parent.name == F.SCENARIOS.name else ""
        page = posixpath.normpath(posixpath.join(folder, bare))  # a page link, from the page the text is on
        return (
            page in self.pages
            or bare in self.generated
            or any((base / bare).exists() for base in (self.root, self.data, self.docs))
        )

    def __call__(self, kind: str, name: str, where: str) -> bool:
        if self.counts[name] > 1 or name in self.seed:
            return True
        if kind in _ANY_CASE and name.lower() in self.seed_folded:
            return True
        if any(family.match(name) for family in self.families):
            return True
        if kind == "address":
            return any(name.startswith(url) for url in self.links)
        if kind == "file":
            return self.file(name, where)
        if kind in ("field", "identifier"):
            return name in self.fields() or self.file(name, where)
        return False


def names(strings: list[tuple[str, tuple, str]]) -> list[tuple[str, tuple, str, int, str, str]]:
    """(file, path, text, offset, kind, name) of every name written in `strings`, a sentence's full stop left out."""
    out = []
    for file, path, text in strings:
        for m in NAME.finditer(text):
            out.append((file, path, text, m.start(), m.lastgroup or "", m.group(0).rstrip(".")))
    return out


@rule(
    "REF030",
    "error",
    "every name the data writes (a file, an address, a mailbox, a channel, a handle, a team, a variable, a field, an "
    "identifier, a section's anchor, a product, a word in capitals) is one the seed or the project knows, or one "
    "the data writes again",
    "A name is followed as written: a slip or a guess in one (`eng-mrg@`, `src/lib/ai.ts`, `QA Team`, "
    "`/etc/alertmanger/…`) sends the reader to a mailbox, a file or a team that does not exist, and nothing else "
    "reads it. Deny by default: a name is known when the seed playbook (data/seed/) writes it, when it is a file or "
    "page of the project or a field of the data, when it starts with one of meta.yaml's links, or when the data "
    "writes it in two places (its home and a use). A name written once that none of these knows is refused.",
    "write the name as the seed or the data writes it elsewhere (check its spelling); if it is new and right, add it "
    "to meta.yaml's names, with why it is known",
)
def names_the_data_knows(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found = names(own_strings(cat))
    counts = Counter(name for *_, name in found)
    known = Known(ctx, counts)
    code = {(f, p) for f, p, _ in code_strings(cat)}
    for file, path, text, at, kind, name in found:  # a name found twice is known: each reported is found once
        if kind in _PROSE_ONLY and ((file, path) in code or outside_code(text)[at] != text[at]):
            continue
        if known(kind, name, file):
            continue
        message = f"the {kind} {name!r} is written only here, and neither the seed nor the project knows it"
        yield _finding_at(cat, report, file, path, text, at, message, column=True)

"""The site's Markdown of one data text: the extensions mkdocs.yml configures (read by MkDocs), and those it does not.

The checks (TXT008) read a data text as HTML to see what it means to a Markdown reader, whatever the site does
with it: the extensions mkdocs.yml configures (read here through MkDocs' own config option, its built-ins
included: one source), plus the extensions of the same ecosystem the site does NOT configure, so that what an
editor types for them (`~~strike~~`, `++ctrl+k++`, `:material-alert:`, `--8<--` snippets, `==mark==`, footnotes,
abbreviations, definition lists, task lists) shows as the construct it is instead of passing as text. A snippet
is never read from disk: its base path is a folder that does not exist, so an inclusion fails, naming itself.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from pathlib import Path

from playbook import project as projects

# Extensions of Python-Markdown and PyMdown (with Material's icons) that an editor of a Material site types, added
# to the configured ones unless mkdocs.yml configures them itself (then its configuration holds).
OTHERS: dict[str, dict] = {
    "abbr": {},
    # math as blocks and \(…\) only: an inline `$…$` would read a shell's "$HOME/$USER" as math
    "pymdownx.arithmatex": {"generic": True, "inline_syntax": ["round"]},
    "pymdownx.blocks.admonition": {},
    "pymdownx.blocks.details": {},
    "pymdownx.blocks.html": {},
    "pymdownx.blocks.tab": {},
    "pymdownx.bracketspan": {},
    "pymdownx.progressbar": {},
    "def_list": {},
    "footnotes": {},
    "pymdownx.caret": {},
    "pymdownx.critic": {},
    "pymdownx.emoji": {},  # Material's index and icons: filled in by _others(), which imports Material
    "pymdownx.keys": {},
    "pymdownx.mark": {},
    "pymdownx.snippets": {"base_path": ["/nonexistent/playbook-snippets"], "check_paths": True},
    "pymdownx.tasklist": {},
    "pymdownx.tilde": {},
}


def site_extensions(config_file: Path) -> tuple[list[str], dict[str, dict]]:
    """(extension names, their configs) of mkdocs.yml's `markdown_extensions`, MkDocs' built-ins first, as MkDocs
    validates them (its own option of its own config schema): a mistake there is MkDocs' ValidationError."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        raw = yaml_load(f) or {}
    config = MkDocsConfig(config_file_path=str(config_file))
    option = dict(MkDocsConfig._schema)["markdown_extensions"]
    option.pre_validation(config, "markdown_extensions")
    config["markdown_extensions"] = option.validate(raw.get("markdown_extensions", []))
    option.post_validation(config, "markdown_extensions")
    return list(config["markdown_extensions"]), dict(config[option.configkey])


def _others(emoji: bool) -> dict[str, dict]:
    """OTHERS, with Material's icon index for the emoji extension (its load takes a tenth of a second: only for a
    text that holds a shortcode), or without the emoji extension."""
    if not emoji:
        return {k: v for k, v in OTHERS.items() if k != "pymdownx.emoji"}
    from material.extensions import emoji as icons

    return OTHERS | {"pymdownx.emoji": {"emoji_index": icons.twemoji, "emoji_generator": icons.to_svg}}


def _shortcode(text: str) -> bool:
    """`text` holds what the emoji extension's own pattern finds and Material's index may hold: an emoji's name or
    alias, or an icon of one of Material's icon sets (`:material-…:`), whose folder names it. Only to spare the index's
    load (it walks every icon file): "HH:MM:SS" holds `:MM:`, which names neither."""
    from pymdownx import twemoji_db
    from pymdownx.emoji import RE_EMOJI

    names = [m.group(1) for m in re.finditer(RE_EMOJI, text)]
    return any(n in twemoji_db.emoji or n in twemoji_db.aliases or n[1:].split("-")[0] in _icon_sets() for n in names)


@functools.cache
def _icon_sets() -> frozenset[str]:
    import material

    return frozenset(p.name for p in (Path(material.__file__).parent / "templates" / ".icons").iterdir() if p.is_dir())


def text_renderer(project: projects.Project) -> Callable[[str], str]:
    """`render(text)`: the HTML of a data text under the site's extensions and the others (`OTHERS`), each Markdown
    built at its first use (a run whose texts are all plain never imports them; the emoji extension only renders a
    text its own pattern finds a shortcode in). An extension that refuses the text (a snippet inclusion) raises its
    own exception."""
    made: dict[bool, object] = {}

    def render(text: str) -> str:
        emoji = _shortcode(text)
        if emoji not in made:
            import markdown

            names, configs = site_extensions(project.config)
            others = {k: v for k, v in _others(emoji).items() if k not in names}
            made[emoji] = markdown.Markdown(extensions=names + list(others), extension_configs=configs | others)
        md = made[emoji]
        md.reset()
        return md.convert(text)

    render.key = _key(project.config)  # type: ignore[attr-defined]
    return render


def _key(config_file: Path) -> bytes:
    """What a render depends on besides the text, for the check's cache: mkdocs.yml, this module, the libraries'
    versions (the files that name them, found and read, nothing imported)."""
    out = [Path(__file__).read_bytes()]
    for path in [config_file] + [_version_file(name) for name in ("markdown", "pymdownx", "mkdocs", "material")]:
        try:
            out.append(path.read_bytes() if path else b"?")
        except OSError:
            out.append(b"?")
    return b"\0".join(out)


def _version_file(package: str) -> Path | None:
    """The file of an installed package that names its version (its `__meta__.py`, else its `__init__.py`)."""
    spec = importlib.util.find_spec(package)
    if not spec or not spec.origin:
        return None
    meta = Path(spec.origin).with_name("__meta__.py")
    return meta if meta.is_file() else Path(spec.origin)

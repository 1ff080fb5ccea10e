"""The loader's fast paths (libyaml parse, compiled-expression cache) give exactly what the slow paths give."""

from __future__ import annotations

import pytest
import yaml

from playbook import load
from playbook.expand import _ENV, context, render_text
from playbook.load import DATA_DIR

FILES = sorted(DATA_DIR.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DATA_DIR)) for p in FILES])
def test_one_libyaml_parse_equals_two_pure_python_parses(path):
    text = path.read_text(encoding="utf-8")
    node, data = load._parse(text, load._CLoader)
    assert data == yaml.load(text, Loader=load._Loader)  # noqa: S506 - a SafeLoader
    assert load._positions(node) == load._positions(yaml.compose(text, Loader=load._Loader))


def _template_strings() -> list[str]:
    out: list[str] = []

    def walk(obj):
        if isinstance(obj, str) and ("{{" in obj or "{%" in obj):
            out.append(obj)
        elif isinstance(obj, list):
            for x in obj:
                walk(x)
        elif isinstance(obj, dict):
            for x in obj.values():
                walk(x)

    for f in FILES:
        walk(yaml.safe_load(f.read_text(encoding="utf-8")))
    return out


EDGE = [
    "{{ x }}}",
    "a {{- x }} b",
    "{{ -x }}",
    "{{ x -}} c",
    "{{ '}}' }}",
    '{{ "a}}b" ~ "c" }}',
    "{{ y }}",
    "{% if x %}{{ x }}{% endif %}",
    "{{ json({'a': 1}) }}",
    "{{ x }}\n",
    "a}}b{{ x }}",
    "{#c#}{{ x }}",
    "{{ ep.readyness }}",
    "{{ x",
    "{{ x }} {{ x * 2 }}",
    "{{ x }}\r\n",
]


def _outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001 - compare the error too
        return ("error", type(e).__name__, str(e))


def test_render_text_matches_a_full_jinja_render(catalog):
    ctx = {**context(catalog), "scenario_param": lambda k: "1h", "x": 3, "y": None}
    texts = _template_strings()
    assert len(texts) > 20
    for text in [*texts, *EDGE]:
        assert _outcome(lambda t=text: render_text(t, ctx)) == _outcome(lambda t=text: _ENV.from_string(t).render(ctx))


def test_catalog_repr_is_short(catalog):
    assert len(repr(catalog)) < 200 and f"{len(catalog.scenarios)} scenarios" in repr(catalog)

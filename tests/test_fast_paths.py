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
    _same_as_pyyaml(path.read_text(encoding="utf-8"))


def _same_as_pyyaml(text: str) -> None:
    data, positions = load._parse(text, load._CLoader)
    assert data == yaml.load(text, Loader=load._Loader)  # noqa: S506 - a SafeLoader
    assert positions == load._positions(yaml.compose(text, Loader=load._Loader))


UNUSUAL = {
    "scalars": "a: 1\nb: 2.5\nc: true\nd: null\ne: 2026-01-16\nf: '007'\ng: [x, 0x1f, ~]\n3: int key\n",
    "aliases": "base: &b {x: 1, y: [2, 3]}\none: *b\ntwo: *b\n",
    "nested": "steps:\n  - title: T\n    blocks:\n      - kind: shell\n        code: |-\n          ls\n          df\n",
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_the_fast_builder_agrees_with_pyyaml_on_unusual_yaml(text):
    _same_as_pyyaml(text)


def test_merge_keys_are_refused_as_before():
    text = "base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n"
    for loader in (load._CLoader, load._Loader):
        with pytest.raises(yaml.constructor.ConstructorError, match="merge"):
            load._parse(text, loader)


def test_aliases_share_one_object_like_pyyaml():
    data, _ = load._parse("base: &b {x: 1}\none: *b\n", load._CLoader)
    assert data["one"] is data["base"]


def test_the_fast_builder_refuses_a_duplicate_key_with_its_line():
    with pytest.raises(yaml.constructor.ConstructorError) as e:
        load._parse("a: 1\nb:\n  c: 2\n  c: 3\n", load._CLoader)
    assert "duplicate key 'c' (first at line 3)" in str(e.value) and e.value.problem_mark.line == 3


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

"""The loader's fast paths (libyaml parse, compiled-expression cache) give exactly what the slow paths give."""

from __future__ import annotations

import pytest
import yaml

from conftest import DATA_DIR
from playbook.data import load, yaml_parse
from playbook.data.expand import _ENV, context, render_text

FILES = sorted(DATA_DIR.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DATA_DIR)) for p in FILES])
def test_one_libyaml_parse_equals_two_pure_python_parses(path):
    _same_as_pyyaml(path.read_text(encoding="utf-8"))


def _same_as_pyyaml(text: str) -> None:
    data, positions = yaml_parse.parse(text, yaml_parse.CLoader)
    assert data == yaml.load(text, Loader=yaml_parse.Loader)  # noqa: S506 - a SafeLoader
    assert positions == yaml_parse.positions_of(yaml.compose(text, Loader=yaml_parse.Loader))


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
    for loader in (yaml_parse.CLoader, yaml_parse.Loader):
        with pytest.raises(yaml.constructor.ConstructorError, match="merge"):
            yaml_parse.parse(text, loader)


def test_aliases_share_one_object_like_pyyaml():
    data, _ = yaml_parse.parse("base: &b {x: 1}\none: *b\n", yaml_parse.CLoader)
    assert data["one"] is data["base"]


def test_the_fast_builder_refuses_a_duplicate_key_with_its_line():
    with pytest.raises(yaml.constructor.ConstructorError) as e:
        yaml_parse.parse("a: 1\nb:\n  c: 2\n  c: 3\n", yaml_parse.CLoader)
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


@pytest.mark.parametrize("synthetic", [0, 30], ids=["real data", "30 synthetic scenarios"])
def test_expanding_only_the_recorded_template_paths_equals_walking_every_string(synthetic, tmp_path, monkeypatch):
    from playbook.data import expand
    from playbook_dev.synth import generate

    data = generate(tmp_path / "data", synthetic) if synthetic else DATA_DIR
    calls = []
    real_expand_at = expand._expand_at

    def spy(obj, paths, fn):
        calls.append(real_expand_at(obj, paths, fn))
        return calls[-1]

    monkeypatch.setattr(expand, "_expand_at", spy)
    fast = load.load_catalog(data)
    assert calls and all(calls), "every runbook took the recorded paths"
    assert sum(len(p.templated) for p in fast.positions.values()) > 0
    monkeypatch.setattr(expand, "_expand_at", lambda obj, paths, fn: False)
    slow = load.load_catalog(data)

    def dump(cat):
        parts = [*cat.scenarios.values(), *cat.procedures.values(), cat.incident, cat.dashboard]
        return [x.model_dump() for x in parts]

    assert dump(fast) == dump(slow)
    assert "{{" not in repr(dump(fast))


def test_template_paths_are_recorded_while_parsing_aliases_included():
    text = "a: &x {c: '{{ ep.x }}', d: 'plain {braces}'}\nb: *x\nl: [one, '{% if x %}y{% endif %}']\n"
    _, positions = yaml_parse.parse(text, yaml_parse.CLoader)
    assert positions.templated == [("a", "c"), ("b", "c"), ("l", 1)]
    assert yaml_parse.templated_paths(yaml.safe_load(text)) == positions.templated

"""Benchmark measurements: timed child processes, repeated runs, plain-MkDocs copies and page weight."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from playbook import project as projects


def root() -> Path:
    """The root of the project being benchmarked, found from the current folder as `playbook` finds it."""
    return projects.find().root


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    """Run `cmd` to completion: wall seconds, CPU seconds (user+sys) and peak RSS (MiB) of the child."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd or root(), env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child and the children it waited for
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mib": usage.ru_maxrss / 1024,
        "rc": proc.returncode,
        "log": log,
    }


def stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def summary(runs: list[dict]) -> dict:
    """Median, min and max of wall and CPU time over `runs`, and the highest peak RSS."""
    return {
        "wall": stats([r["wall"] for r in runs]),
        "cpu": stats([r["cpu"] for r in runs]),
        "rss_mib": max(r["rss_mib"] for r in runs),
    }


def checked(result: dict, what: str, ok: tuple[int, ...] = (0,)) -> dict:
    if result["rc"] not in ok:
        raise RuntimeError(f"{what} failed (exit {result['rc']}):\n{result['log'][-3000:]}")
    return result


def mkdocs_cmd(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)]


# --- the plain-MkDocs copy -------------------------------------------------------------------------
CAPTURE_HOOK = '''"""Bench capture hook: writes each page's Markdown after the macros ran, its meta, and the nav."""
import json, os, pathlib, yaml
from mkdocs.plugins import event_priority

OUT = pathlib.Path(os.environ["PB_BENCH_CAPTURE"])


@event_priority(-200)  # after the timer's end hook
def on_page_markdown(markdown, page, config, files):
    dest = OUT / "docs" / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), sort_keys=False, allow_unicode=True) if page.meta else ""
    dest.write_text((f"---\\n{meta}---\\n\\n" if meta else "") + markdown, encoding="utf-8")
    return markdown


def on_post_build(config):
    extra = {k: v for k, v in config["extra"].items() if k != "pb_catalog"}
    (OUT / "conf.json").write_text(json.dumps({"nav": config["nav"], "extra": extra}, default=str))
'''
# CPU time spent in the events where the data layer works (macros' on_config loads the data; our
# on_files hook renders the scenario pages; macros' on_page_markdown renders the pages' macros;
# our on_page_content hook compares each page's HTML code blocks with its fences).
TIMER_EVENTS = ("on_config", "on_files", "on_pre_build", "on_page_markdown", "on_page_content")
TIMER_HOOK = """import json, os, pathlib, sys, time
from mkdocs.plugins import event_priority

OUT = pathlib.Path(os.environ["PB_BENCH_CAPTURE"]) / "timer.json"
state = sys.modules.setdefault("pb_bench_timer", type(sys)("pb_bench_timer"))  # shared by both hook files
SPANS = state.__dict__.setdefault("spans", {})
_start = state.__dict__.setdefault("start", {})


def _hook(event, priority, end):
    @event_priority(priority)
    def fn(*args, **kwargs):
        if end:
            SPANS[event] = SPANS.get(event, 0.0) + time.process_time() - _start[event]
            OUT.write_text(json.dumps(SPANS))
        else:
            _start[event] = time.process_time()
        return args[0] if args else next(iter(kwargs.values()), None)
    return fn


for _e in EVENTS:
    globals()[_e] = _hook(_e, PRIORITY, END)
"""


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping unknown tags (!ENV, !!python/name) as their plain values."""


_AnyTagLoader.add_multi_constructor(
    "", lambda loader, suffix, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None
)


def _config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506


def _plugin_name(p) -> str:
    return p if isinstance(p, str) else next(iter(p))


DATA_LAYER_PLUGINS = ("macros", "playbook")  # what the plain copy leaves out: the data layer's plugins


def plain_copy(root: Path, data: Path, work: Path) -> Path:
    """A MkDocs project in `work` whose pages are `root`'s rendered Markdown: no macros, no data loading.

    Returns its mkdocs.yml. One build of `root` with a capture hook records every page after the
    macros ran (front matter included), the generated nav and the `extra` values the theme reads;
    timer hooks around the data layer's events write their CPU time to `work/data_layer.json`.
    """
    capture = work / "capture"
    capture.mkdir(parents=True)
    (capture / "hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    for name, priority, end in (("timer_start", 100, False), ("timer_end", -100, True)):
        code = TIMER_HOOK.replace("EVENTS", repr(TIMER_EVENTS)).replace("PRIORITY", str(priority))
        (capture / f"{name}.py").write_text(code.replace("END", str(end)), encoding="utf-8")
    (capture / "macros").symlink_to(root / "macros")  # mkdocs-macros imports module_name beside the config
    conf = _config(root)
    conf["docs_dir"] = str(root / conf.get("docs_dir", "docs"))
    if isinstance(conf.get("theme"), dict) and conf["theme"].get("custom_dir"):
        conf["theme"]["custom_dir"] = str(root / conf["theme"]["custom_dir"])
    hooks = [str(root / h) for h in conf.get("hooks", [])]
    conf["watch"] = [str(root / w) for w in conf.get("watch", [])]  # paths are relative to the config file
    conf["hooks"] = [str(capture / "timer_start.py"), *hooks, str(capture / "timer_end.py"), str(capture / "hook.py")]
    (capture / "mkdocs.yml").write_text(yaml.safe_dump(conf, sort_keys=False), encoding="utf-8")
    env = {"PLAYBOOK_DATA": str(data), "PB_BENCH_CAPTURE": str(capture)}
    build = checked(run(mkdocs_cmd(capture / "mkdocs.yml", work / "capture-site"), cwd=root, env=env), "capture build")
    spans = json.loads((capture / "timer.json").read_text())
    (work / "data_layer.json").write_text(json.dumps({"cpu": build["cpu"], "events": spans}))
    shutil.rmtree(work / "capture-site")

    plain = work / "plain"
    shutil.copytree(conf["docs_dir"], plain / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(capture / "docs", plain / "docs", dirs_exist_ok=True)
    got = json.loads((capture / "conf.json").read_text())
    conf["docs_dir"] = str(plain / "docs")
    conf["nav"] = got["nav"]
    conf["extra"] = got["extra"]
    conf["hooks"] = []
    conf["plugins"] = [p for p in conf["plugins"] if _plugin_name(p) not in DATA_LAYER_PLUGINS]
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(conf, sort_keys=False), encoding="utf-8")
    return plain / "mkdocs.yml"


# --- page weight -------------------------------------------------------------------------------------
_TAG = re.compile(r"<(?:script|link|img|source)\b[^>]*>")
_NAV_LINK = re.compile(r'rel="(?:next|prev|canonical|alternate)"')  # not fetched by the browser


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def search_index(site: Path) -> dict:
    raw = (site / "search" / "search_index.json").read_bytes()
    return {"raw": len(raw), "gzip": gz(raw)}


def first_visit(site: Path, page: str = "index.html") -> dict:
    """Bytes a first visit of `page` transfers, gzipped: the HTML, what it references, and what the
    theme's JavaScript fetches at load (the search worker from `__config`, search/search_index.json)."""
    html = (site / page).read_text(encoding="utf-8")
    items: dict[str, int] = {page: gz(html.encode())}
    third_party: list[str] = []
    refs = []
    for tag in _TAG.findall(html):
        url = re.search(r'\b(?:src|href)="([^"]+)"', tag)
        if url and not _NAV_LINK.search(tag):
            refs.append(url.group(1))
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    if config and json.loads(config.group(1)).get("search"):
        refs += [json.loads(config.group(1))["search"], "search/search_index.json"]
    for ref in dict.fromkeys(refs):
        if re.match(r"^(https?:)?//", ref):
            third_party.append(ref)
            continue
        path = (site / page).parent / ref.split("#")[0].split("?")[0]
        if path.is_file():
            items[ref] = gz(path.read_bytes())
            if path.suffix == ".css":
                for url in re.findall(r"url\((?!['\"]?data:)['\"]?([^)'\"]+)", path.read_text(encoding="utf-8")):
                    font = path.parent / url.split("#")[0].split("?")[0]
                    if font.is_file():
                        items[str(font.relative_to(site))] = len(font.read_bytes())  # fonts, images: compressed
    return {"total_gzip": sum(items.values()), "items": items, "third_party": third_party}

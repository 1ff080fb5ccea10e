"""TypeScript snippets: typechecked by tsc (npm, pinned) against stand-in declarations; rate limits match the data."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from playbook.data import durations
from playbook.runbooks.toolcheck import TSC_FLAGS, ts_module
from runbook_env import ROOT

TSC = ROOT / "node_modules" / ".bin" / "tsc"
DECLS = ROOT / "data" / "app" / "clinical-os.d.ts"
FLAGS = TSC_FLAGS
wrap = ts_module


def tsc(*args: str) -> subprocess.CompletedProcess:
    assert TSC.exists(), f"{TSC} missing: run scripts/setup --test (npm ci installs the pinned typescript)"
    return subprocess.run([str(TSC), *FLAGS, *args], capture_output=True, text=True, cwd=ROOT)


def _write(tmp_path: Path, blocks) -> dict[Path, object]:
    files = {}
    for n, b in enumerate(blocks, 1):
        f = tmp_path / f"snippet{n}.ts"
        f.write_text(wrap(b.code), encoding="utf-8")
        files[f] = b
    return files


def test_every_typescript_snippet_typechecks(extracted, tmp_path):
    blocks = [b for b in extracted[0] if b.kind == "typescript"]
    assert len(blocks) >= 2
    files = _write(tmp_path, blocks)
    proc = tsc("--noEmit", str(DECLS), *map(str, files))
    if proc.returncode != 0:
        msgs = []
        for f, b in files.items():
            mine = [line for line in proc.stdout.splitlines() if f"{f.name}(" in line]
            if mine:
                msgs.append(f"{b.where} ({b.heading} / {b.label}):\n" + "\n".join(mine))
        raise AssertionError("tsc:\n" + ("\n".join(msgs) or proc.stdout))


def test_tsc_rejects_a_snippet_that_breaks_the_declarations(extracted, tmp_path):
    block = next(b for b in extracted[0] if b.kind == "typescript" and "refused" in b.code)
    broken = block.__class__(**{**block.__dict__, "code": block.code.replace("'low' as const", "'certain'")})
    files = _write(tmp_path, [broken])
    proc = tsc("--noEmit", str(DECLS), *map(str, files))
    assert proc.returncode != 0 and "snippet1.ts(9,9): error TS2322" in proc.stdout, proc.stdout
    assert "'AIConfidence'" in proc.stdout


def test_rate_limit_snippet_equals_the_data_with_ai_disabled(extracted, catalog, tmp_path):
    block = next(b for b in extracted[0] if b.kind == "typescript" and "RateLimits" in b.code)
    src = tmp_path / "rate-limit.ts"
    src.write_text(wrap(block.code), encoding="utf-8")
    out = tmp_path / "js"
    proc = tsc("--outDir", str(out), str(DECLS), str(src))
    assert proc.returncode == 0, proc.stdout
    js = out / "rate-limit.js"
    node = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify(require({json.dumps(str(js))}).RateLimits))"],
        capture_output=True,
        text=True,
    )
    assert node.returncode == 0, node.stderr
    want = {
        lim.id: {"requests": 0 if lim.id == "AI" else lim.requests, "windowSeconds": durations.seconds(lim.window)}
        for lim in catalog.data.rate_limits
    }
    assert json.loads(node.stdout) == want


def test_tsc_is_the_pinned_version():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["typescript"]
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/typescript"]["version"]
    proc = tsc("--version")
    assert proc.stdout.strip() == f"Version {pinned}" and lock == pinned

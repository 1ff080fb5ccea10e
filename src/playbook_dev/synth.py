"""Synthetic playbooks for benchmarks: the real data folder plus N generated, valid scenarios."""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

from playbook import project as projects
from playbook.checks.implied_levels import implied_levels
from playbook.checks.same_commands import commands
from playbook.data.load import load_catalog
from playbook.data.walk import blocks
from playbook.runbooks.destructive import excused_lines

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/scenario.schema.json\n"
PREFIX = "synth-"

SUBSYSTEMS = [
    "Clinical Notes",
    "Prescriptions",
    "Session Scheduler",
    "Sign-In",
    "Token Refresh",
    "AI Note Drafts",
    "Audit Trail",
    "Patient Search",
    "Lab Results Import",
    "Billing Export",
    "Document Upload",
    "Referral Letters",
    "Appointment Reminders",
    "Consent Forms",
    "Care Plans",
    "Medication History",
    "Clinic Dashboard",
    "Role Permissions",
    "Data Sync",
    "Report Generator",
]
FAILURES = [
    ("Timeouts", ["timeout", "slow", "hanging"]),
    ("Error Spike", ["errors", "500", "failing"]),
    ("Stale Data", ["stale", "outdated", "not updating"]),
    ("Partial Outage", ["partial outage", "some users", "intermittent"]),
    ("Lock Contention", ["locked", "busy", "sqlite locked"]),
    ("Rate Limit Storm", ["429", "rate limit", "throttled"]),
    ("Validation Failures", ["validation", "400", "rejected"]),
    ("Duplicate Writes", ["duplicates", "double save", "retry"]),
    ("Missing Records", ["missing", "not found", "404"]),
    ("Memory Pressure", ["oom", "memory", "restarts"]),
    ("Slow Queries", ["slow queries", "db latency", "query time"]),
    ("Permission Errors", ["403", "forbidden", "access denied"]),
]
VARIANTS = [
    "",
    "After a Deploy",
    "During Peak Hours",
    "For Clinic Admins",
    "On Mobile",
    "At Month End",
    "After Migration",
    "In One Region",
]
LINKS = [
    ("Rollback Strategy", "../rollback.md#roll-back-the-deployment"),
    ("Restore from backup", "../rollback.md#restore-the-database-from-backup"),
    ("How to Disable AI Quickly", "../disable-ai.md"),
    ("Log Access", "../logs.md"),
    ("Who Owns What", "../matrix.md"),
]


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, like the hand-written scenarios."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


class _Facts:
    """What a generated scenario may quote: taken from the loaded source data, never typed here."""

    def __init__(self, source: Path):
        cat = load_catalog(source)
        self.incident_types = cat.matrix.incident_types
        # the levels the ladder gives each incident type it names (SEV011): a scenario of it is at one of them
        self.type_levels = {t.id: implied_levels(cat, t.name) for t in cat.matrix.incident_types}
        self.metrics = [x.name for x in cat.data.metrics]
        self.signal_metric = {s.id: s.metric for s in cat.severities.signals}
        self.get_eps = [e for e in cat.data.endpoints if not e.external and e.method == "GET" and e.id != "metrics"]
        self.post_eps = [e for e in cat.data.endpoints if not e.external and e.method == "POST" and e.id != "signin"]
        self.has = {e.id for e in cat.data.endpoints}
        self.conditions = [(lvl.id, c.signal) for lvl in cat.severities.levels for c in lvl.conditions if c.op != "is"]
        self.first_number = max(sc.number for sc in cat.scenarios.values()) + 1
        self.real = [(sc.title, f"{sid}.md") for sid, sc in cat.scenarios.items()]
        # what the real data says the rollback command changes and how it is undone (DEST038: one text a command)
        said = next(b for _, _, b in blocks(cat) if b.destructive and commands(b.code) == "vercel rollback --yes")
        self.rollback = {"changes": said.changes, "undo": said.undo}


def _blocks(rng: random.Random, f: _Facts, metric: str) -> list[dict]:
    """One step's code: shell with curl/jq/sqlite3 quoting catalog endpoints, metrics and placeholders."""
    get = rng.choice(f.get_eps)
    post = rng.choice(f.post_eps)
    auth = ' \\\n  -H "Authorization: Bearer $TOKEN"' if post.auth == "bearer" else ""
    choices = [
        f'# Is the app ready?\ncurl -s -o /dev/null -w "%{{http_code}}\\n" "$BASE_URL{{{{ ep[\'{get.id}\'] }}}}"',
        f'# Current value of {metric}\ncurl -s "$BASE_URL{{{{ ep.metrics }}}}" | jq \'.metrics.counters["{metric}"]\'',
        f"# Call the endpoint once and print its status field\ncurl -s -X POST \"$BASE_URL{{{{ ep['{post.id}'] }}}}\""
        f'{auth} \\\n  -H "Content-Type: application/json" \\\n  -d \'{{"sessionId":"123"}}\' | jq \'.status\'',
        f"# Recent errors on this endpoint (the first 20, taken inside jq: D-log-query-edges)\n"
        f'jq -cn \'limit(20; inputs | select(.level == "error" and .context.endpoint == '
        f'"{{{{ ep[\'{post.id}\'] }}}}"))\' "$LOG_FILE"',
        "# Server errors since the start of the window\n"
        "jq -c --arg since \"$SINCE\" 'select(.timestamp[:19] >= $since[:19] and .context.statusCode >= 500)'"
        ' "$LOG_FILE"',
        "# Which clients hit the rate limit most\n"
        "jq -r 'select(.context.statusCode == 429) | .context.ip' \"$LOG_FILE\" | sort | uniq -c | sort -rn",
        "# Trace one request end to end\n"
        'jq -c --arg id "$REQUEST_ID" \'select(.context.requestId == $id)\' "$LOG_FILE"',
        "# Note states right now\n"
        'sqlite3 -readonly "$DB_PATH" "SELECT status, COUNT(*) FROM ClinicalNote GROUP BY status;"',
        '# Database file health\nsqlite3 -readonly "$DB_PATH" "PRAGMA integrity_check;"',
        "# Slowest requests in the export\n"
        "jq -c 'select(.context.duration > 1000) | {id: .context.requestId, ms: .context.duration}' \"$LOG_FILE\"",
    ]
    out = [{"kind": "shell", "code": rng.choice(choices)}]
    if "-X POST" in out[0]["code"]:  # a write to the app: DEST001 wants it marked, with why it is harmless
        why = "One request for test session 123: it changes no stored data."
        # DEST009: the reason was read for this command, as the page renders it (the endpoint's path in place)
        rendered = out[0]["code"].replace(f"{{{{ ep['{post.id}'] }}}}", post.path)
        confirmed = [fp for _, _, fp in excused_lines(rendered)]
        out[0]["safe"] = {"covers": ["POST"], "why": why, "confirmed": confirmed}
    if rng.random() < 0.25:
        out.append({"kind": "sql", "code": "SELECT id, status FROM ClinicalNote WHERE status = 'draft' LIMIT 10;"})
    return out


def scenario(rng: random.Random, f: _Facts, number: int, title: str, related: str) -> dict:
    """One scenario as YAML-ready data: 5 to 7 steps, symptoms, keywords, matrix and owner references."""
    it = rng.choice(f.incident_types)
    sev, signal = rng.choice(f.conditions)
    metric, metric2 = rng.sample(f.metrics, 2)
    metric = f.signal_metric.get(signal) or metric  # the metric the severity condition is measured on
    if metric == f.signal_metric.get("ai_error_rate"):  # AI001: AI errors are only ever quoted with the AI condition
        sev, signal = next((s, g) for s, g in f.conditions if g == "ai_error_rate")
    it = rng.choice([t for t in f.incident_types if not f.type_levels[t.id] or sev in f.type_levels[t.id]])
    ep = rng.choice(f.get_eps)
    sid = f"{PREFIX}{number:04d}-{_slug(title)}"
    words = [w.lower() for w in title.split()]
    steps = [
        {
            "title": f"Confirm the {title.lower()}",
            "text": f"Compare `{metric}` with its baseline; {{{{ condition('{sev}', '{signal}') }}}} means {sev}.",
            "blocks": _blocks(rng, f, metric),
        },
        {
            "title": "Look for the pattern in the logs",
            "blocks": _blocks(rng, f, metric2),
            "items": ["Errors from one endpoint → check its last deploy", "Errors everywhere → check the database"],
        },
        {
            "title": "Check the database",
            "blocks": [
                {
                    "kind": "shell",
                    # answering is not whole (D-db-integrity): the same block checks the file itself
                    "code": "# Is the database answering, and is its file whole?\n"
                    'sqlite3 -readonly "$DB_PATH" "SELECT 1;"\n'
                    'sqlite3 -readonly "$DB_PATH" "PRAGMA quick_check;"',
                }
            ],
            "verify": f"`{{{{ ep['{ep.id}'] }}}}` answers 200 again.",
        },
        {
            "title": "Decision: mitigate now or wait?",
            "decision_rule": True,
            "items": [
                "If it lasts less than {{ duration(scenario_param('wait_limit')) }} → keep watching",
                "If it lasts {{ duration(scenario_param('wait_limit')) }} or more"
                f" → see [{related[0]}]({related[1]})",
            ],
            "who": [it.primary],
        },
    ]
    if rng.random() < 0.5:
        link_title, link = rng.choice(LINKS)
        steps.append(
            {
                "title": "Roll back if a deploy caused it",
                "text": f"See [{link_title}]({link}).",
                "blocks": [
                    {
                        "kind": "shell",
                        "destructive": True,
                        "manual": True,
                        "code": "# Rollback\nvercel rollback --yes",
                        **f.rollback,
                    }
                ],
                "who": [it.primary, it.secondary],
            }
        )
    if rng.random() < 0.5:
        steps.append(
            {
                "title": "Watch the recovery",
                "blocks": [
                    {
                        "kind": "shell",
                        "code": f"# Check every {{{{ duration(scenario_param('poll_every')) }}}}\n"
                        "watch -n {{ seconds(scenario_param('poll_every')) }}"
                        ' "curl -s $BASE_URL{{ ep.metrics }}'
                        f' | jq \'.metrics.counters[\\"{metric}\\"]\'"',
                    }
                ],
            }
        )
    steps.append(
        {
            "title": "Notify team",
            "blocks": [{"kind": "chat", "code": f'/incident update "{title}: mitigated, investigating root cause."'}],
        }
    )
    return {
        "id": sid,
        "number": number,
        "title": title,
        "incident_type": it.id,
        "severity": sev,
        "owner": it.primary,
        "review_every": "90d",
        "found_by": "humans",  # no alert rule is generated for synthetic scenarios (ALR003)
        "symptoms": [
            {"text": f"`{metric}` spiking ({{{{ condition('{sev}', '{signal}') }}}})", "metrics": [metric]},
            {"text": f"`{{{{ ep['{ep.id}'] }}}}` slow or failing", "endpoint": ep.id},
            {"text": f"Users report {words[-1]} problems in {title.split()[0]}"},
        ],
        "keywords": sorted({" ".join(words), *words[:2], metric, f"{it.name.lower()} {words[-1]}"}),
        "synonyms": {words[0]: [it.id, f"{words[0]} issue"]},
        "steps": steps,
        "params": {"wait_limit": rng.choice(["15m", "30m", "1h"]), "poll_every": rng.choice(["1m", "5m", "10m"])},
    }


def titles(n: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    combos = [(s, fl, v) for s in SUBSYSTEMS for fl in FAILURES for v in VARIANTS]
    if n > len(combos):
        raise ValueError(f"at most {len(combos)} synthetic scenarios")
    return [(" ".join(x for x in (s, name, v) if x), kw) for s, (name, kw), v in rng.sample(combos, n)]


def generate(dest: Path, n: int, source: Path | None = None, seed: int = 9) -> Path:
    """Write a data folder at `dest`: a copy of `source` (default data/) plus `n` synthetic scenarios."""
    source = Path(source or projects.find().data)
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    facts = _Facts(source)
    rng = random.Random(seed)
    related = list(facts.real)  # (title, link from a scenario page): a real scenario or an earlier synthetic one
    for i, (title, kws) in enumerate(titles(n, rng)):
        number = facts.first_number + i
        data = scenario(rng, facts, number, title, rng.choice(related))
        data["keywords"] = sorted({*data["keywords"], *kws})
        text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
        (dest / "scenarios" / f"{data['id']}.yaml").write_text(SCHEMA_LINE + text, encoding="utf-8")
        related.append((title, f"{data['id']}.md"))
    return dest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m playbook_dev.synth", description=__doc__)
    p.add_argument("n", type=int, help="number of synthetic scenarios")
    p.add_argument("dest", help="data folder to write (replaced if it exists)")
    p.add_argument("--seed", type=int, default=9)
    args = p.parse_args(argv)
    generate(Path(args.dest), args.n, seed=args.seed)
    print(f"wrote {args.dest} with {args.n} synthetic scenarios")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Typed models of the playbook data (pydantic v2); every YAML file has one root model."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from playbook.data.durations import parse_duration
from playbook.data.kinds import EXAMPLE, MARKDOWN, VALUE, Example, MarkdownText, Value
from playbook.data.outputs import PROMETHEUS_HELP, SCRIPT_NOTE, SCRIPT_PROMPT
from playbook.data.patterns import ApiPath, Id, MetricName, Name, SeverityId, Url, worded
from playbook.data.suggest import one_edit

TBD = "TBD"
# A field whose value names its item alone (a team's Slack channel, a role's handle): two items of one list never share
# it (OWN003 reads the mark from the schema, `x-identity`); TBD, not known yet, is no value.
IDENTITY = {"x-identity": True}


def _duration(v: str) -> str:
    parse_duration(v)
    return v


Duration = Annotated[str, AfterValidator(_duration), Field(description="e.g. 5m, 1h30m, 4h, 3d"), VALUE]
Text = Annotated[str, Field(min_length=1)]  # plain text (TXT006): a title, a name, a heading, a label


# Every string is plain text unless its field is declared Markdown (data/kinds.py): `Prose` is text the page reads
# as Markdown (a help line, a reason), where code spans, emphasis and links are allowed.
Prose = Annotated[str, Field(min_length=1), MARKDOWN]


def _known(v: str) -> str:
    """A value, or TBD; a short capitalised value one slip from TBD ("TDB", "TBA") is the mark mistyped: it would be
    shown as the value, and the warning that it is missing would go away."""
    if v != TBD and v.isupper() and len(v) == len(TBD) and one_edit(v, TBD):  # initials ("TD") are a value
        raise ValueError(
            f"{v!r} is one letter from {TBD}, the mark of a value not known yet: write {TBD}, or the value"
        )
    return v


Known = Annotated[
    str, Field(min_length=1, description='A value, or "TBD" while unknown; never blank'), AfterValidator(_known), VALUE
]
# A citation: the decision of decisions.yaml that fixed some of this item's values (the fields its `fixes:` names)
Cites = Annotated[Id | None, Field(description="The decision (decisions.yaml) fixing the fields its fixes: names")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, strict=True)


# --- meta.yaml ---------------------------------------------------------------
class Placeholder(Strict):
    name: Name
    meaning: Annotated[Prose, SCRIPT_PROMPT]
    default: Value | None = None
    secret: bool = False
    decision: Cites = None


class Link(Strict):
    id: Id
    title: Text
    url: Url
    decision: Cites = None


class KnownName(Strict):
    name: Value  # a name the data writes once and the seed does not (checks/known_names.py, REF030), as written
    why: Prose  # where the name comes from: why it is right though nothing else writes it


class Meta(Strict):
    system: Value
    system_version: Value
    seed_last_updated: date
    mail_domain: str = worded(
        r"^[a-z0-9-]+(\.[a-z0-9-]+)+$",
        "a domain",
        "lower-case letters, digits and '-', in dot-separated labels, e.g. example.com",
        description="the organisation's mail domain: every e-mail address in the data is a role mailbox on it "
        "(or on a reserved example domain, in an example)",
    )
    placeholders: list[Placeholder]
    links: list[Link] = []
    names: list[KnownName] = []
    edit_uri: str | None = worded(
        r"^[A-Za-z0-9._~%-][A-Za-z0-9._~%/-]*/$",
        "a path",
        "letters, digits and '.', '_', '~', '%', '-', '/', no '/' at the start and one at the end, e.g. edit/main/",
        None,
        description="what follows the playbook-source link's URL to open a file of the repository for editing "
        "(e.g. edit/main/ on GitHub or Gitea, -/edit/main/ on GitLab); the file's path comes after it",
    )

    def link(self, link_id: str) -> Link | None:
        return next((x for x in self.links if x.id == link_id), None)


# --- severities.yaml ---------------------------------------------------------
class Signal(Strict):
    id: Id
    name: Text
    unit: Literal["%", "x", "min", "ms", "bool"]
    metric: Value | None = None


class Condition(Strict):
    signal: Id
    op: Literal[">", ">=", "<", "<=", "is"]
    value: float | bool
    upto: float | None = Field(None, description="inclusive upper bound, with > or >=")
    wording: Text  # plain: `playbook classify`, `who` and the alerts' descriptions print it as typed
    decision: Cites = None


class Action(Strict):
    kind: Literal["page", "notify", "create_channel", "investigate", "post_updates", "fix", "ticket"]
    role: Id | None = None
    channel: Id | None = Field(None, description="the channel created or posted to (create_channel, post_updates)")
    when: MarkdownText | None = None
    text: MarkdownText | None = None
    decision: Cites = None


class Severity(Strict):
    id: SeverityId
    name: Text
    conditions: list[Condition]
    response: list[Action]
    ack: Duration | None = None
    resolve: Duration | None = None
    update_every: Duration | None = None
    sla_note: MarkdownText | None = None
    declare: Prose
    decision: Cites = None

    @property
    def rank(self) -> int:
        return int(self.id.split("-")[1])

    @property
    def business_hours_only(self) -> bool:
        """Whether the level is handled in business hours alone: its declaration says so (the router mutes it
        outside oncall.yaml's business hours)."""
        return self.declare.lower().startswith("handle during business hours")


class Severities(Strict):
    signals: list[Signal]
    levels: list[Severity]


# --- catalog.yaml ------------------------------------------------------------
class LabelOf(Strict):
    """A label whose values are a field of other catalog entries: each endpoint's path, each rate limit's id."""

    of: Literal["endpoints", "rate_limits"] = Field(
        description="endpoints: their paths (but an external one's); rate_limits: their ids"
    )
    also: list[Value] = Field([], description="values beyond those, e.g. other for a path no endpoint has")


# The values a label takes: listed, the values of a catalog field, or any (an IP, a user id, an HTTP status)
LabelValues = list[Value] | LabelOf | Literal["any"]


class Metric(Strict):
    name: MetricName
    type: Literal["counter", "gauge", "histogram"]
    unit: Value
    help: Annotated[Prose, PROMETHEUS_HELP]
    window: Duration | None = Field(None, description="A gauge over a trailing window: how long (e.g. 5m)")
    seed: bool = False
    labels: dict[Id, LabelValues] = Field(
        {},
        description="Labels /api/metrics reports it by (its Prometheus series' labels), each with the values it takes: "
        "a list ([4xx, 5xx]), {of: endpoints} (their paths) or {of: rate_limits} (their ids), or any",
    )
    probe: Id | None = Field(None, description="A gauge the exporter sets: 1 while this endpoint answers 200")


class Endpoint(Strict):
    id: Id
    path: ApiPath
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    help: Prose
    rate_limit: Id | None = None
    auth: Literal["bearer"] | None = None
    external: bool = False
    category: Id | None = Field(None, description="http.requests's category: a value its category label takes")
    decision: Cites = None


class RateLimit(Strict):
    id: Id
    requests: int | Literal["TBD"]
    window: Duration
    decision: Cites = None


class FeatureFlag(Strict):
    name: Name
    default: Value
    help: Prose
    refused_response: dict[str, Annotated[Any, EXAMPLE]]
    rate_limited_response: dict[str, Annotated[Any, EXAMPLE]]
    decision: Cites = None


class ChatCommand(Strict):
    name: Value
    usage: Example
    example: Example
    decision: Cites = None


class LogField(Strict):
    path: Value
    type: Literal["string", "integer", "number", "boolean"]
    required: bool = False
    enum: list[Value] | None = None
    help: Prose
    decision: Cites = None


class LogFormat(Strict):
    location: Value
    encoding: Value
    decision: Cites = None
    fields: list[LogField]
    example: dict[str, Annotated[Any, EXAMPLE]]


class Safe(Strict):
    """Why a block the parse does not prove read-only may run on a plain yes, bound to the commands it excuses."""

    covers: list[Value] = Field(
        min_length=1,
        description="What it excuses, as `playbook check` names it: a program that adds a file (mkdir, cp), curl's "
        "HTTP method (POST), a redirection ('>'); each needed, none missing. Never a deploy, rollback or restart "
        "tool, a delete or a SQL write: those are destructive: true (DEST004)",
    )
    why: Annotated[Prose, SCRIPT_NOTE] = Field(
        description="Why running it changes nothing that matters: shown with the block"
    )
    confirmed: list[Annotated[str, worded(r"^[0-9a-f]{6}$", "a fingerprint", "6 hex digits, as DEST009 prints")]] = (
        Field(
            [],
            description="The commands the reason was read against: one short fingerprint per line of each command it "
            "excuses, as `playbook check` prints it (DEST009). A command edited since is not excused until the reason "
            "is reread and its new fingerprint written here",
            exclude=True,  # a record of a review, not of what runs: the drills' fingerprints leave it out
        )
    )


class SafeReason(Safe):
    id: Id


class Unit(Strict):  # a systemd unit: `postgresql` (or postgresql.service)
    name: Annotated[str, worded(r"^[A-Za-z0-9:_.@-]+$", "a systemd unit name", "e.g. postgresql or nginx.service")]
    help: Prose


class CatalogData(Strict):
    metrics: list[Metric]
    endpoints: list[Endpoint]
    rate_limits: list[RateLimit]
    feature_flags: list[FeatureFlag]
    chat_commands: list[ChatCommand]
    log_format: LogFormat
    units: list[Unit] = Field([], description="The systemd units that systemctl, journalctl -u, service name")
    safe_reasons: list[SafeReason] = Field(
        [], description="`safe:` reasons several blocks share: a block says `safe: <id>` instead of writing it again"
    )

    def label_values(self, metric: str, label: str) -> list[str] | None:
        """The values `label` of `metric` takes, in order; None when it takes any (or is no label of a metric)."""
        spec = next((m.labels.get(label) for m in self.metrics if m.name == metric), None)
        if spec is None or spec == "any":
            return None
        if isinstance(spec, LabelOf):  # an external endpoint is not served: no series carries its path
            ours = [e.path for e in self.endpoints if not e.external] if spec.of == "endpoints" else None
            return [*(ours if ours is not None else (r.id for r in self.rate_limits)), *spec.also]
        return list(spec)

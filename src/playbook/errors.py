"""Located problems in the data: file, line, column, field path, message and fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    rule: str
    message: str
    hint: str = ""
    field: str = ""
    level: str = "error"

    def format(self) -> str:
        """`path:line:col: error|warning: RULE-ID field: message (hint)`, as ruff and ShellCheck write findings."""
        where = f"{self.file}:{self.line}:{self.col}"
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.level}: {self.rule}{field} {self.message}{hint}"

    def github(self) -> str:
        """The finding as a GitHub Actions workflow command, so it shows on the pull request's line."""

        def esc(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        kind = "error" if self.level == "error" else "warning"
        props = f"file={esc(self.file, True)},line={self.line},col={self.col},title={esc(self.rule, True)}"
        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"::{kind} {props}::{esc(field + self.message + hint)}"

    def as_dict(self) -> dict:
        return asdict(self)


class DataError(Exception):
    """The data cannot be used; carries every problem found, each with its location."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

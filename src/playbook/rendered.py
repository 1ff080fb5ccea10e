"""Save each page's rendered Markdown (after macros) when PLAYBOOK_RENDERED_DIR is set, for extraction."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "PLAYBOOK_RENDERED_DIR"


def save_rendered(src_uri: str, markdown: str, environ: Mapping[str, str] = os.environ) -> Path | None:
    """Write `markdown` to <$PLAYBOOK_RENDERED_DIR>/<src_uri>; do nothing when the variable is unset."""
    root = environ.get(ENV_VAR)
    if not root:
        return None
    path = Path(root) / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    return path

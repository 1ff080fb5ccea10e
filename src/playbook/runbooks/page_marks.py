"""The marks a runbook page's Markdown carries that extraction reads back: box titles, labels, the step class."""

from __future__ import annotations

# The titles of the boxes around destructive and manual blocks: written by the site, read back by extraction.
DANGER = "Destructive: changes production or data"
MANUAL = "Needs production access; run by hand, never by a drill"
# The box around a block that is not read-only but safe to run (`safe:`), and the label of its reason: read back
# by extraction, so the generated script prints the reason before it asks.
SAFE = "Not read-only: safe to run"
SAFE_NOTE = "Why it is safe"
# The class of a runbook step's heading (`### 2. Check disk space { .pb-step }`): written by the site, read back
# by extraction, so `playbook run` walks the steps the page shows, text-only and chat steps included.
STEP = "pb-step"
# The label of what a block's failure means (`on_failure`), under its fence: written by the site, and left out of
# a step's prose by extraction (`playbook run` shows it from the data when the block fails).
FAILS = {"continue": "If it fails", "stop": "If it fails, stop here"}

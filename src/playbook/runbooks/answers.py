"""The keys a walk explains once, and where each answer leads (the walk's flow and its exit codes)."""

from __future__ import annotations

from enum import Enum

KEYS = """How to answer (Enter takes the capital letter; q quits at any question):
  [y/N/q]    y runs the block shown; N or Enter skips it.
  a failure  the output and what it means are shown: Enter continues (the failure is information),
             r retries, s skips the rest of the step.
  a stop     a safety check failed on purpose: r retries it once you have fixed the cause; Enter stops here.
  DESTRUCTIVE blocks show what they change and how to undo it, and run only when you type the word shown:
             y alone never runs them.
  MANUAL     blocks need production access: the runner never runs them; do them yourself, then y (done) or n."""


class Flow(Enum):
    NEXT = "next"  # go on
    SKIP = "skip-block"  # leave this block (a value it needs was left empty)
    SKIP_REST = "skip-rest"  # leave the rest of this step's blocks
    QUIT = "quit"  # the operator quit
    STOP = "stop"  # a stop block failed: the walk ends here
    NO_INPUT = "no-input"  # the input ended where a value was needed: the walk ends, as on q


ENDS = (Flow.QUIT, Flow.STOP, Flow.NO_INPUT)
CODES = {Flow.QUIT: 0, Flow.STOP: 1, Flow.NO_INPUT: 0}  # 1: a safety check stopped the walk

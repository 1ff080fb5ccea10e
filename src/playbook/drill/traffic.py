"""Bounded traffic for the alert drills: users working as usual, and the actors a fault brings (an attacker,
users retrying the notes a bad deploy broke), sent to the stand-in round after round from a background thread."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager, suppress

from playbook.drill import db as drill_db
from playbook.drill.faults import BACKGROUND_IPS, call
from playbook.drill.routes import DRILL_ACCOUNT

ROUND_S = 0.5  # one round of every user's requests, then the fault's actors' (seconds between rounds' starts)
TYPO_EVERY = 10  # one user mistypes a password every this many rounds
ATTACKS_PER_ROUND = 3  # auth_burst: failed sign-ins from the attacking IP per round


def users(url: str, ep: dict[str, str], n: int) -> None:
    """One round of what users do: sign in (sometimes mistyped), write notes and a prescription, ask the AI."""
    ip = BACKGROUND_IPS[n % len(BACKGROUND_IPS)]
    password = "typo" if n % TYPO_EVERY == TYPO_EVERY - 1 else DRILL_ACCOUNT[1]
    call(url, ep["signin"], {"email": DRILL_ACCOUNT[0], "password": password}, ip=ip)
    for i in range(3):
        call(url, ep["notes"], {"sessionId": f"session_{n}_{i}", "content": "Visit note"}, ip=ip, token=True)
    call(url, ep["prescriptions"], {"noteId": "note_2", "medication": "Drill"}, ip=ip, token=True)
    call(url, ep["generate-note"], {"sessionId": f"session_{n}"}, ip=ip, token=True)


class Traffic:
    """Users, from `start()` to `stop()`; the fault's actors from `fault(f)` on. Bounded: one round every
    ROUND_S at most, and nothing after stop()."""

    def __init__(self, target):
        self.target = target
        self.faulted = None
        self.pending: list[str] = []  # invalid_state_transitions: notes users still try to sign
        self.rounds = 0
        self.go = threading.Lock()  # held while the traffic is paused
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="drill-traffic", daemon=True)

    def start(self) -> Traffic:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.done.set()
        self.thread.join(timeout=30)

    @contextmanager
    def paused(self):
        """No request in flight inside the block (the fault's injection copies the database file)."""
        with self.go:
            yield

    def fault(self, fault) -> None:
        if fault.kind == "invalid_state_transitions":
            self.pending = drill_db.with_status(self.target.db_path, fault.status or "invalid")
        self.faulted = fault

    def _loop(self) -> None:
        while not self.done.is_set():
            start = time.monotonic()
            with self.go, suppress(OSError):  # OSError: the stand-in is stopping; the next round, if any, retries
                self._round()
            self.rounds += 1
            self.done.wait(max(0.0, ROUND_S - (time.monotonic() - start)))

    def _round(self) -> None:
        t = self.target
        url, ep, f = t.base_url, t.ep, self.faulted
        users(url, ep, self.rounds)
        if f is None:
            return
        if f.kind == "auth_burst":
            for _ in range(ATTACKS_PER_ROUND):
                call(url, ep["signin"], {"email": "victim@example.test", "password": "guess"}, ip=f.ip)
        elif f.kind == "invalid_state_transitions":
            for rid in list(self.pending):  # users retry signing the notes the bad deploy left; done once signed
                status, _ = call(url, ep["notes"], {"id": rid, "status": "signed"}, ip=BACKGROUND_IPS[0], token=True)
                if status == 200:
                    self.pending.remove(rid)

"""The drill target's SQLite database: tables the runbooks query, seed rows, state machines, db faults.

This models the product only as far as the runbooks look at it. The state machines are the stand-in's
own assumption (the seed names `finalized` and nothing else), not a fact of the playbook.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

# status -> statuses it may move to
NOTE_TRANSITIONS = {"draft": {"draft", "finalized"}, "finalized": {"signed"}, "signed": set()}
PRESCRIPTION_TRANSITIONS = {"draft": {"draft", "issued"}, "issued": {"cancelled"}, "cancelled": set()}
TABLES = {"notes": ("ClinicalNote", NOTE_TRANSITIONS), "prescriptions": ("Prescription", PRESCRIPTION_TRANSITIONS)}

NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"  # SQL: the time, as Prisma writes DATETIME in SQLite
# The columns of data/app/clinical-os-schema.sql (the contract the runbooks' SQL is compiled against) that a
# write fills; the rest take their defaults.
INSERTS = {
    "ClinicalNote": f'INSERT INTO "ClinicalNote" (id, sessionId, authorId, content, status, updatedAt)'
    f" VALUES (?, ?, ?, ?, ?, {NOW})",
    "Prescription": 'INSERT INTO "Prescription" (id, noteId, medication, status) VALUES (?, ?, ?, ?)',
}

SEED_NOTES = [("note_1", "draft"), ("note_2", "finalized"), ("note_3", "finalized"), ("note_4", "signed")]
SEED_PRESCRIPTIONS = [("rx_1", "draft"), ("rx_2", "issued")]


class DatabaseError(Exception):
    """The database file is missing, unreadable or corrupt."""


class StateTransitionError(Exception):
    """A write asked for a status the state machine does not allow from the current one."""


def create(path: Path, schema: Path) -> None:
    """A fresh database with the app's tables, from `schema` (the project's data/app/clinical-os-schema.sql,
    the contract `playbook check` compiles the runbooks' SQL against), and a few seed rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as con:
        con.executescript(schema.read_text(encoding="utf-8"))
        con.execute("""INSERT INTO "User" (id, email, role) VALUES ('user_456', 'provider@example.test', 'provider')""")
        con.executemany(INSERTS["ClinicalNote"], [(i, "session_1", "user_456", "Seed", s) for i, s in SEED_NOTES])
        con.executemany(INSERTS["Prescription"], [(i, "note_2", "Seed", s) for i, s in SEED_PRESCRIPTIONS])
    con.close()


def connect(path: Path) -> sqlite3.Connection:
    """Open an existing database read-write; never creates a missing file (the app would not either)."""
    con = None
    try:
        con = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=2)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.Error as e:
        if con is not None:
            con.close()  # a corrupt file must not stay open (the restore's fuser check would see it)
        raise DatabaseError(str(e)) from None


def ready(path: Path) -> str | None:
    """None when the database answers and passes a quick check with its tables; else the reason."""
    try:
        con = connect(path)
        try:
            (check,) = con.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                return f"quick_check: {check}"
            con.execute("SELECT 1 FROM ClinicalNote LIMIT 1").fetchall()
            return None
        finally:
            con.close()
    except (DatabaseError, sqlite3.Error) as e:
        return str(e)


def write(path: Path, kind: str, record_id: str | None, status: str, fields: dict) -> tuple[str, str]:
    """Create (no id) or move a note/prescription to `status`; return (id, 'created'|'updated'|status)."""
    table, machine = TABLES[kind]
    con = connect(path)
    try:
        with con:
            if record_id is None:
                if status != "draft":
                    raise StateTransitionError(f"a new {table} starts as draft, not {status!r}")
                (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
                record_id = f"{kind[:4]}_{n + 1000}"
                if kind == "notes":
                    row = (record_id, fields.get("sessionId", ""), fields.get("userId", ""), fields.get("content", ""))
                else:
                    row = (record_id, fields.get("noteId", ""), fields.get("medication", ""))
                con.execute(INSERTS[table], (*row, "draft"))
                return record_id, "created"
            row = con.execute(f"SELECT status FROM {table} WHERE id = ?", (record_id,)).fetchone()  # noqa: S608
            if row is None:
                raise StateTransitionError(f"{table} {record_id!r} does not exist")
            current = row[0]
            if status not in machine.get(current, set()):
                raise StateTransitionError(f"{table} {record_id!r} cannot move from {current!r} to {status!r}")
            stamp = f", updatedAt = {NOW}" if table == "ClinicalNote" else ""  # Prescription has no updatedAt
            con.execute(f"UPDATE {table} SET status = ?{stamp} WHERE id = ?", (status, record_id))  # noqa: S608
            return record_id, "updated" if status == current else status
    except sqlite3.Error as e:
        raise DatabaseError(str(e)) from None
    finally:
        con.close()


# --- faults ----------------------------------------------------------------------
def corrupt(path: Path) -> None:
    """Overwrite the file header: SQLite then reports `file is not a database`."""
    with path.open("r+b") as f:
        f.write(b"drill: corrupted by playbook drill\0"[:16].ljust(16, b"\0"))


def corrupt_index(path: Path, table: str = "ClinicalNote") -> None:
    """Garble the root page of `table`'s first index, as a torn write would: quick_check fails, rows survive."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        (page_size,) = con.execute("PRAGMA page_size").fetchone()
        (root,) = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name LIMIT 1", (table,)
        ).fetchone()
    con.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xde\xad" * (page_size // 2))


def leave_side_files(path: Path) -> list[Path]:
    """-wal and -shm files beside the database, as a writer that crashed leaves them; returns their paths."""
    files = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    for f in files:
        f.write_bytes(f"drill: {f.name} left by a crashed writer\n".encode())
    return files


def move_away(path: Path) -> None:
    shutil.move(path, path.with_name(path.name + ".moved-by-drill"))


def invalid_status(path: Path, status: str, rows: int) -> list[str]:
    """Write `rows` notes in a status outside the state machine, as a faulty deploy would; return their ids."""
    ids = [f"note_bad_{i}" for i in range(1, rows + 1)]
    with sqlite3.connect(path) as con:
        con.executemany(INSERTS["ClinicalNote"], [(i, "session_2", "user_789", "Bad deploy", status) for i in ids])
    con.close()
    return ids


def repair(path: Path) -> int:
    """Set notes whose status is outside the state machine back into it (`FINALIZED` → `finalized`, anything
    else → `draft`), as the data fix after a faulty deploy would; return how many rows changed."""
    known = list(NOTE_TRANSITIONS)
    marks = ", ".join("?" * len(known))
    with sqlite3.connect(path) as con:
        cur = con.execute(
            f'UPDATE "ClinicalNote" SET status = CASE WHEN lower(status) IN ({marks}) THEN lower(status) '  # noqa: S608
            f"ELSE 'draft' END WHERE status NOT IN ({marks})",
            (*known, *known),
        )
        n = cur.rowcount
    con.close()
    return n


def with_status(path: Path, status: str) -> list[str]:
    """The ids of the notes in `status`."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        ids = [r[0] for r in con.execute('SELECT id FROM "ClinicalNote" WHERE status = ? ORDER BY id', (status,))]
    con.close()
    return ids

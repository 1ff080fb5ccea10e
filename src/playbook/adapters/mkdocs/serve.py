"""`playbook serve`: rebuild on every save with the checks of `build`; serve the last good site, never stuck.

Why not `mkdocs serve`: its server holds every request until the build it waits for succeeds, so one
bad line of data left each page request hanging ("The server will appear stuck until build errors are
resolved"), the browser showed nothing of the error, and it ran none of the checks `build` runs. Making
the plugin swallow the errors would still hold requests during each rebuild and would build pages from
data the checks refuse.

So this is a small loop of its own, with no moving part that can wait on another:

* The main thread polls the modification times of `mkdocs.yml`, `docs/`, `overrides/`, `macros/` and
  the data folder (polling works on every file system, network and container mounts too, and needs no
  dependency); after a change, and once the files stop changing, it rebuilds with `build_site`: the same
  validation, the same checks and the same `mkdocs build --strict` as `playbook build`, into a new
  folder of a temporary directory that is published only when the build succeeds.
* A `ThreadingHTTPServer` thread (`serve_http`) answers from the last published folder, so a request
  during or after a failed rebuild answers at once. While the last rebuild failed, every page opens with
  a banner listing its findings (`file:line:col: error: RULE …`, escaped), as the terminal prints them.
  Before any build succeeded, every address answers 503 with the findings (or "building").
* Live reload: each page polls the server's state once a second and reloads when it changes.
* Ctrl-C (SIGINT) and SIGTERM stop it: a build in progress is killed and waited for (`build.mkdocs`),
  the server closes and the temporary folder is removed. Bad data is a finding, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from playbook import project as projects
from playbook.adapters.mkdocs.build import build_site, log_errors
from playbook.adapters.mkdocs.serve_http import Failure, Server, State
from playbook.errors import DataError

POLL = 0.5  # seconds between two looks at the files
SETTLE = 0.3  # a change is built once the files have not changed for this long (an editor saving several)
KEEP = 2  # published folders kept: the current one, and the one a slow request may still be reading


def parse_addr(addr: str) -> tuple[str, int]:
    """`HOST:PORT` (`[::1]:8000` for IPv6) as (host, port); ValueError saying what is wrong."""
    host, sep, port = addr.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"{addr!r} is not HOST:PORT (for example 127.0.0.1:8000)")
    return host, int(port)


def clock() -> str:
    return time.strftime("%H:%M:%S")


def watched(project: projects.Project) -> list[Path]:
    return [project.config, project.docs, project.root / "overrides", project.root / "macros", project.data]


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int, int]]:
    """{file: (mtime, size, inode)} under `paths`; hidden files, editor backups and caches left out."""
    out = {}
    for root in paths:
        files = [(str(root.parent), [], [root.name])] if root.is_file() else os.walk(root)
        for folder, dirs, names in files:
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for name in names:
                if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                    continue
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:  # removed while we looked
                    continue
                out[path] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return out


def attempt(project: projects.Project, into: Path) -> Failure | None:
    """Build `project` into `into` as `playbook build` does; the Failure if nothing was published."""
    at = clock()
    try:
        ok, log = build_site(into, project)
    except DataError as e:
        lines = tuple(p.format() for p in e.problems)
        return Failure(f"the data is invalid ({len(lines)} problem(s))", lines, at)
    except projects.ProjectError as e:
        return Failure("no project to build", (str(e),), at)
    except OSError as e:  # a file that vanished or cannot be read mid-save: the next save rebuilds
        return Failure("a file could not be read", (str(e),), at)
    if not ok:
        return Failure("mkdocs build --strict failed", tuple(log_errors(log)), at)
    return None


class Rebuilder:
    """Each rebuild into a new folder of `work`; the State the server answers from; what the terminal says."""

    def __init__(self, project: projects.Project, work: Path, state: State, url: str):
        self.project, self.work, self.state, self.url = project, work, state, url
        self.count = 0
        self.published: list[Path] = []

    def rebuild(self) -> None:
        self.count += 1
        into = self.work / f"site-{self.count}"
        start = time.monotonic()
        try:
            failure = attempt(self.project, into)
        except Exception as e:  # a bug, not the data: say so, and keep serving what was built
            traceback.print_exc()
            failure = Failure(f"the rebuild failed unexpectedly ({type(e).__name__})", (str(e),), clock())
        if failure is None:
            self._publish(into, time.monotonic() - start)
        else:
            self._fail(failure)

    def _publish(self, site: Path, seconds: float) -> None:
        fixed = self.state.view.failure is not None
        self.state.published(site, clock())
        self.published.append(site)
        while len(self.published) > KEEP:
            shutil.rmtree(self.published.pop(0), ignore_errors=True)
        note = "; the findings are fixed" if fixed else ""
        say(f"playbook serve: built in {seconds:.1f} s{note}; serving {self.url}")

    def _fail(self, failure: Failure) -> None:
        self.state.failed(failure)
        view = self.state.view
        for line in failure.lines:
            say(line, err=True)
        if view.site is None:
            keeps = f"{self.url} shows these findings until a rebuild succeeds"
        else:
            keeps = f"{self.url} still serves the last good site (built {view.built_at}), these findings on every page"
        say(f"playbook serve: {failure.summary}; {keeps}. Fix the lines above and save: it rebuilds.", err=True)


def say(line: str, err: bool = False) -> None:
    print(line, file=sys.stderr if err else sys.stdout, flush=True)


def changed(before: dict, after: dict, root: Path) -> str:
    names = sorted(set(before) ^ set(after) | {f for f in before.keys() & after.keys() if before[f] != after[f]})
    shown = [Path(n).relative_to(root).as_posix() if Path(n).is_relative_to(root) else n for n in names[:3]]
    return ", ".join(shown) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM stops as Ctrl-C does: through every `finally` on the way out


def serve(project: projects.Project, addr: str) -> int:
    """Serve `project` on `addr`, rebuilding after every change, until Ctrl-C or SIGTERM; the exit status."""
    host, port = parse_addr(addr)
    state = State()
    try:
        server = Server(host, port, state)
    except OSError as e:
        say(f"playbook serve: cannot listen on {addr}: {e.strerror or e}", err=True)
        return 1
    bound = server.server_address[1]
    url = f"http://[{host}]:{bound}/" if ":" in host else f"http://{host}:{bound}/"
    work = Path(tempfile.mkdtemp(prefix="playbook-serve-"))
    main = threading.current_thread() is threading.main_thread()  # only there can signals be handled
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)} if main else {}
    thread = threading.Thread(target=server.serve_forever, args=(0.2,), name="playbook-serve-http", daemon=True)
    try:
        if main:
            signal.signal(signal.SIGTERM, _stop)
        thread.start()
        say(f"playbook serve: {url} answers now; building the site (Ctrl-C stops)")
        if host not in ("127.0.0.1", "localhost", "::1"):
            say(f"playbook serve: {host} is reachable from other machines, not only this one", err=True)
        rebuilder = Rebuilder(project, work, state, url)
        paths, seen = watched(project), None
        while True:
            now = snapshot(paths)
            if now == seen:
                time.sleep(POLL)
                continue
            time.sleep(SETTLE)
            if snapshot(paths) != now:
                continue  # still being written
            if seen is not None:
                say(f"playbook serve: {changed(seen, now, project.root)} changed; rebuilding")
            seen = now
            rebuilder.rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        for sig in handlers:  # a second Ctrl-C during the few milliseconds of cleanup is not a traceback
            signal.signal(sig, signal.SIG_IGN)
        if thread.is_alive():  # (shutdown() would wait forever for a loop that never started)
            server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    say("playbook serve: stopped")
    return 0

"""`playbook exporter`: serve Clinical OS's JSON metrics and health probes to Prometheus (alerts/bridge.py)."""

from __future__ import annotations

import os
import signal
import sys
import threading

from playbook.alerts.bridge import DEFAULT_LISTEN
from playbook.cli.arguments import Fail, command, reported
from playbook.cli.session import Session


def _address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise Fail(f"--listen {text!r}: write HOST:PORT, e.g. {DEFAULT_LISTEN}")
    return host.strip("[]"), int(port)


def cmd_exporter(args) -> int:
    from playbook.alerts.bridge import serve

    cat = args.session.catalog()
    if not args.target.startswith(("http://", "https://")):
        raise Fail(f"--target {args.target!r}: give the app's base URL, e.g. http://127.0.0.1:3000")
    host, port = _address(args.listen)
    try:
        server, _ = serve(cat, args.target, host, port, os.environ.get("TOKEN") or None)
    except OSError as e:
        raise Fail(f"cannot listen on {args.listen}: {e.strerror or e}") from None
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    shown = f"{server.server_address[0]}:{server.server_address[1]}"
    print(f"playbook exporter: serving http://{shown}/metrics from {args.target}", file=sys.stderr, flush=True)
    stop.wait()
    server.shutdown()
    server.server_close()
    return 0


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "exporter",
        "serve Clinical OS's JSON metrics and health probes as the Prometheus series the alert rules query",
        ["playbook exporter --target http://127.0.0.1:3000 --listen 127.0.0.1:9464   # until Ctrl-C"],
    )
    p.add_argument("--target", required=True, help="the app's base URL ($BASE_URL); $TOKEN, if set, is sent")
    p.add_argument(
        "--listen", default=DEFAULT_LISTEN, help=f"HOST:PORT to serve /metrics on (default {DEFAULT_LISTEN})"
    )
    p.set_defaults(func=reported("exporter", cmd_exporter))

"""The serving process: build the app, listen at once, then run start-up tasks in the background.

`scripts/run` calls `python -m practice.serve`. Only this process owns the analysis queue:
create_app() (tests, every `flask` command) never re-queues or analyses anything.
Start-up work that may take a while goes into STARTUP_TASKS (see `on_startup`); each task
runs once, in order, in one background thread inside an app context, after the port listens.
"""
from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
import threading
import time
from collections.abc import Callable

from flask import Flask

log = logging.getLogger(__name__)

StartupTask = Callable[[Flask], None]
# Run in order after the server listens; append with on_startup(). A failing task is logged, the rest still run.
STARTUP_TASKS: list[StartupTask] = []

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
DEFAULT_THREADS = 8
# The form fields around an upload; waitress refuses anything past limit + this from Content-Length alone.
FORM_OVERHEAD_BYTES = 1024 * 1024
NO_LOGIN_WARNING = ("WARNING: practice is listening on {host}, which is not this computer alone. "
                    "It has no login: anyone who can reach this address can play, export and delete your "
                    "recordings. Stop it (Ctrl+C) and start it on 127.0.0.1 unless you meant this.")


def on_startup(task: StartupTask) -> StartupTask:
    """Register a background start-up task of the serving process (usable as a decorator)."""
    STARTUP_TASKS.append(task)
    return task


def run_startup_tasks(app: Flask, started_at_s: float | None = None) -> None:
    """Run every registered task in order; one failing must not stop the others or the server."""
    app.config["SERVE_STARTED_AT_S"] = time.time() if started_at_s is None else started_at_s
    for task in list(STARTUP_TASKS):
        try:
            with app.app_context():
                task(app)
        except Exception:
            log.exception("start-up task %s failed", getattr(task, "__name__", task))
    log.info("start-up tasks done %.1f s after the start", time.time() - app.config["SERVE_STARTED_AT_S"])


def start_background_tasks(app: Flask) -> threading.Thread:
    started_at_s = time.time()
    thread = threading.Thread(target=run_startup_tasks, args=(app, started_at_s), name="startup", daemon=True)
    thread.start()
    return thread


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def warn_if_exposed(host: str, stream=None) -> bool:
    """Print the no-login warning when the address reaches beyond this computer; True when it did."""
    if is_loopback(host):
        return False
    print(NO_LOGIN_WARNING.format(host=host), file=stream or sys.stderr, flush=True)
    return True


def _preload_speech_model(app: Flask) -> None:
    """Load the ASR model now, so the first answer is analysed as fast as the next."""
    from practice.speech.preload import preload_transcriber

    preload_transcriber(app.config)


def _preload_content_model(app: Flask) -> None:
    """Read and checksum the content check's sentence model and encode every question's texts now:
    otherwise the first answer after a start pays for both after Stop."""
    from practice.content import warm_content_vectors

    warm_content_vectors()


def _requeue_unfinished(app: Flask) -> None:
    """Clear what a killed server left behind, then analyse its unfinished answers again."""
    from practice import jobs

    jobs.recover_after_restart(app, started_at_s=app.config["SERVE_STARTED_AT_S"])


def _compile_templates(app: Flask) -> None:
    """Compile every page's templates now: the first review after a start otherwise compiled its own after
    Stop (0.13 s of CPU, against 0.007 s for the next review)."""
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)


on_startup(_preload_speech_model)
on_startup(_preload_content_model)
on_startup(_requeue_unfinished)
on_startup(_compile_templates)


def create_server(app: Flask, host: str, port: int, threads: int = DEFAULT_THREADS):
    """A waitress server already listening on host:port (port 0 picks a free one)."""
    from waitress import create_server as waitress_server

    server = waitress_server(app, host=host, port=port, threads=threads,
                             max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + FORM_OVERHEAD_BYTES,
                             ident="practice")
    channel_class = _channel_with_secure_errors(app.extensions["practice.security_headers"])
    for listener in _listeners(server):
        listener.channel_class = channel_class
    return server


def _listeners(server) -> list:
    """The one server, or each socket's server when waitress listens on several addresses."""
    from waitress.server import BaseWSGIServer

    if isinstance(server, BaseWSGIServer):
        return [server]
    return [s for s in server.map.values() if isinstance(s, BaseWSGIServer)]


def listening_port(server) -> int:
    return _listeners(server)[0].effective_port


def _channel_with_secure_errors(security_headers: dict[str, str]):
    """waitress answers some errors itself (e.g. 413 from Content-Length); they get the app's security headers too."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class SecureErrorTask(ErrorTask):
        def execute(self):
            self.response_headers.extend(security_headers.items())
            super().execute()

    class SecureChannel(HTTPChannel):
        error_task_class = SecureErrorTask

    return SecureChannel


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m practice.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--lan", action="store_true",
                        default=os.environ.get("PRACTICE_LAN", "").strip().lower() in ("1", "true", "yes"),
                        help="serve HTTPS on this computer's LAN address (PRACTICE_LAN_HOST) behind a passcode")
    parser.add_argument("--host", default=os.environ.get("PRACTICE_HOST", DEFAULT_HOST))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PRACTICE_PORT", DEFAULT_PORT)))
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument("--migrate", action="store_true",
                        help="apply pending database migrations before listening (what scripts/run does)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    from practice import create_app

    args = _parse_args(sys.argv[1:] if argv is None else argv)
    _log_to_stderr()
    if args.lan:
        serve_lan(args.port, args.threads, args.migrate)
        return
    warn_if_exposed(args.host)
    app = create_app()
    if args.migrate:
        migrate_or_exit(app)
    server = create_server(app, args.host, args.port, args.threads)
    print(f"practice is running on http://{args.host}:{listening_port(server)}  (Ctrl+C stops it)", flush=True)
    start_background_tasks(app)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _log_to_stderr() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its set-up chatter; a migration that runs still says so


def migrate_or_exit(app: Flask) -> None:
    """Pending migrations run here, before the port opens; a failure stops the start with its reason."""
    from practice import schema

    try:
        applied = schema.upgrade(app)
    except Exception as exc:
        log.exception("preparing the database failed")
        sys.exit(f"Preparing the database failed ({exc}), so practice did not start (see the messages above).")
    if applied:
        _log_to_stderr()  # Alembic's environment replaces the logging set-up with its own


def serve_lan(port: int, threads: int, migrate: bool = False) -> None:
    """HTTPS on the LAN address, passcode first (scripts/run --lan); --host is not used."""
    from practice import create_app
    from practice.lan.address import LanAddressError, lan_address
    from practice.lan.certs import ensure_certificates
    from practice.lan.passcode import PasscodeError, ensure_passcode
    from practice.lan.server import announce, create_https_server
    from practice.lan.server import listening_port as https_port

    try:
        address = lan_address(os.environ.get("PRACTICE_LAN_HOST"))
        os.environ.update(PRACTICE_LAN="true", PRACTICE_LAN_HOST=str(address))
        app = create_app()
    except (LanAddressError, PasscodeError) as exc:
        sys.exit(f"practice cannot start in LAN mode: {exc}")
    if migrate:
        migrate_or_exit(app)
    state = app.extensions["practice.lan"]
    first_passcode = ensure_passcode(state.folder, None)  # made here only, so it is always printed
    files, made = ensure_certificates(state.folder, address)
    server = create_https_server(app, address, port, files, threads,
                                 max_body_bytes=app.config["MAX_CONTENT_LENGTH"] + FORM_OVERHEAD_BYTES)
    announce(address, https_port(server), first_passcode, files.ca_cert if made else None)
    start_background_tasks(app)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()

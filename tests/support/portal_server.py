"""A real portal on 127.0.0.1 for sync tests: a static folder served over HTTP.

Behaves like an ordinary static web host (ETag, Last-Modified, conditional
GET -> 304, Range -> 206) and can inject one fault per path: a cut connection,
a server error, a stall, other bytes. Every request is recorded, so a test can
assert exactly what the program asked for. Traffic never leaves loopback.
"""

from __future__ import annotations

import email.utils
import hashlib
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HAND_OVER = 0.1  # seconds (a loaded machine may keep a thread waiting that long); see most_at_once

STALL_LIMIT = 5.0  # seconds a stalled answer waits at most (then the handler gives up)


@dataclass
class Fault:
    """What to do instead of a normal answer; ``times`` answers, then normal again."""

    kind: str  # "cut", "status", "stall", "stall-body", "slow", "trickle", "body"
    value: object = None
    times: int = 10**6


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class PortalServer:
    root: Path
    seen: list[Seen] = field(default_factory=list)
    faults: dict[str, Fault] = field(default_factory=dict)
    tls: ssl.SSLContext | None = None  # serve HTTPS with this server context

    def __post_init__(self) -> None:
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        # When each request was being answered (monotonic start, end): how many were open
        # at once is read from these (see most_at_once).
        self.spans: list[tuple[float, float]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                start = time.monotonic()
                try:
                    server._answer(self)
                finally:
                    with server.lock:
                        server.spans.append((start, time.monotonic()))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if self.tls is not None:
            self.httpd.socket = self.tls.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def most_at_once(self) -> int:
        """Requests answered at the same time, at most.

        A client that has its whole answer may start its next request (on a new
        connection: this server speaks HTTP/1.0) a moment before the thread that sent
        the answer has counted it done; overlaps shorter than HAND_OVER are that
        hand-over, not a connection more."""
        with self.lock:
            spans = list(self.spans)
        spans = [(start, end - HAND_OVER) for start, end in spans if end - HAND_OVER > start]
        events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
        most = now = 0
        for _, step in events:  # at equal times an end (-1) sorts before a start
            now += step
            most = max(most, now)
        return most

    @property
    def url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}/kit/"

    def close(self) -> None:
        self.stop_event.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]

    def clear(self) -> None:
        self.seen.clear()

    def _take_fault(self, path: str) -> Fault | None:
        with self.lock:
            fault = self.faults.get(path)
            if fault is None:
                return None
            fault.times -= 1
            if fault.times <= 0:
                del self.faults[path]
            return fault

    def _record(self, handler: BaseHTTPRequestHandler, path: str, status: int) -> None:
        with self.lock:
            self.seen.append(Seen(path, dict(handler.headers.items()), status))

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        if not handler.path.startswith("/kit/"):
            self._record(handler, handler.path, 404)
            handler.send_error(404)
            return
        path = handler.path[len("/kit/") :]
        fault = self._take_fault(path)
        if fault is not None and fault.kind == "status":
            self._record(handler, path, int(fault.value))
            handler.send_error(int(fault.value))
            return
        if fault is not None and fault.kind == "stall":
            self._record(handler, path, 0)
            self.stop_event.wait(STALL_LIMIT)
            return
        target = self.root / path
        if ".." in path or not target.is_file():
            self._record(handler, path, 404)
            handler.send_error(404)
            return
        data = target.read_bytes()
        if fault is not None and fault.kind == "body":
            data = bytes(fault.value)
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        if handler.headers.get("If-None-Match") == etag or (
            handler.headers.get("If-None-Match") is None
            and handler.headers.get("If-Modified-Since") == modified
        ):
            self._record(handler, path, 304)
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        start = 0
        status = 200
        wanted = handler.headers.get("Range")
        if wanted and wanted.startswith("bytes=") and wanted.endswith("-"):
            start = int(wanted[len("bytes=") : -1])
            if start >= len(data):
                self._record(handler, path, 416)
                handler.send_error(416)
                return
            status = 206
        body = data[start:]
        self._record(handler, path, status)
        handler.send_response(status)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("ETag", etag)
        handler.send_header("Last-Modified", modified)
        if status == 206:
            handler.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        handler.end_headers()
        if fault is not None and fault.kind == "cut":
            handler.wfile.write(body[: int(fault.value)])
            handler.wfile.flush()
            handler.close_connection = True
            return
        if fault is not None and fault.kind == "slow":
            # ``value`` bytes at a time, 50 ms apart (stops when the server closes).
            for at in range(0, len(body), int(fault.value)):
                if self.stop_event.wait(0.05):
                    return
                try:
                    handler.wfile.write(body[at : at + int(fault.value)])
                    handler.wfile.flush()
                except OSError:
                    return  # the client went away (cancelled)
            return
        if fault is not None and fault.kind == "trickle":
            # One byte every ``value`` seconds: never a timeout, never progress.
            for at in range(len(body)):
                if self.stop_event.wait(float(fault.value)):
                    return
                try:
                    handler.wfile.write(body[at : at + 1])
                    handler.wfile.flush()
                except OSError:
                    return  # the client gave up
            return
        if fault is not None and fault.kind == "stall-body":
            handler.wfile.write(body[: len(body) // 2])
            handler.wfile.flush()
            self.stop_event.wait(STALL_LIMIT)
            return
        handler.wfile.write(body)

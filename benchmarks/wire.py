"""Bytes on the wire: counted on the sockets of a real HTTP server on 127.0.0.1.

Every connection the portal server accepts is wrapped, so what it reads
(requests: request line and headers) and what it writes (responses: status
line, headers and body) is counted exactly as it crosses the socket, for
the program and for curl alike.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field

from tests.support.portal_server import PortalServer


@dataclass
class WireCounter:
    received: int = 0  # bytes the server read: what clients sent
    sent: int = 0  # bytes the server wrote: what clients received
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, received: int = 0, sent: int = 0) -> None:
        with self.lock:
            self.received += received
            self.sent += sent

    @property
    def total(self) -> int:
        return self.received + self.sent

    def snapshot(self) -> tuple[int, int]:
        with self.lock:
            return self.received, self.sent


class CountingSocket(socket.socket):
    """A server-side connection that tells its counter every byte read and written."""

    counter: WireCounter

    @classmethod
    def wrap(cls, conn: socket.socket, counter: WireCounter) -> CountingSocket:
        timeout = conn.gettimeout()
        sock = cls(conn.family, conn.type, conn.proto, fileno=conn.detach())
        sock.settimeout(timeout)
        sock.counter = counter
        return sock

    def recv(self, size: int, *args) -> bytes:
        data = super().recv(size, *args)
        self.counter.add(received=len(data))
        return data

    def recv_into(self, buffer, nbytes: int = 0, *args) -> int:
        count = super().recv_into(buffer, nbytes, *args)
        self.counter.add(received=count)
        return count

    def send(self, data, *args) -> int:
        count = super().send(data, *args)
        self.counter.add(sent=count)
        return count

    def sendall(self, data, *args) -> None:
        super().sendall(data, *args)
        self.counter.add(sent=len(memoryview(data).cast("B")))


def count_wire(server: PortalServer) -> WireCounter:
    """Count every byte of every connection ``server`` accepts from now on."""
    counter = WireCounter()
    httpd = server.httpd
    accept = httpd.get_request

    def get_request():
        conn, address = accept()
        return CountingSocket.wrap(conn, counter), address

    httpd.get_request = get_request
    return counter


@dataclass
class Spent:
    """What one exchange cost on the wire."""

    requests: int
    received: int  # by the client (responses)
    sent: int  # by the client (requests)

    @property
    def total(self) -> int:
        return self.received + self.sent


def measure(server: PortalServer, counter: WireCounter, action) -> Spent:
    """Run ``action`` and return the requests and wire bytes it caused."""
    seen = len(server.seen)
    before = counter.snapshot()
    action()
    after = settled(counter)
    return Spent(len(server.seen) - seen, after[1] - before[1], after[0] - before[0])


def settled(counter: WireCounter, quiet: float = 0.05, limit: float = 2.0) -> tuple[int, int]:
    """The counts once the server's threads are done (a client may return before them)."""
    deadline = time.perf_counter() + limit
    last = counter.snapshot()
    while time.perf_counter() < deadline:
        time.sleep(quiet)
        now = counter.snapshot()
        if now == last:
            return now
        last = now
    return last

"""Talking to a portal: plain HTTP(S) GETs with timeouts, caps and a request log.

A portal is any static web host (see DESIGN.md, "Sync protocol"), so all the
client ever does is GET a file, sometimes conditionally (ETag /
If-Modified-Since) and sometimes from an offset (Range). Everything goes
through :meth:`PortalClient.open`, which

- refuses any scheme but http and https, also after a redirect;
- takes proxies from the system (``urllib`` reads ``https_proxy`` / ``no_proxy``
  and, on Windows and macOS, the system proxy settings) except for loopback
  addresses, which a proxy can never reach;
- checks certificates against the system trust store (``truststore``), so a
  library network with its own certificate authority works;
- turns every network failure into a :class:`NetworkError` or
  :class:`PortalError` with a Dutch message;
- keeps a watch on every request (:class:`_Watch`, looked at by one thread): besides
  the per-read timeout, a total :class:`Deadline` (per check, per file), a
  minimum speed (less than ``MIN_SPEED`` bytes/s over ``SLOW_WINDOW`` seconds
  ends it: a portal that trickles a byte every two seconds never trips a
  per-read timeout) and cancellation. It ends a request by shutting its socket
  down, so even a read that is blocked returns at once: closing the window
  stops network work within a moment;
- records each request (path, status, headers sent, body bytes received) in a
  :class:`TransferLog`, which tests and benchmarks read to count the cost of a
  check or an update.

The standard library is enough here: downloads run in a worker thread.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from companion.errors import CancelledError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.progress import STOPPED
from companion.sync.errors import NetworkError, PortalError

DEFAULT_TIMEOUT = 20.0
# Slower than this over the window ends a request (see the module doc).
MIN_SPEED = 1024
SLOW_WINDOW = 30.0
WATCH_INTERVAL = 0.1
CHUNK = 64 * 1024
NOT_MODIFIED = 304
PARTIAL = 206
RANGE_NOT_SATISFIABLE = 416


DOWNLOAD_INTERRUPTED = QT_TRANSLATE_NOOP(
    "messages",
    "De verbinding viel weg tijdens het downloaden. Wat al binnen was, is "
    "bewaard: de volgende keer gaat het verder waar het stopte. De kit is niet "
    "aangepast.",
)


TOO_SLOW = QT_TRANSLATE_NOOP(
    "messages",
    "De verbinding met de portal is te traag. Wat al binnen was, is bewaard: de volgende "
    "keer gaat het verder. Probeer het later opnieuw. De kit is niet aangepast.",
)
TOO_LONG = QT_TRANSLATE_NOOP(
    "messages",
    "De portal doet er te lang over. Wat al binnen was, is bewaard: de volgende keer gaat "
    "het verder. Probeer het later opnieuw. De kit is niet aangepast.",
)


@dataclass(frozen=True)
class Deadline:
    """When a piece of network work must be done by, and how to tell it was cancelled."""

    at: float  # time.monotonic()
    cancelled: Callable[[], bool] | None = None

    @classmethod
    def after(cls, seconds: float, cancelled: Callable[[], bool] | None = None) -> Deadline:
        return cls(time.monotonic() + seconds, cancelled)

    def reason(self, now: float) -> str | None:
        if self.cancelled is not None and self.cancelled():
            return "cancelled"
        if now > self.at:
            return "deadline"
        return None


class _Watch:
    """Guards one request; the process's :class:`_Watcher` thread looks at it every interval
    and ends it by shutting its socket down."""

    def __init__(
        self,
        deadlines: list[Deadline],
        min_speed: float,
        window: float,
        interval: float,
    ) -> None:
        self.deadlines = deadlines
        self.min_speed = min_speed
        self.window = window
        self.interval = interval
        self.received = 0
        self.reason: str | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), 0)])

    def start(self) -> _Watch:
        _WATCHER.add(self)
        return self

    def stop(self) -> None:
        _WATCHER.remove(self)

    def add_socket(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            ended = self.reason is not None
        if ended:
            self._shut(sock)

    def check(self) -> None:
        """Raise now if the watch has ended the request (called between reads)."""
        if self.ended():
            self._end(self.reason or "deadline")
            raise self.error()

    def ended(self) -> bool:
        """True when cancelled, past a deadline or given up as too slow (also when the
        watch thread has not looked yet: a socket timeout may come first)."""
        now = time.monotonic()
        for deadline in self.deadlines:
            self.reason = self.reason or deadline.reason(now)
        return self.reason is not None

    def error(self) -> Exception:
        if self.reason == "cancelled":
            return CancelledError(STOPPED)
        if self.reason == "slow":
            return NetworkError(TOO_SLOW, f"less than {self.min_speed:.0f} B/s for {self.window} s")
        return NetworkError(TOO_LONG, "deadline passed")

    def look(self, now: float) -> bool:
        """One look by the watcher thread; True when it ended the request."""
        reason = next((r for d in self.deadlines if (r := d.reason(now))), None)
        samples = self._samples
        samples.append((now, self.received))
        while len(samples) > 1 and samples[1][0] <= now - self.window:
            samples.popleft()
        base_time, base_bytes = samples[0]
        if (
            reason is None
            and now - base_time >= self.window
            and self.received - base_bytes < self.min_speed * self.window
        ):
            reason = "slow"
        if reason is None:
            return False
        self._end(reason)
        return True

    def _end(self, reason: str) -> None:
        with self._lock:
            if self.reason is None or self.reason == reason:
                self.reason = reason
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class _Watcher:
    """One thread for the whole process that looks at every open request's :class:`_Watch`.

    A thread per request cost more than the request itself on a busy machine
    (a kit is a few hundred small files). The thread sleeps while no request
    is open and ends after ``IDLE_END`` seconds without one.
    """

    IDLE_END = 5.0

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._watches: set[_Watch] = set()
        self._thread: threading.Thread | None = None

    def add(self, watch: _Watch) -> None:
        with self._changed:
            # Woken only when it may be waiting out its idle time or must look sooner:
            # waking it for every request of a download cost a thread switch per file.
            wake = not self._watches or watch.interval < min(w.interval for w in self._watches)
            self._watches.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="portal-watch", daemon=True)
                self._thread.start()
            elif wake:
                self._changed.notify()

    def remove(self, watch: _Watch) -> None:
        with self._changed:
            self._watches.discard(watch)

    def _run(self) -> None:
        while True:
            with self._changed:
                if not self._watches:
                    self._changed.wait(self.IDLE_END)
                    if not self._watches:
                        self._thread = None
                        return
                    continue
                interval = min(watch.interval for watch in self._watches)
                self._changed.wait(interval)
                watches = list(self._watches)
            now = time.monotonic()
            for watch in watches:
                if watch.look(now):
                    self.remove(watch)


_WATCHER = _Watcher()


def _watched(base: type[http.client.HTTPConnection], client: PortalClient) -> Any:
    """Made once per handler (not per request): a class is not free to make."""
    """``base`` with its socket handed to the client's current watch as soon as it exists."""

    class Watched(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = self._connect_watched

        def _connect_watched(self, address, timeout, source_address=None):  # type: ignore[no-untyped-def]
            sock = socket.create_connection(address, timeout, source_address)
            watch = client._watch
            if watch is not None:
                watch.add_socket(sock)
            return sock

    return Watched


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, client: PortalClient) -> None:
        super().__init__()
        self.client = client
        self.connection = _watched(http.client.HTTPConnection, client)

    def http_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(self.connection, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, client: PortalClient, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self.client = client
        self.tls_context = context
        self.connection = _watched(http.client.HTTPSConnection, client)

    def https_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(self.connection, req, context=self.tls_context)


def is_loopback_url(url: str) -> bool:
    """True for http(s)://localhost, 127.x.x.x and [::1] (this machine itself)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_portal_url(url: str) -> str:
    """The address normalised to end with '/', or a Dutch refusal."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PortalError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Dit is geen geldig adres van een portal. Het begint met https:// "
                "(bijvoorbeeld https://www.voorbeeld.nl/strategiekit/).",
            ),
            f"url {url!r}",
        )
    if parts.scheme == "http" and not is_loopback_url(url):
        # The signature protects the kit, but not the privacy of who asks for
        # it, and a proxy may rewrite plain http: only this machine may use it.
        raise PortalError(
            QT_TRANSLATE_NOOP("messages", "Gebruik een veilig adres: het begint met https://."),
            f"plain http to {parts.hostname!r}",
        )
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class RequestRecord:
    """One request as it went over the wire."""

    path: str
    status: int
    headers: Mapping[str, str]
    bytes_received: int


@dataclass
class TransferLog:
    """Every request a client made; the cost of a check or an update."""

    records: list[RequestRecord] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.records)

    @property
    def bytes_received(self) -> int:
        return sum(r.bytes_received for r in self.records)

    def paths(self) -> list[str]:
        return [r.path for r in self.records]

    def since(self, mark: int) -> TransferLog:
        """The requests after the first ``mark`` ones (to measure one step)."""
        return TransferLog(self.records[mark:])


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects (a CDN may move things), but only to http or https."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        scheme = urlsplit(newurl).scheme
        if scheme not in ("http", "https") or (scheme == "http" and not is_loopback_url(newurl)):
            raise PortalError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "De portal stuurt door naar een adres dat geen webadres is. "
                    "Er is niets veranderd.",
                ),
                f"redirect to {newurl!r}",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _tls_context() -> ssl.SSLContext:
    """Certificates from the system's own trust store, not a bundled list."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def build_opener(
    *,
    use_proxy: bool = True,
    client: PortalClient | None = None,
    tls: ssl.SSLContext | None = None,
) -> urllib.request.OpenerDirector:
    """``tls``: the certificate context to use (made from the system's store when None)."""
    proxies = urllib.request.ProxyHandler() if use_proxy else urllib.request.ProxyHandler({})
    if client is None:
        return urllib.request.build_opener(
            proxies, _SafeRedirects(), urllib.request.HTTPSHandler(context=_tls_context())
        )
    return urllib.request.build_opener(
        proxies,
        _SafeRedirects(),
        _WatchedHTTPHandler(client),
        _WatchedHTTPSHandler(client, tls or _tls_context()),
    )


class Response:
    """An open response; read it with :meth:`chunks` or :meth:`read_all`."""

    def __init__(
        self,
        client: PortalClient,
        path: str,
        status: int,
        headers: Message,
        raw: Any,
        watch: _Watch | None = None,
    ):
        self.client = client
        self.path = path
        self.status = status
        self.headers = headers
        self._raw = raw
        self._watch = watch
        self.bytes_received = 0

    def header(self, name: str) -> str | None:
        return self.headers.get(name) if self.headers is not None else None

    def content_length(self) -> int | None:
        value = self.header("Content-Length")
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    def chunks(self) -> Iterator[bytes]:
        """The body in pieces; a broken connection becomes a NetworkError."""
        if self._raw is None:
            return
        watch = self._watch
        while True:
            try:
                # read1: whatever has arrived, so a stall mid-body keeps what came.
                data = self._raw.read1(CHUNK)
            except (OSError, http.client.HTTPException) as exc:
                if watch is not None and watch.ended():
                    raise watch.error() from exc
                raise self.client.network_error(exc, during_download=True) from exc
            if watch is not None:
                watch.check()  # a socket the watch shut down reads as the end
            if not data:
                return
            self.bytes_received += len(data)
            if watch is not None:
                watch.received = self.bytes_received
            yield data

    def read_all(self, limit: int, too_big: Callable[[], Exception]) -> bytes:
        """The whole body, refusing more than ``limit`` bytes."""
        length = self.content_length()
        if length is not None and length > limit:
            raise too_big()
        parts: list[bytes] = []
        size = 0
        for chunk in self.chunks():
            size += len(chunk)
            if size > limit:
                raise too_big()
            parts.append(chunk)
        body = b"".join(parts)
        if length is not None and len(body) < length:
            raise self.client.network_error(
                http.client.IncompleteRead(body, length - len(body)), during_download=True
            )
        return body


class PortalClient:
    """GETs files from one portal; keeps a log of every request it made."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        opener: urllib.request.OpenerDirector | None = None,
        log: TransferLog | None = None,
        min_speed: float = MIN_SPEED,
        slow_window: float = SLOW_WINDOW,
        watch_interval: float = WATCH_INTERVAL,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.base_url = check_portal_url(base_url)
        self.timeout = timeout
        self._given_opener = opener
        # One certificate context for a client and its siblings (it may be shared
        # between threads): making one reads the system's trust settings.
        self.tls = tls or _tls_context()
        self.opener = opener or build_opener(
            use_proxy=not is_loopback_url(self.base_url), client=self, tls=self.tls
        )
        self.log = log if log is not None else TransferLog()
        self.min_speed = min_speed
        self.slow_window = slow_window
        self.watch_interval = watch_interval
        self._deadlines: list[Deadline] = []
        self._watch: _Watch | None = None

    def sibling(self) -> PortalClient:
        """A client for a second request at the same time (one client watches one request
        at a time): the same portal, limits, deadlines and request log."""
        other = PortalClient(
            self.base_url,
            timeout=self.timeout,
            opener=self._given_opener,
            log=self.log,
            min_speed=self.min_speed,
            slow_window=self.slow_window,
            watch_interval=self.watch_interval,
            tls=self.tls,
        )
        other._deadlines = list(self._deadlines)
        return other

    @contextmanager
    def deadline(self, deadline: Deadline) -> Iterator[None]:
        """Every request inside the block must end by ``deadline`` (or stop when cancelled)."""
        self._deadlines.append(deadline)
        try:
            yield
        finally:
            self._deadlines.remove(deadline)

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    @contextmanager
    def open(self, path: str, headers: Mapping[str, str] | None = None) -> Iterator[Response]:
        """GET ``path`` (relative to the portal); 304, 206 and 416 come back as answers."""
        sent = {"User-Agent": "strategiekit-companion", **(headers or {})}
        request = urllib.request.Request(self.url(path), headers=sent)
        answer_only: tuple[int, Message] | None = None
        watch = _Watch(list(self._deadlines), self.min_speed, self.slow_window, self.watch_interval)
        watch.check()  # cancelled or past the deadline already: do not even ask
        self._watch = watch.start()
        try:
            try:
                raw = self.opener.open(request, timeout=self._read_timeout())
            except urllib.error.HTTPError as exc:
                exc.close()
                self.log.records.append(RequestRecord(path, exc.code, sent, 0))
                if exc.code not in (NOT_MODIFIED, RANGE_NOT_SATISFIABLE):
                    raise self.http_error(path, exc.code) from exc
                answer_only = (exc.code, exc.headers)
            except (OSError, http.client.HTTPException) as exc:
                self.log.records.append(RequestRecord(path, 0, sent, 0))
                if watch.ended():
                    raise watch.error() from exc
                raise self.network_error(exc) from exc
            if answer_only is not None:
                yield Response(self, path, answer_only[0], answer_only[1], None)
                return
            response = Response(self, path, raw.status, raw.headers, raw, watch)
            try:
                yield response
            finally:
                raw.close()
                self.log.records.append(
                    RequestRecord(path, response.status, sent, response.bytes_received)
                )
        finally:
            self._watch = None
            watch.stop()

    def _read_timeout(self) -> float:
        """The per-read timeout, never beyond the nearest deadline."""
        if not self._deadlines:
            return self.timeout
        left = min(d.at for d in self._deadlines) - time.monotonic()
        return max(0.05, min(self.timeout, left + 0.1))  # just past it: "too long" wins

    def http_error(self, path: str, code: int) -> PortalError:
        if code == 404:
            if path.endswith(".sig"):
                # The importer's wording: a missing signature is a signature problem.
                message = QT_TRANSLATE_NOOP(
                    "messages",
                    "De kit op de portal heeft geen handtekening. Er is niets veranderd.",
                )
            elif path.startswith("files/"):
                message = QT_TRANSLATE_NOOP(
                    "messages",
                    "Een bestand van de kit ontbreekt op de portal. Er is niets veranderd.",
                )
            else:
                message = QT_TRANSLATE_NOOP(
                    "messages",
                    "Op dit adres staat geen kit. Controleer het adres van de portal bij "
                    "Instellingen. Er is niets veranderd.",
                )
        else:
            message = QT_TRANSLATE_NOOP(
                "messages",
                "De portal gaf een fout ({code}). Probeer het later opnieuw. "
                "Er is niets veranderd.",
            )
        return PortalError(message, f"HTTP {code} for {self.url(path)}", code=code)

    def network_error(self, exc: BaseException, *, during_download: bool = False) -> NetworkError:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        detail = f"{type(reason).__name__}: {reason}"
        if isinstance(reason, TimeoutError | socket.timeout):
            message = QT_TRANSLATE_NOOP(
                "messages",
                "De portal antwoordt niet op tijd. Controleer de internetverbinding en "
                "probeer het later opnieuw. Er is niets veranderd.",
            )
        elif during_download:
            message = DOWNLOAD_INTERRUPTED
        elif isinstance(reason, ssl.SSLError):
            message = QT_TRANSLATE_NOOP(
                "messages",
                "De beveiligde verbinding met de portal is niet te vertrouwen (certificaat). "
                "Er is niets veranderd.",
            )
        else:
            message = QT_TRANSLATE_NOOP(
                "messages",
                "De portal is niet bereikbaar. Controleer de internetverbinding en het adres "
                "bij Instellingen. Er is niets veranderd.",
            )
        return NetworkError(message, detail)

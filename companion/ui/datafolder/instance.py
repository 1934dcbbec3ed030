"""One program per data folder: a lock file, and a way to call the first window forward.

Two windows on one data folder would both write the same plans (and once
wrote duplicate action positions). The running program holds a ``QLockFile``
in the data folder; a second start finds it taken, asks the first program
(through a local socket named after the folder) to bring its window to the
front, and stops. A lock left by a program that crashed is stale and taken
over (Qt checks whether its process still runs). The command line does not
take the lock: ``sync`` beside the window is allowed, SQLite keeps that safe.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject

from companion.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

WAKE_WORD = b"toon\n"
CONNECT_MS = 1000
# The first program listens once its window is drawn (QtNetwork is not loaded
# before that); a second start in that moment keeps knocking this long.
STARTING_MS = 5000


def server_name(paths: AppPaths) -> str:
    """A name for the local socket that is the same for every start on this folder."""
    # Qt's SHA-256 (the same digest as hashlib's): loading OpenSSL is not needed to start.
    # Imported here: the first start serves once painted, and PySide6 makes the class's
    # enums (28 algorithms) when it is first touched.
    from PySide6.QtCore import QCryptographicHash

    sha256 = QCryptographicHash.Algorithm.Sha256
    digest = QCryptographicHash.hash(str(paths.data_dir).encode("utf-8"), sha256)
    digest = bytes(digest.toHex()).decode("ascii")[:20]
    return f"strategiekit-{digest}"


class SingleInstance(QObject):
    """Holds the data folder's lock while the window runs."""

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.lock = QLockFile(str(paths.lock_file))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this program may use the folder (also when it cannot hold a lock
        at all: a read-only folder, where nothing is written anyway)."""
        if self.lock.tryLock(100):
            return True
        if self.lock.error() == QLockFile.LockError.PermissionError:
            log.info("no lock file possible in %s (read-only?)", self.paths.data_dir)
            return True
        return False

    def holder(self) -> int | None:
        """The process id of the program that holds the lock, if known."""
        info = self.lock.getLockInfo()  # (pid, host, app); pid 0 when unknown
        pid = info[-3] if isinstance(info, tuple) and len(info) >= 3 else 0
        return int(pid) or None

    def serve(self, bring_forward: Callable[[], None]) -> None:
        """Listen for a second start and call ``bring_forward`` when it knocks."""
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.paths)
        server = QLocalServer(self)
        if not server.listen(name):
            QLocalServer.removeServer(name)  # left by a program that crashed
            if not server.listen(name):
                log.warning("cannot listen on %s: %s", name, server.errorString())
                return

        def knocked() -> None:
            while (socket := server.nextPendingConnection()) is not None:
                socket.readyRead.connect(lambda s=socket: self._read(s, bring_forward))
                socket.disconnected.connect(socket.deleteLater)

        server.newConnection.connect(knocked)
        self.server = server

    @staticmethod
    def _read(socket: QLocalSocket, bring_forward: Callable[[], None]) -> None:
        if bytes(socket.readAll().data()).startswith(WAKE_WORD.strip()):
            log.info("a second start on this data folder: window brought forward")
            bring_forward()

    def call_first_forward(self) -> bool:
        """From a second start: ask the running program to show its window.

        A first program that is still starting does not listen yet: knock
        again for a few seconds while it holds the lock.
        """
        from PySide6.QtNetwork import QLocalSocket

        give_up = time.monotonic() + STARTING_MS / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(server_name(self.paths))
            if socket.waitForConnected(CONNECT_MS):
                break
            if time.monotonic() > give_up or self.holder() is None:
                return False
            time.sleep(0.1)
        socket.write(WAKE_WORD)
        sent = socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()

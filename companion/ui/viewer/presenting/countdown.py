"""The presenter view's countdown: time left of a chosen length, then time over.

Plain Python with the clock passed in, so tests drive time without waiting.
It turns "warn" near the end (the last 5 minutes, or the last fifth of a short
talk) and "over" once the time is up, when it counts the overtime (+03:12).
"""

from __future__ import annotations

import time
from collections.abc import Callable

NORMAL, WARN, OVER = "normal", "warn", "over"
DEFAULT_MINUTES = 20
WARN_SECONDS = 5 * 60


class Countdown:
    def __init__(self, minutes: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.minutes = max(1, minutes)
        self._started: float | None = None  # when it last started running
        self._banked = 0.0  # seconds run before the last pause

    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def warn_seconds(self) -> float:
        return min(WARN_SECONDS, self.minutes * 60 / 5)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(1, minutes)

    def start(self) -> None:
        if self._started is None:
            self._started = self.clock()

    def pause(self) -> None:
        if self._started is not None:
            self._banked += self.clock() - self._started
            self._started = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def restart(self) -> None:
        """Back to the full length; keeps running if it was."""
        self._banked = 0.0
        self._started = self.clock() if self.running else None

    def elapsed(self) -> float:
        running = self.clock() - self._started if self._started is not None else 0.0
        return self._banked + running

    def remaining(self) -> float:
        return self.minutes * 60 - self.elapsed()

    def stage(self) -> str:
        left = self.remaining()
        if left <= 0:
            return OVER
        return WARN if left <= self.warn_seconds else NORMAL

    def text(self) -> str:
        """'24:59' left, or '+03:12' over (hours when needed: '1:05:00')."""
        left = self.remaining()
        seconds = int(-left) if left < 0 else int(left + 0.999)  # whole seconds, rounded up
        hours, rest = divmod(seconds, 3600)
        body = (
            f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
            if hours
            else f"{rest // 60:02d}:{rest % 60:02d}"
        )
        return f"+{body}" if left < 0 else body

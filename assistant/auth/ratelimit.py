"""Failed sign-ins per user name and client address, in memory: after ``limit`` failures in ``window_s`` seconds the
gate stops checking passwords for that pair until the window has passed (slows guessing without locking anyone out
for long; a restart forgets, which is acceptable for a firm's internal server)."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable


class FailureLimiter:
    """Count failures per key in a sliding window; ``blocked(key)`` once ``limit`` are inside it."""

    def __init__(self, limit: int = 5, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:
        self.limit, self.window_s, self.clock, self.max_keys = limit, window_s, clock, max_keys
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] >= self.window_s:
            times.popleft()
        return times

    def blocked(self, username: str, address: str) -> bool:
        """True when this user name from this address has failed ``limit`` times within the window."""
        key = (username.strip().lower()[:64], address)
        with self._lock:
            blocked = len(self._recent(key, self.clock())) >= self.limit
            if not self._failures[key]:
                del self._failures[key]  # keep the table to the pairs that failed recently
            return blocked

    def failed(self, username: str, address: str) -> None:
        """Record one failed sign-in."""
        with self._lock:
            now = self.clock()
            if len(self._failures) >= self.max_keys:  # many made-up names: forget pairs whose window has passed
                for key in [k for k, times in self._failures.items() if not times or now - times[-1] >= self.window_s]:
                    del self._failures[key]
            self._recent((username.strip().lower()[:64], address), now).append(now)

    def succeeded(self, username: str, address: str) -> None:
        """A right password clears the pair's count."""
        with self._lock:
            self._failures.pop((username.strip().lower()[:64], address), None)

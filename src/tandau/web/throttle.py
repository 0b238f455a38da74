"""Sign-in throttling that an attacker cannot turn against a known user.

Failures are counted per (user name, client address).  After
``FREE_FAILURES`` failures the pair waits ``BASE_DELAY`` seconds, doubling with
every further failure up to ``MAX_DELAY`` — exponential back-off.  While a
pair waits, its attempts are refused (429) without checking the password.  A
success clears the pair.  So an attacker guessing a chair's password from
address A is slowed to a crawl, while the chair signing in from address B is
not affected at all: there is no account lock.  Each address also has a
token bucket over all user names (20 a minute), so spraying many names from
one address is slowed as well.  The second factor (TOTP) is what stands
against a botnet guessing from many addresses; the counters are per worker
process, in memory (ADR 0008).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from tandau.i18n import N_

from .errors import RateLimited
from .security import RateLimiter

__all__ = ["BASE_DELAY", "FREE_FAILURES", "MAX_DELAY", "SignInThrottle", "SignInWait"]

FREE_FAILURES = 5
BASE_DELAY = 30.0
MAX_DELAY = 3600.0
_MAX_PAIRS = 100_000


class SignInWait(RateLimited, title=RateLimited.title):
    code = "web.sign_in_wait"
    default = N_(
        "Too many failed sign-ins for this user from your address. "
        "Please wait {seconds} seconds and try again."
    )


@dataclass
class _Failures:
    count: int = 0
    until: float = 0.0


@dataclass
class SignInThrottle:
    """Back-off per (user, address) plus a bucket per address; ``clock`` gives seconds."""

    clock: Callable[[], float]
    per_address: RateLimiter = field(default_factory=lambda: RateLimiter(20, 20))
    free: int = FREE_FAILURES
    base: float = BASE_DELAY
    cap: float = MAX_DELAY
    _pairs: dict[tuple[str, str], _Failures] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _key(username: str, address: str) -> tuple[str, str]:
        return username.strip().lower()[:64], address

    def check(self, username: str, address: str) -> None:
        """Raise RateLimited/SignInWait if this attempt may not be tried now."""
        self.per_address.hit(f"addr:{address}")
        now = self.clock()
        with self._lock:
            entry = self._pairs.get(self._key(username, address))
            if entry is not None and now < entry.until:
                raise SignInWait(seconds=max(1, int(entry.until - now + 0.999)))

    def failed(self, username: str, address: str) -> float:
        """Count a failure; the wait it sets (0 while the failures are still free)."""
        now = self.clock()
        with self._lock:
            if len(self._pairs) > _MAX_PAIRS:
                self._pairs = {k: v for k, v in self._pairs.items() if v.until > now}
            entry = self._pairs.setdefault(self._key(username, address), _Failures())
            entry.count += 1
            over = entry.count - self.free + 1
            delay = 0.0 if over <= 0 else min(self.cap, self.base * 2 ** min(over - 1, 32))
            entry.until = now + delay
            return delay

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._pairs.pop(self._key(username, address), None)

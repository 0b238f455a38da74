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
against a botnet guessing from many addresses (ADR 0008).  The counters live
in the workers' shared state (Redis, the database, or one process's memory;
ADR 0018), so a guesser gets the same five tries however many workers there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tandau.i18n import N_

from .errors import RateLimited
from .security import RateLimiter
from .shared_state import FailureStore, MemoryFailures

__all__ = ["BASE_DELAY", "FREE_FAILURES", "MAX_DELAY", "SignInThrottle", "SignInWait"]

FREE_FAILURES = 5
BASE_DELAY = 30.0
MAX_DELAY = 3600.0


class SignInWait(RateLimited, title=RateLimited.title):
    code = "web.sign_in_wait"
    default = N_(
        "Too many failed sign-ins for this user from your address. "
        "Please wait {seconds} seconds and try again."
    )


@dataclass
class SignInThrottle:
    """Back-off per (user, address) plus a bucket per address; ``clock`` gives seconds."""

    clock: Callable[[], float]
    per_address: RateLimiter = field(default_factory=lambda: RateLimiter(20, 20, scope="sign-in"))
    free: int = FREE_FAILURES
    base: float = BASE_DELAY
    cap: float = MAX_DELAY
    failures: FailureStore = field(default_factory=MemoryFailures)

    @staticmethod
    def _key(username: str, address: str) -> str:
        # No "|" in a client address: the last one splits the pair unambiguously.
        return f"{username.strip().lower()[:64]}|{address}"

    def _delay(self, count: int) -> float:
        over = count - self.free + 1
        return 0.0 if over <= 0 else min(self.cap, self.base * 2 ** min(over - 1, 32))

    def check(self, username: str, address: str) -> None:
        """Raise RateLimited/SignInWait if this attempt may not be tried now."""
        self.per_address.hit(f"addr:{address}")
        wait = self.failures.waiting(self._key(username, address), self.clock())
        if wait > 0:
            raise SignInWait(seconds=max(1, int(wait + 0.999)))

    def failed(self, username: str, address: str) -> float:
        """Count a failure; the wait it sets (0 while the failures are still free)."""
        return self.failures.failed(self._key(username, address), self.clock(), self._delay)

    def succeeded(self, username: str, address: str) -> None:
        self.failures.cleared(self._key(username, address))

"""The password policy of commission accounts: long, and not a common password.

A password needs at least 12 characters (and at most 256), and is refused if it
is, or is built from, a well-known password: the 30,000 most common passwords
of the ``zxcvbn`` package's frequency list (MIT licence, from leaked-password
corpora; read from the installed package, not copied here).  "Built from" means
the same after lower-casing, after stripping digits and punctuation from both
ends (``Dragon123456!``), or one repeated (``qwertyqwerty``); passwords of too
few different characters and those containing the user name are refused too.
Every account is made through :meth:`Accounts.create`, which calls
:func:`check_password`: the console, the API and the demo alike.
"""

from __future__ import annotations

import string
from functools import cache

from tandau.i18n import N_

from .errors import BadRequest

__all__ = [
    "MAX_PASSWORD",
    "MIN_PASSWORD",
    "CommonPassword",
    "WeakPassword",
    "check_password",
    "common_passwords",
]

MIN_PASSWORD = 12
MAX_PASSWORD = 256
_EDGES = string.digits + string.punctuation + " "


class WeakPassword(BadRequest, title=BadRequest.title):
    code = "web.weak_password"
    default = N_("A password needs at least {minimum} characters.")


class CommonPassword(WeakPassword, title=BadRequest.title):
    code = "web.common_password"
    default = N_(
        "This password is too easy to guess: it is a common password, is built from one, "
        "or contains the user name. Choose a longer phrase of unrelated words."
    )


@cache
def common_passwords() -> frozenset[str]:
    """The common-password list, lower-cased (loaded once)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

    return frozenset(p.lower() for p in FREQUENCY_LISTS["passwords"])


def _is_repeat(text: str, common: frozenset[str]) -> bool:
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size] in common or size < 4
    return False


def check_password(password: str, username: str = "") -> None:
    """Raise WeakPassword (too short or long) or CommonPassword; return None if acceptable."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise WeakPassword(minimum=MIN_PASSWORD)
    common = common_passwords()
    lowered = password.lower()
    core = lowered.strip(_EDGES)
    name = username.strip().lower()
    if (
        lowered in common
        or (len(core) >= 4 and core in common)
        or _is_repeat(lowered, common)
        or (core and _is_repeat(core, common))
        or len(set(lowered)) < 5
        or (len(name) >= 3 and name in lowered)
    ):
        raise CommonPassword()

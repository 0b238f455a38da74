"""Who the client is: proxy headers believed only from configured proxies.

``X-Forwarded-For``, ``X-Forwarded-Proto``, ``Forwarded`` (RFC 7239) and
``X-Real-IP`` are set by whoever sends the request, so they are believed only
when the connection comes from an address in ``TANDAU_TRUSTED_PROXIES``.  The
client is then the rightmost address of the chain that is not itself a trusted
proxy: a client cannot push its way out of the rate limits by prepending
addresses, since those sit to the left of the address our proxy saw.  From
anyone else the headers are removed, so nothing further in can read them.
uvicorn's own handling is switched off in ``tandau serve`` (it trusts
127.0.0.1 by default); this middleware is the only place that reads them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from tandau.settings import Network

__all__ = ["ProxyHeaders", "rate_key", "real_client"]

_HEADERS = (b"x-forwarded-for", b"x-forwarded-proto", b"forwarded", b"x-real-ip")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> Address | None:
    text = text.strip().strip('"')
    if text.startswith("["):  # "[2001:db8::1]:4711" (Forwarded)
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # "192.0.2.1:4711"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def rate_key(client: str) -> str:
    """The key a rate limit counts ``client`` under: an IPv6 client by its /64.

    One IPv6 subscriber usually holds a whole /64: counting each address apart
    would give it 2**64 fresh budgets.
    """
    address = _address(client)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return client


def _trusted(address: Address | None, proxies: Iterable[Network]) -> bool:
    return address is not None and any(address in net for net in proxies)


def _forwarded(value: str) -> tuple[list[str], list[str]]:
    """The ``for=`` and ``proto=`` values of an RFC 7239 header, in order."""
    hops: list[str] = []
    protos: list[str] = []
    for element in value.split(","):
        for pair in element.split(";"):
            key, _, val = pair.partition("=")
            key = key.strip().lower()
            if key == "for":
                hops.append(val.strip())
            elif key == "proto":
                protos.append(val.strip().strip('"').lower())
    return hops, protos


def real_client(
    peer: str, headers: dict[str, list[str]], proxies: tuple[Network, ...]
) -> tuple[str, str | None]:
    """The client's address and the scheme the client used (None: keep the connection's)."""
    if not _trusted(_address(peer), proxies):
        return peer, None
    protos: list[str] = []
    if "forwarded" in headers:
        hops, protos = _forwarded(",".join(headers["forwarded"]))
    elif "x-forwarded-for" in headers:
        hops = [h for v in headers["x-forwarded-for"] for h in v.split(",")]
    else:
        hops = headers.get("x-real-ip", [])[-1:]
    if "x-forwarded-proto" in headers and not protos:
        protos = [p.strip().lower() for v in headers["x-forwarded-proto"] for p in v.split(",")]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # an unknown or obfuscated hop: the last address we could read stands
        client = str(address)
        if not _trusted(address, proxies):
            break
    scheme = protos[-1] if protos and protos[-1] in ("http", "https") else None
    return client, scheme


class ProxyHeaders:
    """Sets the ASGI client and scheme from trusted proxies' headers; strips them otherwise."""

    def __init__(self, app: ASGIApp, *, trusted: tuple[Network, ...]) -> None:
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            found: dict[str, list[str]] = {}
            kept: list[tuple[bytes, bytes]] = []
            for name, value in scope["headers"]:
                if name.lower() in _HEADERS:
                    found.setdefault(name.lower().decode(), []).append(value.decode("latin-1"))
                else:
                    kept.append((name, value))
            if found:
                scope = dict(scope)
                scope["headers"] = kept
                peer = scope.get("client") or ("", 0)
                client, scheme = real_client(str(peer[0]), found, self.trusted)
                if client != peer[0]:
                    scope["client"] = (client, 0)
                if scheme is not None:
                    ws = scope["type"] == "websocket"
                    scope["scheme"] = ("wss" if scheme == "https" else "ws") if ws else scheme
        await self.app(scope, receive, send)

"""Where the verifier's chunks of work run: inline, in local processes, or on a Dask cluster.

The pipeline reads the record once, in order, and submits chunks of
consecutive counted ballots (an entry range) to an executor; it takes the
results back in submission order, so the report is the same byte for byte
however the work ran.  At most ``2 × width`` chunks are in flight, so memory
stays flat whatever the record's size.  A Dask cluster's workers need this
package installed (``pip install tandau[dask]``); only the chunk's bytes and
the check's parameters travel.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

__all__ = ["ClusterUnavailable", "Executor", "Pending", "open_executor"]


class ClusterUnavailable(Exception):
    """The Dask scheduler cannot be reached (or distributed is not installed)."""


class Pending(Protocol):
    def result(self) -> Any: ...


class Executor(Protocol):
    #: How many chunks can run at once.
    width: int
    #: True when chunks run in the driver's process (parsed values need not travel as bytes).
    local: bool

    def submit(self, fn: Callable[[Any], Any], arg: Any) -> Pending: ...

    def close(self) -> None: ...


class _Done:
    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


class _Inline:
    width = 1
    local = True

    def submit(self, fn: Callable[[Any], Any], arg: Any) -> Pending:
        return _Done(fn(arg))

    def close(self) -> None:
        pass


class _Processes:
    local = False

    def __init__(self, jobs: int) -> None:
        self.width = jobs
        self._pool = ProcessPoolExecutor(jobs)

    def submit(self, fn: Callable[[Any], Any], arg: Any) -> Pending:
        return self._pool.submit(fn, arg)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class _Dask:
    local = False

    def __init__(self, address: str) -> None:
        try:
            import distributed
        except ImportError as exc:
            raise ClusterUnavailable("install tandau[dask] to use --dask") from exc
        try:
            client: Any = distributed.Client  # untyped library: keep its calls out of mypy's way
            self._client: Any = client(address, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}") from exc
        self.width = max(1, sum(self._client.nthreads().values()))

    def submit(self, fn: Callable[[Any], Any], arg: Any) -> Pending:
        # pure=False: two equal chunks are still two tasks (no key collisions).
        future: Pending = self._client.submit(fn, arg, pure=False)
        return future

    def close(self) -> None:
        self._client.close()


def open_executor(jobs: int = 1, dask: str | None = None) -> Executor:
    """A Dask client when ``dask`` names a scheduler, else ``jobs`` local processes."""
    if dask is not None:
        return _Dask(dask)
    return _Processes(jobs) if jobs > 1 else _Inline()

"""A small in-process cache of values read from elsewhere (Redis), each believed for a short time.

Used where every request checks something another process owns (revocation marks, tenant access
policies): the value is read once and believed for `seconds`, so a change holds everywhere within
that time. Concurrent misses of the same keys share one read: when an entry expires under load,
every request that needs it in the meantime would otherwise send its own read (measured under
bench-gateway: three times the reads the cache should need, identity's and the gateway's).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Entry(Generic[V]):
    value: V
    read_at: float


class FreshCache(Generic[V]):
    """At most `max_entries` values, the oldest dropped first; each fresh for `seconds`."""

    def __init__(self, *, seconds: float, max_entries: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._seconds = seconds
        self._max_entries = max_entries
        self._clock = clock
        self._entries: dict[str, Entry[V]] = {}
        self._reading: dict[tuple[str, ...], asyncio.Task[Sequence[V]]] = {}
        self._generation = 0  # moved by `forget`: a read begun before it remembers nothing

    def fresh(self, key: str) -> Entry[V] | None:
        entry = self._entries.get(key)
        if entry is not None and self._clock() - entry.read_at < self._seconds:
            return entry
        return None

    async def read(self, keys: tuple[str, ...], fetch: Callable[[], Awaitable[Sequence[V]]]) -> Sequence[V]:
        """The values of `keys` from `fetch()` (one value per key, in order), remembered. A caller
        asking for the same keys while a read is under way waits for that read (its error too)."""
        reading = self._reading.get(keys)
        if reading is None:
            reading = asyncio.ensure_future(self._fetch_and_remember(keys, fetch))
            self._reading[keys] = reading
            reading.add_done_callback(partial(self._done_reading, keys))
        # Shielded: a caller that goes away (its client disconnected) does not cancel the others' read.
        return await asyncio.shield(reading)

    def forget(self, *keys: str) -> None:
        """Drop these keys' values and any read of them under way (a writer here has just changed them)."""
        self._generation += 1
        for key in keys:
            self._entries.pop(key, None)
        for reading in [r for r in self._reading if not set(r).isdisjoint(keys)]:
            del self._reading[reading]

    async def _fetch_and_remember(
        self, keys: tuple[str, ...], fetch: Callable[[], Awaitable[Sequence[V]]]
    ) -> Sequence[V]:
        generation, started = self._generation, self._clock()
        values = await fetch()
        if generation == self._generation:  # nothing forgotten meanwhile: what was read is current
            for key, value in zip(keys, values, strict=True):
                self._remember(key, Entry(value, started))
        return values

    def _done_reading(self, keys: tuple[str, ...], reading: asyncio.Task[Sequence[V]]) -> None:
        if self._reading.get(keys) is reading:
            del self._reading[keys]

    def _remember(self, key: str, entry: Entry[V]) -> None:
        self._entries.pop(key, None)  # re-inserted last: the dict's order is the eviction order
        if len(self._entries) >= self._max_entries:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = entry

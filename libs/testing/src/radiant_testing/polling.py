"""`eventually()`: the one way a test waits for something asynchronous to become true."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable
from typing import Any

# Long enough not to hammer a service, short enough that a test waits little past the moment it could go on.
DEFAULT_INTERVAL = 0.2
_REPR_LIMIT = 300


async def eventually(
    check: Callable[[], Any],
    *,
    until: Callable[[Any], object] = bool,
    timeout: float = 30.0,  # noqa: ASYNC109 - a deadline whose failure names the last value, not a cancellation
    interval: float = DEFAULT_INTERVAL,
    what: str = "condition",
) -> Any:
    """Call `check()` (plain or async) until `until(value)` holds (by default: the value is truthy)
    and return that value; after `timeout` seconds fail with the last value seen.

    Only a deadline, never a timing assertion: a slow machine waits longer, it does not fail. An
    exception raised by `check` is not retried: it is the test's own assertion failing.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if until(value):
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} not reached within {timeout}s; last value: {_short(value)}")
        await asyncio.sleep(interval)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _REPR_LIMIT else f"{text[:_REPR_LIMIT]}… ({len(text)} characters)"

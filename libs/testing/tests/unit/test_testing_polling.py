"""`eventually()`: returns the first value that satisfies, waits only as long as needed, fails with the last value."""

from __future__ import annotations

import time

import pytest

from radiant_testing import eventually


async def test_returns_the_first_truthy_value_of_an_async_check():
    answers = iter([None, [], {"ready": True}])

    async def check():
        return next(answers)

    assert await eventually(check, interval=0) == {"ready": True}


async def test_takes_a_plain_check_and_a_condition_on_its_value():
    counts = iter([0, 1, 2, 3])
    assert await eventually(lambda: next(counts), until=lambda n: n >= 2, interval=0) == 2


async def test_a_falsy_value_is_returned_when_the_condition_accepts_it():
    assert await eventually(lambda: 0, until=lambda n: n == 0) == 0


async def test_fails_after_the_timeout_naming_what_and_the_last_value():
    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"rollup not reached within 0.2s; last value: \{'count': 1\}"):
        await eventually(
            lambda: {"count": 1}, until=lambda d: d["count"] == 3, timeout=0.2, interval=0.05, what="rollup"
        )
    assert time.monotonic() - started < 2


async def test_an_exception_in_the_check_is_not_retried():
    calls = []

    def check():
        calls.append(1)
        raise AssertionError("status 500")

    with pytest.raises(AssertionError, match="status 500"):
        await eventually(check)
    assert len(calls) == 1


async def test_a_long_last_value_is_shortened_in_the_message():
    with pytest.raises(AssertionError) as failure:
        await eventually(lambda: "x" * 10_000, until=lambda _: False, timeout=0)
    assert len(str(failure.value)) < 500 and "10002 characters" in str(failure.value)

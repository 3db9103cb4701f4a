"""The batch consumer's poll: it waits in aiokafka's `getmany` only, never sleeps after an empty poll."""

from __future__ import annotations

from typing import Any

import faststream.kafka.subscriber.usecase as faststream_subscribers
import pytest
from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker

from radiant_platform.consumer import BatchConsumer


class _Polled:
    """An aiokafka consumer's `getmany`, answering with the batches given, recording each call."""

    def __init__(self, *answers: dict[str, list[Any]]) -> None:
        self.answers = list(answers)
        self.calls: list[dict[str, Any]] = []

    async def getmany(self, *partitions: Any, timeout_ms: int = 0, max_records: int | None = None) -> Any:
        self.calls.append({"timeout_ms": timeout_ms, "max_records": max_records})
        return self.answers.pop(0)


def _record(partition: int, offset: int) -> ConsumerRecord:
    return ConsumerRecord("t", partition, offset, 0, 0, None, b"{}", None, 0, 2, [])


async def _never_applied(session: Any, deliveries: Any) -> None:
    raise AssertionError("no batch is applied in these tests")


def _no_database() -> Any:
    raise AssertionError("no database is used in these tests")


def _registered(**options: Any) -> Any:
    broker = KafkaBroker("localhost:9")  # never connected: only the subscriber is built
    consumer = BatchConsumer(
        name="poll-test", topic="t", handler=_never_applied, sessionmaker_provider=_no_database, **options
    )
    consumer.register(broker)
    (subscriber,) = broker.subscribers
    return subscriber


@pytest.fixture
def no_sleeping(monkeypatch: pytest.MonkeyPatch) -> None:
    async def refuse(seconds: float) -> None:
        raise AssertionError(f"the poll slept {seconds}s after getmany")

    monkeypatch.setattr(faststream_subscribers.anyio, "sleep", refuse)


async def test_an_empty_poll_returns_at_once_without_sleeping_again(no_sleeping: None) -> None:
    subscriber = _registered(max_records=64)
    polled = _Polled({})

    assert await subscriber.get_msg(polled) == ()
    # one wait, in getmany, as long as the consumer's batch timeout (default: a second when idle)
    assert polled.calls == [{"timeout_ms": 1000, "max_records": 64}]


async def test_a_poll_returns_every_partition_s_records_in_order(no_sleeping: None) -> None:
    subscriber = _registered(max_records=10, batch_timeout_ms=200)
    first, second, third = _record(0, 5), _record(0, 6), _record(1, 9)
    polled = _Polled({}, {"p0": [first, second], "p1": [third]})

    assert await subscriber.get_msg(polled) == ()
    assert await subscriber.get_msg(polled) == (first, second, third)
    assert [c["timeout_ms"] for c in polled.calls] == [200, 200]

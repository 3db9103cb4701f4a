"""The offset reader keeps one admin connection per process: measurements reuse it, a failed one drops
it (the next measurement connects afresh), closing releases it. A fake admin client stands in for the
broker, answering the requests the reader sends (Metadata, ListGroups, OffsetFetch, ListOffsets)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka import TopicPartition
from aiokafka.errors import (
    IncompatibleBrokerVersion,
    KafkaConnectionError,
    LeaderNotAvailableError,
    NotCoordinatorForGroupError,
)
from aiokafka.protocol.offset import OffsetRequest_v3, OffsetResponse_v3
from aiokafka.structs import OffsetAndMetadata

from radiant_platform.kafka_lag import (
    EARLIEST,
    LATEST,
    GroupsOffsetFetch,
    OffsetFetchRequest_v8,
    OffsetFetchResponse_v8,
    OffsetReader,
)
from radiant_platform.kafka_security import KafkaSecurity

#: topic → (partition → leader, (start, end) offsets); the group committed 2 of usage-events[0]'s 5.
CLUSTER = {
    "usage-events": {0: (1, (0, 5)), 1: (2, (0, 4))},
    "usage-events.dlq": {0: (2, (1, 3))},
    "__consumer_offsets": {0: (1, (0, 99))},
}
COMMITTED = {
    "metering-usage": {TopicPartition("usage-events", 0): 2, TopicPartition("usage-events", 1): 4},
    "audit-siem-soc": {TopicPartition("usage-events", 1): 1},
}


class FakeAdmin:
    """An admin client of `CLUSTER`; `fail_on` names the call that raises as if the broker went away."""

    def __init__(self, fail_on: str | None = None, leader: int | None = None, batches: bool = True) -> None:
        self.fail_on = fail_on
        self.leader = leader
        self.batches = batches  # answers OffsetFetch v8 (Kafka 3.0+)
        self.started = self.closed = False
        self.coordinator = 1
        self.list_offsets_requests: list[tuple[int, int]] = []  # (node, timestamp)
        self.coordinator_lookups: list[str] = []
        self.offset_fetches: list[tuple[int, list[str]]] = []  # (node, groups) of each batched request

    def _maybe_fail(self, call: str) -> None:
        if self.fail_on == call:
            raise KafkaConnectionError(f"{call}: connection refused")

    async def start(self) -> None:
        self._maybe_fail("start")
        self.started = True

    async def close(self) -> None:
        self.closed = True

    async def describe_topics(self) -> list[dict[str, Any]]:
        self._maybe_fail("describe_topics")
        return [
            {
                "topic": topic,
                "error_code": 0,
                "partitions": [
                    {"partition": p, "leader": self.leader if self.leader is not None else leader}
                    for p, (leader, _) in parts.items()
                ],
            }
            for topic, parts in CLUSTER.items()
        ]

    async def list_consumer_groups(self) -> list[tuple[str, str]]:
        return [(group, "consumer") for group in COMMITTED]

    async def find_coordinator(self, group: str) -> int:
        self.coordinator_lookups.append(group)
        return self.coordinator

    async def list_consumer_group_offsets(self, group: str) -> dict[TopicPartition, OffsetAndMetadata]:
        return {tp: OffsetAndMetadata(offset, "") for tp, offset in COMMITTED[group].items()}

    async def _send_request(self, request: Any, node: int) -> Any:
        if isinstance(request, GroupsOffsetFetch):
            return self._offset_fetch(request, node)
        return self._list_offsets(request, node)

    def _offset_fetch(self, request: GroupsOffsetFetch, node: int) -> OffsetFetchResponse_v8:
        if not self.batches:
            raise IncompatibleBrokerVersion("OffsetFetch v8")
        wire = request.build(OffsetFetchRequest_v8)
        groups = [group for group, topics, _tags in wire.groups]
        self.offset_fetches.append((node, groups))
        answered = []
        for group in groups:
            if node != self.coordinator:
                answered.append((group, [], NotCoordinatorForGroupError.errno, {}))
                continue
            by_topic: dict[str, list[Any]] = {}
            for tp, offset in COMMITTED[group].items():
                by_topic.setdefault(tp.topic, []).append((tp.partition, offset, -1, "", 0, {}))
            answered.append((group, [(topic, parts, {}) for topic, parts in by_topic.items()], 0, {}))
        return OffsetFetchResponse_v8(0, answered, {})

    def _list_offsets(self, request: Any, node: int) -> OffsetResponse_v3:
        wire = request.build(OffsetRequest_v3)  # as the broker reads it
        topics = []
        for topic, partitions in wire.topics:
            answered = []
            for partition, at in partitions:
                leader, (start, end) = CLUSTER[topic][partition]
                assert leader == node, f"{topic}[{partition}] asked of node {node}, its leader is {leader}"
                self.list_offsets_requests.append((node, at))
                answered.append((partition, 0, -1, end if at == LATEST else start))
            topics.append((topic, answered))
        return OffsetResponse_v3(0, topics)


class Admins:
    """The reader's admin factory: every client it made, in order."""

    def __init__(self, *failures: str | None, leader: int | None = None, batches: bool = True) -> None:
        self.failures = list(failures)
        self.leader = leader
        self.batches = batches
        self.made: list[FakeAdmin] = []

    def __call__(self) -> Any:
        admin = FakeAdmin(self.failures.pop(0) if self.failures else None, self.leader, self.batches)
        self.made.append(admin)
        return admin


def _reader(admins: Admins) -> OffsetReader:
    return OffsetReader("127.0.0.1:9", KafkaSecurity(), admin_factory=admins)


async def test_measurements_reuse_one_connection_and_closing_releases_it():
    admins = Admins()
    reader = _reader(admins)
    assert reader.client is None and admins.made == []  # nothing connects before the first measurement

    first = await reader.measure()
    second = await reader.measure()

    [admin] = admins.made
    assert reader.client is admin and admin.started and not admin.closed
    for offsets in (first, second):
        siem, usage = offsets.groups
        assert (usage.group, usage.lag, [(p.topic, p.partition, p.committed, p.end) for p in usage.partitions]) == (
            "metering-usage",
            3,
            [("usage-events", 0, 2, 5), ("usage-events", 1, 4, 4)],
        )
        assert (siem.group, siem.lag) == ("audit-siem-soc", 3)
        [dlq] = offsets.dead_letter_queues  # Kafka's own topics are not counted
        assert (dlq.topic, dlq.depth) == ("usage-events.dlq", 2)
    # One ListOffsets per leader and kind: ends from nodes 1 and 2, the DLQ's start from node 2.
    assert sorted(set(admin.list_offsets_requests)) == [(1, LATEST), (2, EARLIEST), (2, LATEST)]

    await reader.close()
    assert admin.closed and reader.client is None
    with pytest.raises(RuntimeError):
        await reader.measure()
    assert len(admins.made) == 1  # a closed reader never reconnects


async def test_a_failed_measurement_drops_the_connection_and_the_next_one_connects_afresh():
    admins = Admins("describe_topics")
    reader = _reader(admins)

    with pytest.raises(KafkaConnectionError):
        await reader.measure()
    [gone] = admins.made
    assert gone.closed and reader.client is None

    offsets = await reader.measure()
    assert [g.lag for g in offsets.groups] == [3, 3]
    assert len(admins.made) == 2 and reader.client is admins.made[1]


async def test_a_broker_that_refuses_the_connection_leaves_no_client_behind():
    admins = Admins("start")
    reader = _reader(admins)
    with pytest.raises(KafkaConnectionError):
        await reader.measure()
    assert admins.made[0].closed and reader.client is None
    assert [g.lag for g in (await reader.measure()).groups] == [3, 3]  # the broker is back


async def test_concurrent_first_measurements_open_one_connection():
    admins = Admins()
    reader = _reader(admins)
    results = await asyncio.gather(*(reader.measure() for _ in range(3)))
    assert len(admins.made) == 1
    assert [[g.lag for g in r.groups] for r in results] == [[3, 3]] * 3


async def test_a_partition_without_a_leader_is_not_measured_but_reported():
    admins = Admins(leader=-1)  # an election under way
    reader = _reader(admins)
    with pytest.raises(LeaderNotAvailableError):
        await reader.measure()
    assert reader.client is None  # asked again afresh next time


async def test_committed_offsets_come_in_one_request_per_coordinator_whose_groups_are_looked_up_once():
    admins = Admins()
    reader = _reader(admins)
    await reader.measure()
    await reader.measure()
    [admin] = admins.made
    assert sorted(admin.coordinator_lookups) == ["audit-siem-soc", "metering-usage"]  # once each, not per call
    assert admin.offset_fetches == [(1, ["audit-siem-soc", "metering-usage"])] * 2


async def test_a_group_whose_coordinator_moved_is_looked_up_again_and_measured():
    admins = Admins()
    reader = _reader(admins)
    await reader.measure()
    [admin] = admins.made
    admin.coordinator = 2  # both groups moved to node 2: node 1 answers NOT_COORDINATOR

    offsets = await reader.measure()

    assert [(g.group, g.lag) for g in offsets.groups] == [("audit-siem-soc", 3), ("metering-usage", 3)]
    assert admin.offset_fetches[1:] == [
        (1, ["audit-siem-soc", "metering-usage"]),
        (2, ["audit-siem-soc", "metering-usage"]),
    ]
    assert len(admin.coordinator_lookups) == 4


async def test_a_broker_without_batched_offset_fetches_is_asked_group_by_group():
    admins = Admins(batches=False)
    reader = _reader(admins)
    for _ in range(2):
        offsets = await reader.measure()
        assert [(g.group, g.lag) for g in offsets.groups] == [("audit-siem-soc", 3), ("metering-usage", 3)]
    assert admins.made[0].offset_fetches == []
    assert reader.client is admins.made[0]  # not a failure: the connection is kept

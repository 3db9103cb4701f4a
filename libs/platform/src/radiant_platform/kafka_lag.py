"""Consumer lag and dead-letter depth, measured at the broker (never estimated by the consumers).

- A group's lag on a partition is the partition's end offset minus the offset the group committed:
  records written that the group has not yet finished with (its handlers commit after their DB commit).
- A dead-letter topic's depth is, per partition, its end offset minus its start offset: the records it
  holds (retention moves the start).

It needs a principal allowed to DESCRIBE every topic and group, nothing more
(`provisioning.KafkaPrincipal(describes_everything=True)`: the gateway's). aiokafka's admin client
lists groups and their committed offsets; the offsets of the partitions come from a consumer that
joins no group (ListOffsets), so measuring changes nothing on the broker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from .kafka_security import KafkaSecurity

#: At most this many groups are measured (by name); `KafkaOffsets.groups_truncated` says when more exist.
MAX_GROUPS = 500
#: Offset fetches in flight at once, so a broker with many groups is not flooded by one health call.
CONCURRENT_FETCHES = 16
DLQ_SUFFIX = ".dlq"


@dataclass(frozen=True, slots=True)
class PartitionLag:
    topic: str
    partition: int
    committed: int
    end: int

    @property
    def lag(self) -> int:
        return max(0, self.end - self.committed)


@dataclass(frozen=True, slots=True)
class GroupLag:
    group: str
    partitions: tuple[PartitionLag, ...]

    @property
    def lag(self) -> int:
        return sum(p.lag for p in self.partitions)


@dataclass(frozen=True, slots=True)
class PartitionDepth:
    partition: int
    start: int
    end: int

    @property
    def depth(self) -> int:
        return max(0, self.end - self.start)


@dataclass(frozen=True, slots=True)
class TopicDepth:
    topic: str
    partitions: tuple[PartitionDepth, ...]

    @property
    def depth(self) -> int:
        return sum(p.depth for p in self.partitions)


@dataclass(frozen=True, slots=True)
class KafkaOffsets:
    groups: tuple[GroupLag, ...]
    dead_letter_queues: tuple[TopicDepth, ...]
    groups_truncated: bool


async def measure_offsets(
    bootstrap_servers: str,
    security: KafkaSecurity,
    *,
    client_id: str = "radiant-lag-probe",
    max_groups: int = MAX_GROUPS,
    request_timeout_ms: int = 5_000,
) -> KafkaOffsets:
    """Every consumer group's lag per partition and every `*.dlq` topic's depth, now."""
    kwargs = {
        "bootstrap_servers": bootstrap_servers,
        "client_id": client_id,
        "request_timeout_ms": request_timeout_ms,
        **security.client_kwargs(),
    }
    admin = AIOKafkaAdminClient(**kwargs)
    consumer = AIOKafkaConsumer(group_id=None, enable_auto_commit=False, **kwargs)
    await admin.start()
    try:
        await consumer.start()
        try:
            return await _measure(admin, consumer, max_groups)
        finally:
            await consumer.stop()
    finally:
        await admin.close()


async def _measure(admin: AIOKafkaAdminClient, consumer: AIOKafkaConsumer, max_groups: int) -> KafkaOffsets:
    topics = {t for t in await admin.list_topics() if not t.startswith("__")}  # not Kafka's own
    names = sorted({group for group, _ in await admin.list_consumer_groups()})
    measured = names[:max_groups]
    committed = await _committed_offsets(admin, measured)
    dlq_partitions = await _partitions(admin, sorted(t for t in topics if t.endswith(DLQ_SUFFIX)))
    # A group may still hold offsets of a topic deleted since: there is nothing to lag behind.
    live = {tp for offsets in committed.values() for tp in offsets if tp.topic in topics}
    ends = await consumer.end_offsets(list(live | set(dlq_partitions))) if live or dlq_partitions else {}
    starts = await consumer.beginning_offsets(dlq_partitions) if dlq_partitions else {}
    groups = tuple(
        GroupLag(
            group,
            tuple(
                PartitionLag(tp.topic, tp.partition, offset, ends[tp])
                for tp, offset in sorted(offsets.items(), key=lambda item: (item[0].topic, item[0].partition))
                if tp in ends
            ),
        )
        for group, offsets in committed.items()
    )
    return KafkaOffsets(groups, _depths(dlq_partitions, starts, ends), groups_truncated=len(names) > max_groups)


async def _partitions(admin: AIOKafkaAdminClient, topics: list[str]) -> list[TopicPartition]:
    if not topics:
        return []
    described = await admin.describe_topics(topics)
    return sorted(
        TopicPartition(t["topic"], p["partition"])
        for t in described
        if t["error_code"] == 0  # deleted since it was listed: nothing to count
        for p in t["partitions"]
    )


async def _committed_offsets(admin: AIOKafkaAdminClient, groups: list[str]) -> dict[str, dict[TopicPartition, int]]:
    gate = asyncio.Semaphore(CONCURRENT_FETCHES)

    async def fetch(group: str) -> dict[TopicPartition, int]:
        async with gate:
            offsets = await admin.list_consumer_group_offsets(group)
        return {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}  # -1: nothing committed

    results = await asyncio.gather(*(fetch(g) for g in groups))
    return dict(zip(groups, results, strict=True))


def _depths(
    partitions: Iterable[TopicPartition], starts: dict[TopicPartition, int], ends: dict[TopicPartition, int]
) -> tuple[TopicDepth, ...]:
    by_topic: dict[str, list[PartitionDepth]] = {}
    for tp in partitions:
        by_topic.setdefault(tp.topic, []).append(PartitionDepth(tp.partition, starts[tp], ends[tp]))
    return tuple(TopicDepth(topic, tuple(parts)) for topic, parts in sorted(by_topic.items()))

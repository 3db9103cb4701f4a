"""Consumer lag and dead-letter depth, measured at the broker (never estimated by the consumers).

- A group's lag on a partition is the partition's end offset minus the offset the group committed:
  records written that the group has not yet finished with (its handlers commit after their DB commit).
- A dead-letter topic's depth is, per partition, its end offset minus its start offset: the records it
  holds (retention moves the start).

It needs a principal allowed to DESCRIBE every topic and group, nothing more
(`provisioning.KafkaPrincipal(describes_everything=True)`: the gateway's). aiokafka's admin client
lists the topics with their leaders, the groups and their committed offsets; the partitions' offsets
come from ListOffsets sent to each leader, so measuring joins no group and changes nothing on the
broker. A process that measures repeatedly keeps one `OffsetReader` (one connection and login).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import (
    GroupCoordinatorNotAvailableError,
    GroupLoadInProgressError,
    IncompatibleBrokerVersion,
    LeaderNotAvailableError,
    NotCoordinatorForGroupError,
    for_code,
)
from aiokafka.protocol.api import Request, RequestStruct, Response
from aiokafka.protocol.offset import OffsetRequest
from aiokafka.protocol.types import Boolean, CompactArray, CompactString, Int16, Int32, Int64, Schema, TaggedFields

from .kafka_security import KafkaSecurity

log = logging.getLogger(__name__)

#: At most this many groups are measured (by name); `KafkaOffsets.groups_truncated` says when more exist.
MAX_GROUPS = 500
#: Offset fetches in flight at once, so a broker with many groups is not flooded by one health call.
CONCURRENT_FETCHES = 16
#: Groups asked for in one OffsetFetch (each answer lists every partition a group committed).
GROUPS_PER_FETCH = 100
#: What a group's coordinator answers when the group has moved to another broker (look it up again).
COORDINATOR_MOVED = {
    GroupLoadInProgressError.errno,
    GroupCoordinatorNotAvailableError.errno,
    NotCoordinatorForGroupError.errno,
}
DLQ_SUFFIX = ".dlq"
#: ListOffsets' special timestamps, and its isolation level (the high watermark, as a consumer sees it).
LATEST, EARLIEST = -1, -2
READ_UNCOMMITTED = 0


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


class OffsetReader:
    """Offsets measured over one long-lived admin connection, kept by the process that measures.

    A new admin client per measurement costs a TCP connect and a SASL login, and a new consumer's
    first ListOffsets learned the topics' leaders one topic per metadata retry (100 ms each: two
    seconds on twenty topics). The reader connects on its first measurement (a process that never
    measures never connects), and its owner closes it on shutdown (`close`, from `close_deps`). A
    measurement that fails drops the client, so the next one connects afresh: a broker that went away
    is reached again once it is back, with no restart of the process.

    Nothing is cached between measurements: every `measure` asks the broker.
    """

    def __init__(
        self,
        bootstrap_servers: str,
        security: KafkaSecurity,
        *,
        client_id: str = "radiant-lag-probe",
        max_groups: int = MAX_GROUPS,
        request_timeout_ms: int = 5_000,
        admin_factory: Callable[[], AIOKafkaAdminClient] | None = None,
    ) -> None:
        self._max_groups = max_groups
        self._admin_factory = admin_factory or (
            lambda: AIOKafkaAdminClient(
                bootstrap_servers=bootstrap_servers,
                client_id=client_id,
                request_timeout_ms=request_timeout_ms,
                **security.client_kwargs(),
            )
        )
        self._admin: AIOKafkaAdminClient | None = None
        self._connecting = asyncio.Lock()
        self._closed = False
        self._committed = CommittedOffsets()

    @property
    def client(self) -> AIOKafkaAdminClient | None:
        """The admin client in use, None before the first measurement and after a failed one."""
        return self._admin

    async def measure(self) -> KafkaOffsets:
        """Every consumer group's lag per partition and every `*.dlq` topic's depth, now."""
        admin = await self._connected()
        try:
            return await _measure(admin, self._committed, self._max_groups)
        except BaseException:  # a broker error, a timeout's cancellation: this connection is not trusted again
            await self._drop(admin)
            raise

    async def close(self) -> None:
        self._closed = True
        if self._admin is not None:
            await self._drop(self._admin)

    async def _connected(self) -> AIOKafkaAdminClient:
        async with self._connecting:  # concurrent first measurements share one connection
            if self._closed:
                raise RuntimeError("the offset reader is closed")
            if self._admin is None:
                admin = self._admin_factory()
                try:
                    await admin.start()
                except BaseException:
                    await _close_quietly(admin)
                    raise
                self._admin = admin
            return self._admin

    async def _drop(self, admin: AIOKafkaAdminClient) -> None:
        if self._admin is admin:
            self._admin = None
            self._committed = CommittedOffsets()  # a new connection may meet another cluster: look again
        await _close_quietly(admin)


async def _close_quietly(admin: AIOKafkaAdminClient) -> None:
    try:
        await admin.close()
    except Exception:
        log.debug("offset reader: closing the admin client failed", exc_info=True)


async def _measure(admin: AIOKafkaAdminClient, committed_offsets: CommittedOffsets, max_groups: int) -> KafkaOffsets:
    leaders = await _partition_leaders(admin)
    names = sorted({group for group, _ in await admin.list_consumer_groups()})
    measured = names[:max_groups]
    committed = await committed_offsets.of(admin, measured)
    dlq_partitions = sorted(tp for tp in leaders if tp.topic.endswith(DLQ_SUFFIX))
    # A group may still hold offsets of a topic deleted since: there is nothing to lag behind.
    live = {tp for offsets in committed.values() for tp in offsets if tp in leaders}
    ends, starts = await asyncio.gather(
        _list_offsets(admin, leaders, live | set(dlq_partitions), LATEST),
        _list_offsets(admin, leaders, dlq_partitions, EARLIEST),
    )
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


async def _partition_leaders(admin: AIOKafkaAdminClient) -> dict[TopicPartition, int]:
    """Every partition of every topic but Kafka's own, with its leader's node id: one Metadata request."""
    return {
        TopicPartition(t["topic"], p["partition"]): p["leader"]
        for t in await admin.describe_topics()
        if t["error_code"] == 0 and not t["topic"].startswith("__")  # deleted since listed; Kafka's own
        for p in t["partitions"]
    }


async def _list_offsets(
    admin: AIOKafkaAdminClient, leaders: dict[TopicPartition, int], partitions: Iterable[TopicPartition], at: int
) -> dict[TopicPartition, int]:
    """The partitions' offsets `at` LATEST (end) or EARLIEST (start): one ListOffsets request per leader
    with all of its partitions (a consumer's `end_offsets` found the leaders one topic per retry).

    aiokafka's admin client has no ListOffsets call, so the request goes through its connection
    (`_send_request`, aiokafka 0.14, pinned), as the admin client sends its own."""
    by_leader: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for tp in partitions:
        leader = leaders[tp]
        if leader < 0:  # an election under way: this partition cannot be measured now
            raise LeaderNotAvailableError(f"{tp.topic}[{tp.partition}] has no leader")
        by_leader.setdefault(leader, {}).setdefault(tp.topic, []).append((tp.partition, at))
    responses = await asyncio.gather(
        *(
            admin._send_request(OffsetRequest(-1, READ_UNCOMMITTED, list(topics.items())), node)
            for node, topics in by_leader.items()
        )
    )
    offsets: dict[TopicPartition, int] = {}
    for response in responses:
        for topic, parts in response.topics:
            for partition, error_code, *found in parts:
                if error_code:
                    raise for_code(error_code)(f"ListOffsets {topic}[{partition}]")
                # v0 answers a list of offsets; v1 and later (timestamp, offset).
                offsets[TopicPartition(topic, partition)] = found[0][0] if response.API_VERSION == 0 else found[-1]
    return offsets


class CommittedOffsets:
    """The groups' committed offsets: one OffsetFetch per coordinator for up to `GROUPS_PER_FETCH`
    groups (v8, KIP-709, Kafka 3.0+) instead of a FindCoordinator and an OffsetFetch per group (two
    round trips each: 0.15 s of every measurement on 300 groups). Each group's coordinator is looked
    up once and kept while the group exists; a group that moved says so in its answer and is looked
    up again. A broker without v8 is asked group by group, as aiokafka's admin client does."""

    def __init__(self) -> None:
        self._coordinators: dict[str, int] = {}
        self._batched = True

    async def of(self, admin: AIOKafkaAdminClient, groups: list[str]) -> dict[str, dict[TopicPartition, int]]:
        if self._batched:
            try:
                return await self._batched_fetch(admin, groups)
            # aiokafka's Request.prepare refuses a broker without OffsetFetch v8: IncompatibleBrokerVersion
            # when the broker names no OffsetFetch versions, NotImplementedError when its range excludes v8.
            except (IncompatibleBrokerVersion, NotImplementedError):
                self._batched = False
        return await _offsets_group_by_group(admin, groups)

    async def _batched_fetch(
        self, admin: AIOKafkaAdminClient, groups: list[str]
    ) -> dict[str, dict[TopicPartition, int]]:
        for gone in self._coordinators.keys() - set(groups):
            self._coordinators.pop(gone, None)
        found, moved = await self._fetch(admin, await self._coordinators_of(admin, groups))
        if moved:
            for group in moved:
                self._coordinators.pop(group, None)
            again, still_moving = await self._fetch(admin, await self._coordinators_of(admin, moved))
            if still_moving:
                raise GroupCoordinatorNotAvailableError(f"no coordinator for {len(still_moving)} groups")
            found |= again
        return {group: found[group] for group in groups}

    async def _coordinators_of(self, admin: AIOKafkaAdminClient, groups: list[str]) -> dict[str, int]:
        """Each group's coordinator, looked up for the groups not yet known (a copy: a measurement
        running beside this one may forget some meanwhile)."""
        known = {group: self._coordinators[group] for group in groups if group in self._coordinators}
        gate = asyncio.Semaphore(CONCURRENT_FETCHES)

        async def find(group: str) -> None:
            async with gate:
                known[group] = self._coordinators[group] = await admin.find_coordinator(group)

        await asyncio.gather(*(find(g) for g in groups if g not in known))
        return known

    async def _fetch(
        self, admin: AIOKafkaAdminClient, coordinators: dict[str, int]
    ) -> tuple[dict[str, dict[TopicPartition, int]], list[str]]:
        """Each group's offsets, and the groups whose coordinator answered that they are not its own."""
        by_coordinator: dict[int, list[str]] = {}
        for group, node in coordinators.items():
            by_coordinator.setdefault(node, []).append(group)
        requests = [
            (node, members[i : i + GROUPS_PER_FETCH])
            for node, members in by_coordinator.items()
            for i in range(0, len(members), GROUPS_PER_FETCH)
        ]
        # Through the admin client's connection, as its own requests go (`_send_request`, aiokafka 0.14).
        responses = await asyncio.gather(
            *(admin._send_request(GroupsOffsetFetch(chunk), node) for node, chunk in requests)
        )
        found: dict[str, dict[TopicPartition, int]] = {}
        moved: list[str] = []
        for response in responses:
            for group, topics, error_code, _tags in response.groups:
                if error_code in COORDINATOR_MOVED:
                    moved.append(group)
                    continue
                if error_code:
                    raise for_code(error_code)(f"OffsetFetch {group}")
                found[group] = _committed_in(group, topics)
        return found, moved


def _committed_in(group: str, topics: list[Any]) -> dict[TopicPartition, int]:
    offsets: dict[TopicPartition, int] = {}
    for topic, partitions, _tags in topics:
        for partition, offset, _epoch, _metadata, error_code, _ in partitions:
            if error_code:
                raise for_code(error_code)(f"OffsetFetch {group} {topic}[{partition}]")
            if offset >= 0:  # -1: nothing committed
                offsets[TopicPartition(topic, partition)] = offset
    return offsets


async def _offsets_group_by_group(
    admin: AIOKafkaAdminClient, groups: list[str]
) -> dict[str, dict[TopicPartition, int]]:
    gate = asyncio.Semaphore(CONCURRENT_FETCHES)

    async def fetch(group: str) -> dict[TopicPartition, int]:
        async with gate:
            offsets = await admin.list_consumer_group_offsets(group)
        return {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}  # -1: nothing committed

    results = await asyncio.gather(*(fetch(g) for g in groups))
    return dict(zip(groups, results, strict=True))


# --- OffsetFetch v8 (many groups in one request), which aiokafka 0.14 does not define -------------
# The schema of Kafka's OffsetFetchRequest.json / OffsetFetchResponse.json at version 8 (a flexible
# version: compact strings and arrays, tagged fields). `topics` null asks for every partition the
# group committed.


class OffsetFetchResponse_v8(Response):  # type: ignore[misc]  # aiokafka ships no type information
    API_KEY = 9
    API_VERSION = 8
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "groups",
            CompactArray(
                ("group_id", CompactString("utf-8")),
                (
                    "topics",
                    CompactArray(
                        ("name", CompactString("utf-8")),
                        (
                            "partitions",
                            CompactArray(
                                ("partition_index", Int32),
                                ("committed_offset", Int64),
                                ("committed_leader_epoch", Int32),
                                ("metadata", CompactString("utf-8")),
                                ("error_code", Int16),
                                ("tags", TaggedFields),
                            ),
                        ),
                        ("tags", TaggedFields),
                    ),
                ),
                ("error_code", Int16),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class OffsetFetchRequest_v8(RequestStruct):  # type: ignore[misc]
    FLEXIBLE_VERSION = True
    API_KEY = 9
    API_VERSION = 8
    RESPONSE_TYPE = OffsetFetchResponse_v8
    SCHEMA = Schema(
        (
            "groups",
            CompactArray(
                ("group_id", CompactString("utf-8")),
                (
                    "topics",
                    CompactArray(
                        ("name", CompactString("utf-8")),
                        ("partition_indexes", CompactArray(Int32)),
                        ("tags", TaggedFields),
                    ),
                ),
                ("tags", TaggedFields),
            ),
        ),
        ("require_stable", Boolean),
        ("tags", TaggedFields),
    )


class GroupsOffsetFetch(Request[OffsetFetchRequest_v8]):  # type: ignore[misc]
    """Every partition's committed offset of each of `groups` (all coordinated by the broker asked)."""

    API_KEY = 9

    def __init__(self, groups: list[str]) -> None:
        self.groups = groups

    def build(self, request_struct_class: type[OffsetFetchRequest_v8]) -> OffsetFetchRequest_v8:
        return request_struct_class([(group, None, {}) for group in self.groups], False, {})


def _depths(
    partitions: Iterable[TopicPartition], starts: dict[TopicPartition, int], ends: dict[TopicPartition, int]
) -> tuple[TopicDepth, ...]:
    by_topic: dict[str, list[PartitionDepth]] = {}
    for tp in partitions:
        by_topic.setdefault(tp.topic, []).append(PartitionDepth(tp.partition, starts[tp], ends[tp]))
    return tuple(TopicDepth(topic, tuple(parts)) for topic, parts in sorted(by_topic.items()))

"""Create the platform's Kafka topics from the registry (`radiant_contracts.topics.all_topics()`).

Run once by docker-compose's `kafka-init` service, before any service starts. Idempotent:
missing topics are created with their partitions and config; an existing topic with fewer
partitions than the registry asks for is grown (Kafka cannot shrink); nothing is ever deleted.

Environment:
  KAFKA_BOOTSTRAP_SERVERS     broker list (default kafka:9092)
  TOPIC_REPLICATION_FACTOR    replicas per partition (default 1: the single-node compose broker)
  KAFKA_INIT_TIMEOUT_S        how long to wait for the broker to answer (default 120)
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time

from aiokafka.admin import AIOKafkaAdminClient, NewPartitions, NewTopic
from aiokafka.errors import KafkaError, for_code
from radiant_contracts.topics import all_topics

log = logging.getLogger("create_topics")

TOPIC_ALREADY_EXISTS = 36  # Kafka protocol error code


async def connect(bootstrap: str, timeout_s: float) -> AIOKafkaAdminClient:
    """Start an admin client, retrying until the broker answers or the timeout passes."""
    deadline = time.monotonic() + timeout_s
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="radiant-kafka-init")
        try:
            await admin.start()
            return admin
        except KafkaError as exc:
            await admin.close()
            if time.monotonic() >= deadline:
                raise
            log.info("broker %s not ready (%s); retrying", bootstrap, exc)
            await asyncio.sleep(2)


async def create_missing(admin: AIOKafkaAdminClient, replication_factor: int) -> None:
    specs = all_topics()
    existing = set(await admin.list_topics())

    missing = [t for t in specs if t.name not in existing]
    if missing:
        response = await admin.create_topics(
            [
                NewTopic(
                    name=t.name,
                    num_partitions=t.partitions,
                    replication_factor=replication_factor,
                    topic_configs=dict(t.config),
                )
                for t in missing
            ]
        )
        for error in response.topic_errors:
            topic, code = error[0], error[1]
            if code and code != TOPIC_ALREADY_EXISTS:  # a concurrent run created it: fine
                message = error[2] if len(error) > 2 else ""
                raise for_code(code)(f"creating topic {topic}: {message}")
            log.info("created %s", topic)

    present = [t for t in specs if t.name in existing]
    if present:
        described = {d["topic"]: len(d["partitions"]) for d in await admin.describe_topics([t.name for t in present])}
        grow = {
            t.name: NewPartitions(total_count=t.partitions)
            for t in present
            if described.get(t.name, t.partitions) < t.partitions
        }
        if grow:
            await admin.create_partitions(grow)
            for name, np in grow.items():
                log.info("grew %s to %d partitions", name, np.total_count)
        for t in present:
            if t.name not in grow:
                log.info("exists %s (%d partitions)", t.name, described.get(t.name, -1))


async def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
    replication_factor = int(os.environ.get("TOPIC_REPLICATION_FACTOR", "1"))
    timeout_s = float(os.environ.get("KAFKA_INIT_TIMEOUT_S", "120"))

    admin = await connect(bootstrap, timeout_s)
    try:
        await create_missing(admin, replication_factor)
    finally:
        await admin.close()
    log.info("topics ready: %s", ", ".join(t.name for t in all_topics()))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

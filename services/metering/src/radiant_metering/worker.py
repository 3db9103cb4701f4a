"""A standalone ingestion worker: the service's usage consumer without the HTTP app.

`python -m radiant_metering.worker [--topic usage-events] [--group metering-usage]` joins the consumer
group and ingests exactly as the service does (same handler, same transaction, offsets after commit).
Run more of them to scale out; tests use it on a private topic to kill -9 a consumer mid-stream.
DLQ records it writes to the outbox are published by the service's outbox relay (same schema).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

import redis.asyncio as aioredis
from faststream.kafka import KafkaBroker

from radiant_contracts.topics import USAGE_EVENTS
from radiant_platform.db import create_engine, create_sessionmaker
from radiant_platform.gc_tuning import tune_for_batches
from radiant_platform.kafka_security import bootstrap_list, kafka_security_of

from .config import Settings
from .consumers import usage_consumer
from .mtd import MonthToDateCounters


async def run(topic: str, group: str | None) -> None:
    settings = Settings()
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    redis = aioredis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
    consumer = usage_consumer(
        settings, lambda: sessionmaker, MonthToDateCounters(redis, settings.mtd_key_ttl_days), topic=topic, group=group
    )
    quiet = logging.getLogger("radiant_metering.worker.broker")  # no per-batch INFO lines
    quiet.setLevel(logging.WARNING)
    broker = KafkaBroker(
        bootstrap_list(settings.kafka_bootstrap_servers),
        client_id="radiant-metering-worker",
        logger=quiet,
        security=kafka_security_of(settings).broker_security(),  # metering's own Kafka principal
        allow_auto_create_topics=False,
    )
    consumer.register(broker)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    tune_for_batches()
    await broker.start()
    print(f"worker consuming {topic} as {consumer.name}", flush=True)
    try:
        await stop.wait()
    finally:
        await consumer.drain()  # the batch in flight commits its offsets while the broker is up
        await broker.stop()  # a batch inside the handler finishes and commits
        await redis.aclose()
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m radiant_metering.worker")
    parser.add_argument("--topic", default=USAGE_EVENTS)
    parser.add_argument("--group", default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    import uvloop  # the service runs on it under uvicorn; so does the standalone worker

    uvloop.run(run(args.topic, args.group))


if __name__ == "__main__":
    main()

"""A standalone billing consumer without the HTTP app: the Lago usage forwarder or the tenant
consumer, exactly as the service runs them (same handler, offsets after Lago and the database).

`python -m radiant_billing.providers.worker --consumer usage|tenants [--topic T] [--group G]`. Tests run
it on a private topic with `BILLING_PROVIDER=lago` to restart a forwarder mid-stream.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from faststream.kafka import KafkaBroker

from radiant_contracts.topics import TENANT_EVENTS, USAGE_EVENTS
from radiant_platform.db import create_engine, create_sessionmaker
from radiant_platform.kafka_security import bootstrap_list, kafka_security_of

from ..config import Settings
from ..deps import lago_deps
from .consumers import LAGO_USAGE_GROUP, lago_usage_consumer


async def run(kind: str, topic: str | None, group: str | None) -> None:
    from ..consumers import tenant_consumer  # the service's own tenant consumer

    settings = Settings()
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    deps = lago_deps(settings)
    if kind == "usage":
        consumer = lago_usage_consumer(
            lambda: deps, lambda: sessionmaker, topic=topic or USAGE_EVENTS, group=group or LAGO_USAGE_GROUP
        )
    else:
        consumer = tenant_consumer(lambda: deps, lambda: sessionmaker, topic=topic or TENANT_EVENTS, group=group)
    broker = KafkaBroker(
        bootstrap_list(settings.kafka_bootstrap_servers),
        client_id="radiant-billing-worker",
        security=kafka_security_of(settings).broker_security(),
        allow_auto_create_topics=False,
    )
    consumer.register(broker)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await broker.start()
    print(f"worker consuming {consumer.topic} as {consumer.name}", flush=True)
    try:
        await stop.wait()
    finally:
        await broker.stop()
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m radiant_billing.providers.worker")
    parser.add_argument("--consumer", choices=("usage", "tenants"), default="usage")
    parser.add_argument("--topic", default=None)
    parser.add_argument("--group", default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(run(args.consumer, args.topic, args.group))


if __name__ == "__main__":
    main()

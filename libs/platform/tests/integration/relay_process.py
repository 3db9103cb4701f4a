"""Runs one outbox relay pass in its own process, optionally dying by SIGKILL at a chosen point.

Used by the crash tests: a real process killed for real, not an exception inside the test.
Usage: python relay_process.py <db-url> <schema> <kafka> <normal|die-before-publish|die-after-publish>
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from sqlalchemy.ext.asyncio import create_async_engine

from radiant_platform.db import create_sessionmaker
from radiant_platform.outbox import OutboxRelay, make_producer
from radiant_platform.provisioning import kafka_admin_security  # the test's own login (its environment)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def main(url: str, schema: str, kafka: str, mode: str) -> None:
    engine = create_async_engine(url, connect_args={"server_settings": {"search_path": schema}})
    relay = OutboxRelay(
        create_sessionmaker(engine), make_producer(kafka, "crash-test", kafka_admin_security()), schema=schema
    )
    if mode == "die-before-publish":

        async def send_all(rows):
            _die()

        relay._send_all = send_all  # type: ignore[method-assign]
    elif mode == "die-after-publish":

        async def mark_published(session, ids):
            _die()

        relay._mark_published = mark_published  # type: ignore[method-assign]
    await relay.start()
    try:
        published = await relay.publish_pending()
        print(f"published={published}", flush=True)
    finally:
        await relay.close()
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))

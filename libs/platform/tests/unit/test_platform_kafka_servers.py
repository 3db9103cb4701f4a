"""A Kafka cluster is named by several bootstrap servers (`KAFKA_BOOTSTRAP_SERVERS=b-1:9092,b-2:9092,…`,
as a managed cluster or the local three-broker stack give it): every client of a service gets each of
them, so a service starts while any one of them answers (issue 18)."""

from __future__ import annotations

from radiant_platform.app import ServiceSpec, build_runtime
from radiant_platform.settings import ServiceSettings

SERVERS = "127.0.0.1:31092, 127.0.0.1:31102,127.0.0.1:31112"
EACH = ["127.0.0.1:31092", "127.0.0.1:31102", "127.0.0.1:31112"]


async def test_the_service_s_consumers_are_given_every_bootstrap_server() -> None:
    settings = ServiceSettings(
        service_name="seam", kafka_security_protocol="PLAINTEXT", kafka_bootstrap_servers=SERVERS
    )
    rt = await build_runtime(ServiceSpec(settings=settings, title="Seam"))
    try:
        assert rt.broker is not None
        consumer_factory = rt.broker.config.configs[0].builder  # what FastStream builds each consumer with
        assert consumer_factory.keywords["bootstrap_servers"] == EACH
    finally:
        assert rt.redis is not None and rt.http is not None
        await rt.redis.aclose()
        await rt.http.aclose()

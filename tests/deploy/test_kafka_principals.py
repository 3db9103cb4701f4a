"""The Kafka ACL table (radiant_platform.provisioning.KAFKA_PRINCIPALS) covers what every service
really does: each topic it publishes, each topic it consumes, in consumer groups its principal may
use. A consumer or a published event added without its grant would be refused by the broker at
run time; this says so before anything runs. Nothing is started: each service's `ServiceSpec` is
read from its `create_service_app`.
"""

from __future__ import annotations

import importlib
from typing import Any
from unittest import mock

import pytest
from fastapi import FastAPI

from radiant_audit.config import SiemSinkConfig
from radiant_platform.app import Runtime, ServiceSpec
from radiant_platform.provisioning import KAFKA_PRINCIPALS, KafkaPrincipal

SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")
PRINCIPALS = {p.name: p for p in KAFKA_PRINCIPALS}


def _spec(service: str) -> ServiceSpec[Any]:
    main = importlib.import_module(f"radiant_{service}.main")
    captured: list[ServiceSpec[Any]] = []

    def capture(spec: ServiceSpec[Any]) -> FastAPI:
        captured.append(spec)
        return FastAPI()  # an app for what main does next with it (the gateway's fast path wraps it)

    with mock.patch.object(main, "create_app", side_effect=capture):
        main.create_service_app()
    return captured[0]


def _consumers(spec: ServiceSpec[Any]) -> list[Any]:
    runtime: Runtime[Any] = Runtime(spec=spec, settings=spec.settings)
    runtime._deps = mock.MagicMock(settings=spec.settings)  # consumers are declared, never run
    return list(spec.consumers(runtime)) if spec.consumers else []


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_with_kafka_is_a_principal_of_the_table(service: str) -> None:
    # The gateway is a principal without a broker: it only describes offsets (the health view).
    principal = PRINCIPALS.get(service)
    assert _spec(service).uses_kafka == (principal is not None and bool(principal.reads or principal.writes))


@pytest.mark.parametrize("service", [s for s in SERVICES if s in PRINCIPALS])
def test_the_table_grants_what_the_service_publishes_and_consumes(service: str) -> None:
    spec, principal = _spec(service), PRINCIPALS[service]
    published = {model.topic for model in spec.publishes}
    assert published <= set(principal.writes), f"{service} publishes {published - set(principal.writes)} ungranted"
    for consumer in _consumers(spec):
        assert consumer.topic in principal.reads, f"{service} consumes {consumer.topic} ungranted"
        assert f"{consumer.topic}.dlq" in principal.written, f"{service} cannot dead-letter {consumer.topic}"
        assert _in_own_groups(principal, consumer.name), f"{service}'s group {consumer.name} is not its own"


def test_audit_s_siem_forwarders_read_in_audit_s_groups() -> None:
    sink = SiemSinkConfig(name="corporate", type="syslog", host="siem.example", port=6514)
    assert _in_own_groups(PRINCIPALS["audit"], sink.consumer_group)


def _in_own_groups(principal: KafkaPrincipal, group: str) -> bool:
    return isinstance(group, str) and group.startswith(principal.group_prefix)

"""What the audit service needs beyond a database session, built once in the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends

from radiant_platform.app import Runtime, deps_of
from radiant_platform.kafka_security import kafka_security_of

from .config import Settings
from .keys import CheckpointKey, load_checkpoint_key
from .siem.forwarder import SiemForwarding


@dataclass(frozen=True)
class AuditDeps:
    settings: Settings
    #: Signs chain checkpoints and verifies them; its public half is served to auditors.
    checkpoint_key: CheckpointKey
    #: Per configured SIEM sink (none in the dev stack): an event forwarder and a checkpoint exporter.
    siem: SiemForwarding


def build_deps(rt: Runtime[AuditDeps]) -> AuditDeps:
    settings = cast(Settings, rt.settings)
    # A missing key outside dev is a configuration error: raising here stops start-up.
    return AuditDeps(
        settings=settings,
        checkpoint_key=load_checkpoint_key(settings),
        siem=SiemForwarding(
            settings.siem_sinks,
            settings.kafka_bootstrap_servers,
            rt.session_factory(),
            checkpoint_poll_seconds=settings.checkpoint_export_poll_seconds,
            security=kafka_security_of(settings),
        ),
    )


Deps = Annotated[AuditDeps, Depends(deps_of)]
